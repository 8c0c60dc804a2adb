"""The demo council's case file audits (design §10, S8): made once on a small demo council (building it takes
about half a minute, so one well-packed test reads it), plus the pure draws the grades come from."""

from collections import Counter
from datetime import date, timedelta

from django.contrib.auth import get_user_model

from triangulate.audits.models import (
    AuditAction,
    AuditRound,
    CaseAudit,
    FamilyFeedback,
    Moderation,
    Response,
    SafeguardingFlag,
    TrackerImport,
)
from triangulate.improvement.models import Action
from triangulate.people.selectors import home_teams
from triangulate.synth import audit_draws as draws
from triangulate.synth.audits import add_demo_audits
from triangulate.synth.demo import generate_demo_council
from triangulate.synth.demo_data import demo_story, import_demo_annex_a

DONE = CaseAudit.DONE_STATES
EVERY_STAGE = {"allocated", "record_review", "worker_conversation", "family_feedback", "graded", "submitted",
               "moderated"}


def good_share(audits):
    values = [a.overall_grade.value for a in audits]
    return sum(v >= 3 for v in values) / len(values)


def test_the_demo_council_has_two_years_of_audits_and_a_round_in_progress(transactional_db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    council = generate_demo_council(seed=3, children=3_000, as_of=date.today()).council
    import_demo_annex_a(council, seed=3, months=2)  # not in a test transaction: the import runs on commit
    summary = add_demo_audits(council, seed=3)
    assert add_demo_audits(council, seed=3) is None  # once only

    # six monthly rounds, a month apart, the five older closed and the latest in progress; a visits round and
    # a surgery, both closed; and the tracker's history as one imported round
    rounds = AuditRound.objects.filter(council=council)
    monthly = list(rounds.filter(kind="monthly").order_by("audits_due"))
    assert [r.status for r in monthly] == ["closed"] * 5 + ["in_progress"]
    assert [(r.audits_due.year * 12 + r.audits_due.month) - (monthly[0].audits_due.year * 12
                                                              + monthly[0].audits_due.month) for r in monthly] \
        == [0, 1, 2, 3, 4, 5]
    assert sorted(rounds.exclude(kind="monthly").values_list("kind", "status")) == [
        ("imported", "closed"), ("surgery", "closed"), ("themed", "closed")]
    assert summary["rounds"] == 8
    surgery = rounds.get(kind="surgery")
    story = demo_story(council, seed=3)
    team = surgery.teams.get()
    assert team.every_open_case and team.team.name in story.cast.strained_teams  # South, at this size
    cin = surgery.sample_counts[str(team.team_id)]["cin"]  # every open child in need case of the team
    assert cin["open"] == cin["eligible"] == cin["quota"] == surgery.entries.count() == surgery.audits.count()

    # the latest round: every stage, one of demo.auditor's not started, an open flag in demo.teammanager's team
    latest = monthly[-1]
    assert set(latest.audits.values_list("state", flat=True)) == EVERY_STAGE
    assert latest.audits.filter(auditor__username="demo.auditor", state="allocated").exists()
    manager = get_user_model().objects.get(username="demo.teammanager")
    open_flags = SafeguardingFlag.objects.filter(status="raised")
    assert open_flags.count() == 1
    assert open_flags.get().team in home_teams(manager) and open_flags.get().audit.round == latest
    assert SafeguardingFlag.objects.filter(status="closed").exists()  # older flags were dealt with
    # every audit of a closed round is done or withdrawn, and every moderation of it finished
    for round_ in rounds.filter(status="closed").exclude(kind="imported"):
        assert set(round_.audits.values_list("state", flat=True)) <= {"submitted", "moderated", "withdrawn"}
        assert not Moderation.objects.filter(audit__round=round_, status__in=["selected", "allocated"]).exists()

    # the history: 24 months of the 11 case-holding teams with open cases at this size, one row each a month
    tracker = TrackerImport.objects.get()
    assert (tracker.status, tracker.rows, summary["imported"]) == ("imported", 24 * 11, 264)
    history = rounds.get(kind="imported")
    assert history.audits.count() == 264 and history.audits.filter(state="moderated").exists()
    assert history.audits.filter(auditor__isnull=True).exists()  # auditors who left: their names only
    assert max(history.audits.values_list("completed_on", flat=True)) < monthly[0].sampled_at.date()

    # the story shows: the strong team grades better than the strained locality's teams, over all of it
    done = CaseAudit.objects.filter(state__in=DONE).select_related("overall_grade", "team")
    strong = [a for a in done if a.team.name == story.cast.strong_team]
    strained = [a for a in done if a.team.name in story.cast.strained_teams]
    assert len(strong) >= 25 and len(strained) >= 60
    assert good_share(strong) > good_share(strained) + 0.1

    # the lenient auditor (the service manager) is re-graded more than the others, and always down
    moderated = Moderation.objects.filter(status__in=["agreed", "regraded"]).select_related(
        "audit__auditor", "auditor_grade", "moderator_grade")
    lenient = [m for m in moderated if m.audit.auditor and m.audit.auditor.username == "demo.servicemanager"]
    others = [m for m in moderated if m not in lenient]
    agreement = lambda ms: sum(m.status == "agreed" for m in ms) / len(ms)  # noqa: E731
    assert len(lenient) >= 8 and agreement(lenient) < agreement(others) - 0.2
    assert 0.7 <= agreement(list(moderated)) <= 0.92  # about 80% overall
    down = [m.moderator_grade.value < m.auditor_grade.value for m in lenient if m.status == "regraded"]
    assert down.count(True) > 2 * down.count(False)  # mostly down: one step generous

    # families: about three in four reached; the rounds' audits each have their feedback
    outcomes = Counter(FamilyFeedback.objects.filter(audit__source="sampled", audit__state__in=DONE)
                       .values_list("outcome", flat=True))
    assert 0.6 <= outcomes["reached"] / sum(outcomes.values()) <= 0.9
    assert not CaseAudit.objects.filter(source="sampled", state__in=DONE, family_feedback__isnull=True).exists()
    assert FamilyFeedback.objects.filter(featured=True, consent=True).exists()  # quotes for the briefing
    # demo.teammanager comments on shared drafts in their team
    assert Response.objects.filter(kind="manager_comment", author=manager, audit__team__in=home_teams(manager)).exists()

    # actions from inadequate audits (submission refuses one without), some complete and some overdue; the
    # surgery's cases found for closure or transfer are actions of those kinds
    inadequate = CaseAudit.objects.filter(source="sampled", state__in=DONE, overall_grade__is_inadequate=True)
    assert inadequate.exists() and not inadequate.filter(action_links__isnull=True).exists()
    actions = Action.objects.filter(case_audit_link__isnull=False)
    assert actions.filter(status="complete").exists()
    assert actions.filter(status__in=Action.OPEN_STATUSES, due_date__lt=date.today()).exists()
    kinds = set(AuditAction.objects.filter(audit__round=surgery).values_list("kind", flat=True))
    assert kinds & {"close_case", "transfer"}
    # dates are the past's, not the day the demo was made
    past = CaseAudit.objects.filter(round__in=monthly[:5], state__in=DONE).select_related("round")
    assert all(a.round.sampled_at.date() < a.completed_on <= a.round.audits_due + timedelta(days=4) for a in past)
    assert any(a.completed_on > a.round.audits_due for a in past)  # a few late


def test_grades_are_drawn_from_the_story_quality_the_same_way_every_time():
    first = [draws.grade_value(draws.rng_for(3, "audit", n), 0.6) for n in range(20_000)]
    again = [draws.grade_value(draws.rng_for(3, "audit", n), 0.6) for n in range(20_000)]
    assert first == again
    assert first != [draws.grade_value(draws.rng_for(4, "audit", n), 0.6) for n in range(20_000)]
    shares = {v: c / len(first) for v, c in Counter(first).items()}
    # good or better with probability 0.6 (a fifth of them outstanding); a quarter of the rest inadequate
    assert abs(shares[3] + shares[4] - 0.6) < 0.02 and abs(shares[4] - 0.12) < 0.01
    assert abs(shares[1] - 0.1) < 0.01 and abs(shares[2] - 0.3) < 0.015


def test_families_moderators_and_surgeries_are_drawn_as_the_design_says():
    rng = draws.rng_for(1, "families")
    views = [draws.family_view(rng, 0.8) for _ in range(20_000)]
    reached = [v for v in views if v.outcome == "reached"]
    assert abs(len(reached) / len(views) - 0.75) < 0.015
    answered = [v for v in reached if v.consent]
    assert abs(sum(v.positive_difference == "yes" for v in answered) / len(answered) - (0.55 + 0.35 * 0.8)) < 0.02
    assert all(not v.what_went_well and not v.positive_difference for v in reached if not v.consent)
    # a moderator grades back what the work deserved when the auditor was generous, and otherwise agrees
    # about 88% of the time (one step either way the rest)
    assert draws.moderator_value(rng, 2, 3) == 2
    same = [draws.moderator_value(rng, 3, 3) for _ in range(20_000)]
    assert abs(same.count(3) / len(same) - 0.88) < 0.015 and set(same) == {2, 3, 4}
    assert {draws.moderator_value(rng, 4, 4) for _ in range(500)} == {3, 4}  # never past outstanding
    lifted = [draws.auditor_value(rng, 2, lenient=True) for _ in range(20_000)]
    assert abs(lifted.count(3) / len(lifted) - 0.6) < 0.015 and draws.auditor_value(rng, 4, lenient=True) == 4
    verdicts = Counter(draws.surgery_finding(rng) for _ in range(20_000))
    assert abs(verdicts["close_case"] / 20_000 - 0.20) < 0.015 and abs(verdicts["transfer"] / 20_000 - 0.12) < 0.01
