"""The demo council's improvement work (docs/design/improvement.md §10, S6): the story of synth/improvement_data.py
replayed through the improvement services as the demo accounts, after the audits and the practice week, so its
evidence packs, top 10 and learning loop read the demo's own KPIs, audits and observations.

It makes the plan year's council plan with its ten priorities and their dated progress, service plans from it, last
year's self-assessment (published, externally reviewed) and this year's draft (synth/improvement_plan.py); QPAG's
paragraphs on the voice of the child and on visits (the drafts the packs write, as the QA lead saw them, with a
sentence of the lead's own); the council's top 10 saved from the ranking; and the workforce development plan's
topics. Deterministic for a seed and day; all or nothing; made once."""

from collections import Counter
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from triangulate.core.models import Theme
from triangulate.datasets.models import Upload
from triangulate.improvement import ranking
from triangulate.improvement.defaults import ensure_assessment_defaults
from triangulate.improvement.evidence.gather import council_signals, theme_order
from triangulate.improvement.evidence_notes import save_evidence_note
from triangulate.improvement.evidence_pack import build_pack, default_period
from triangulate.improvement.learning import add_training_topic, update_training_topic
from triangulate.improvement.models import EvidenceNote, ImprovementPlan, SelfAssessment, TopTen, TrainingTopic
from triangulate.improvement.top_ten import save_top_ten

from .demo_data import demo_story
from .improvement_data import TRAINING, plan_year_start
from .improvement_plan import add_assessments, add_plan

NOTED_THEMES = {
    "voice-of-the-child": "QPAG agreed: the child's voice is strongest where teams use the direct work tools; spread "
                          "them to the teams where the notes are thin.",
    "visits-and-direct-work": "QPAG agreed: visits look better in the figures than on the page. The team manager "
                              "reads five visit notes a month until audits of visits are good.",
}


@transaction.atomic
def add_demo_improvement(council, *, seed=1, today=None):
    """Make the demo council's improvement work unless it has some already (returns None then); otherwise a summary
    {what: count}. Needs the demo accounts; reads the audits and practice weeks made before it."""
    if any(model.objects.filter(council=council).exists()
           for model in (ImprovementPlan, SelfAssessment, EvidenceNote, TopTen, TrainingTopic)):
        return None
    today = today or timezone.localdate()
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="demo.")}
    qa, psw = users["demo.qalead"], users["demo.psw"]
    themes = {t.slug: t for t in Theme.objects.all()}
    counts = Counter()
    ensure_assessment_defaults(council)
    story = demo_story(council, seed=seed, today=today)
    start, end = default_period(today)
    latest = (Upload.objects.filter(council=council, status=Upload.Status.SUCCEEDED)
              .order_by("-extract_date").values_list("extract_date", flat=True).first()) or today
    year_start = plan_year_start(latest)
    _plan, priorities = add_plan(council, users, story.cast, year_start, today, counts)
    add_assessments(council, users, priorities, year_start, today, counts)
    for slug, words in NOTED_THEMES.items():
        pack = build_pack("theme", themes[slug], qa, council, start, end)
        save_evidence_note.step(actor=qa, council=council, scope_kind="theme", scope_id=themes[slug].pk,
                                text=f"{pack.draft}\n\n{words}", period_start=start, period_end=end)
        counts["evidence notes"] += 1
    signals = council_signals(council, today)
    for kind, listed in ranking.rank(signals, today, theme_order=theme_order()).items():
        items = [{"theme": themes[r.theme], "title": themes[r.theme].name, "text": r.explained(),
                  "evidence": [{"source": s.source, "title": s.text, "url": s.url, "on": s.on.isoformat()}
                               for s in r.signals[:5]]} for r in listed if r.theme in themes]
        if items:
            save_top_ten.step(actor=qa, council=council, kind=kind, ranked_on=today, items=items)
            counts["top 10 lists"] += 1
    recurring = dict(ranking.recurring(signals, today))
    for title, slug, audience, delivered_days in TRAINING:
        found = recurring.get(slug, [])
        topic = add_training_topic.step(
            actor=psw, council=council, title=title, theme=themes[slug], audience=audience,
            evidence=[{"source": s.source, "title": s.text, "url": s.url, "on": s.on.isoformat()} for s in found[:8]])
        if delivered_days is not None:
            delivered = min(today - timedelta(days=14), year_start + timedelta(days=delivered_days))
            update_training_topic.step(actor=psw, topic=topic, title=title, theme=themes[slug], audience=audience,
                                       status="delivered", delivered_on=delivered, expected_version=topic.version)
        counts["training topics"] += 1
    return counts
