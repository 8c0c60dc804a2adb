"""The demo council's practice weeks and days (design §10, S8), replayed through the services on a small demo
council: made once (building the council takes about half a minute, so one well-packed test reads it). What the
plan holds is pinned by tests/synth/test_practice_plan.py; this checks that the replay stores it as the pages will
read it, and dates it in the past."""

from collections import Counter
from datetime import date

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from triangulate.core.models import Notification, Theme
from triangulate.improvement.models import (
    Action,
    EvidenceNote,
    ImprovementPlan,
    PriorityUpdate,
    SelfAssessment,
    TopTen,
    TrainingTopic,
)
from triangulate.people.selectors import home_teams
from triangulate.practice import checks
from triangulate.practice.models import (
    AnalysisReport,
    Assessor,
    LibraryItem,
    Observation,
    ObservationEntry,
    PlanItem,
    PracticeEvent,
    ProgressCheck,
)
from triangulate.synth.demo import generate_demo_council
from triangulate.synth.demo_data import demo_story, import_demo_annex_a
from triangulate.synth.improvement import add_demo_improvement
from triangulate.synth.practice import add_demo_practice

WORKFORCE, VOICE = "workforce-and-caseloads", "voice-of-the-child"


def share_positive(entries):
    kinds = [e.kind for e in entries if e.kind in ("strength", "area_for_development")]
    return kinds.count("strength") / len(kinds)


def test_the_demo_council_has_a_complete_practice_week_and_days_that_follow_it(transactional_db, settings, tmp_path,
                                                                             client_for):
    settings.DATA_DIR = tmp_path / "data"
    council = generate_demo_council(seed=3, children=3_000, as_of=date.today()).council
    import_demo_annex_a(council, seed=3, months=2)  # not in a test transaction: the import runs on commit
    summary = add_demo_practice(council, seed=3)
    assert add_demo_practice(council, seed=3) is None  # once only
    today = timezone.localdate()
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="demo.")}
    qa, manager = users["demo.qalead"], users["demo.teammanager"]
    assert {"demo.headofservice1", "demo.headofservice2"} <= set(users)

    # one week, complete; two days that followed it, complete; next month's day, published and not yet observed
    week = PracticeEvent.objects.get(council=council, kind="week")
    days = list(PracticeEvent.objects.filter(council=council, kind="day").order_by("starts_on"))
    assert week.status == "complete" and [d.status for d in days] == ["complete", "complete", "published"]
    assert all(d.follows_id == week.pk for d in days)
    assert week.ends_on < days[0].starts_on < days[1].starts_on < today < days[2].starts_on
    assert summary["events"] == 4 and summary["visits"] == week.visits.count() + sum(d.visits.count() for d in days)

    # the week's timetable passes its own checks: no error, the one own-line visit accepted with a reason
    found = checks.problems(week)
    assert checks.errors(found) == [] and week.visits.exclude(conflict_reason="").count() == 1
    assert set(week.teams.values_list("team_id", flat=True)) == set(week.visits.values_list("team_id", flat=True))
    assert not week.teams.filter(office_contact__isnull=True).exists()
    # demo.teammanager's team is visited, and its details were confirmed by them
    mine = week.teams.get(team__in=home_teams(manager).filter(team_type="locality_safeguarding"))
    assert mine.details_confirmed_by == manager

    # every visit of a past event was observed and handed in on its own day; a guest's notes typed by the organiser
    past = [week, days[0], days[1]]
    handed_in = Observation.objects.filter(event__in=past)
    assert handed_in.count() == sum(e.visits.count() for e in past) == summary["observations"]
    assert set(handed_in.values_list("state", flat=True)) == {"handed_in"}
    assert all(o.handed_in_at.date() == o.visit.date for o in handed_in.select_related("visit"))
    guests = handed_in.filter(assessor__kind=Assessor.Kind.GUEST)
    assert guests.exists() and set(guests.values_list("entered_by", flat=True)) == {qa.pk}
    assert not Observation.objects.filter(event=days[2]).exists()
    notes = ObservationEntry.objects.filter(observation__event=week).select_related("theme", "observation__team")
    assert summary["notes"] == ObservationEntry.objects.filter(observation__event__in=past).count()
    assert 3 * week.visits.count() <= notes.count() <= 6 * week.visits.count()

    # the story shows in the notes: the strong team's voice of the child mostly strengths, the strained
    # locality's workforce mostly areas for development
    cast = demo_story(council, seed=3).cast
    strong = [e for e in notes if e.observation.team.name == cast.strong_team and e.theme.slug == VOICE]
    strained = [e for e in notes if e.observation.team.name in cast.strained_teams and e.theme.slug == WORKFORCE]
    assert len(strong) >= 2 and len(strained) >= 2
    assert share_positive(strong) > 0.5 > share_positive(strained)

    # the report approved with the organiser's reflection; picks from the week's notes; eight plan items, two
    # per heading, their actions where the plan leaves them: 3 complete, 3 in progress, 2 overdue
    report = AnalysisReport.objects.get(event=week)
    assert report.status == "approved" and "What should change next time" in report.reflection
    assert report.introduction.strip() and report.headings.exclude(strengths="").exists()
    assert week.completed_at.date() < today and report.approved_at <= week.completed_at
    items = PlanItem.objects.filter(event=week).select_related("action", "heading")
    assert Counter(i.heading.number for i in items) == {1: 2, 2: 2, 3: 2, 4: 2}
    statuses = Counter("overdue" if i.action.is_overdue(today) else i.action.status for i in items)
    assert statuses == {"complete": 3, "in_progress": 3, "overdue": 2}
    # built from the week's notes of the item's own team (at this size one item's team, demo.teammanager's, also
    # plays the strong team and has no area for development on parents: that item stands on its own)
    sourced = [i for i in items if i.entries.exists()]
    assert len(sourced) >= 7
    assert all({e.observation.team_id for e in i.entries.select_related("observation")} <= {i.action.team_id}
               for i in sourced if i.action.team_id)
    assert all(i.action.created_at.date() > week.ends_on and
               all(c.changed_on < today for c in i.action.status_history.all()) for i in items)
    assert Action.objects.filter(status="complete").exclude(evidence="").count() >= 3

    # the library: the strong team's good practice and case example, published some weeks after the week
    library = LibraryItem.objects.filter(status="published")
    assert library.count() == 2 and {i.from_team.name for i in library} == {cast.strong_team}
    assert sorted(library.values_list("kind", flat=True)) == ["case_example", "innovative_practice"]
    assert all(week.ends_on < i.proposed_at.date() < i.published_at.date() < today for i in library)

    # the days rated every earlier action on every visit; the strained team's caseload action some progress
    checks_made = ProgressCheck.objects.filter(observation__event__in=days[:2])
    assert checks_made.exists() and not checks_made.filter(rating="").exists()
    assert checks_made.filter(observation__event=days[0], rating="some_progress").count() == 2 * days[0].visits.count()

    # the past's notifications are read; demo.teammanager's about next month's day is not
    assert not Notification.objects.filter(read_at__isnull=True, url=reverse("practice:timetable", args=[week.pk]))
    assert Notification.objects.filter(user=manager, read_at__isnull=True,
                                       url__in=[reverse("practice:event_team_edit", args=[t.pk])
                                                for t in days[2].teams.all()]).exists()

    # the pages read it: the organiser's analysis, report and plan of the week, the team manager's summary
    client = client_for(qa)
    for name in ("analysis", "report", "plan", "event_detail"):
        assert client.get(reverse(f"practice:{name}", args=[week.pk])).status_code == 200, name
    page = client.get(reverse("practice:analysis", args=[week.pk])).content.decode()
    assert cast.strong_team in page
    summary_page = client_for(manager).get(reverse("practice:team_summary", args=[week.pk, mine.team_id]))
    assert summary_page.status_code == 200

    # issue 12's demo work reads the practice week as evidence (here without audits: the audits demo has its own
    # test): QPAG's paragraph on the voice of the child cites the observations, the top 10 is saved from the ranking,
    # and the workforce development plan has its topics, one delivered
    made = add_demo_improvement(council, seed=3)
    assert add_demo_improvement(council, seed=3) is None  # once only
    assert {k: made[k] for k in ("evidence notes", "top 10 lists", "training topics", "priorities",
                                 "self-assessments")} == {"evidence notes": 2, "top 10 lists": 2, "training topics": 2,
                                                          "priorities": 10, "self-assessments": 2}
    plan = ImprovementPlan.objects.get(level="council")
    assert plan.status == "live" and plan.children.filter(level="service").count() == made["service plans"] >= 2
    assert PriorityUpdate.objects.filter(priority__plan=plan).count() == made["priority updates"] > 0
    assert not PriorityUpdate.objects.filter(on__gt=today).exists()
    assert made["actions linked"] > 0 and Action.objects.filter(plan_priority__plan=plan).count() == made[
        "actions linked"]
    last, draft = SelfAssessment.objects.order_by("year")
    assert (last.status, draft.status, draft.year) == ("published", "draft", last.year + 1)
    assert last.reviewer_name and not last.judgements.filter(external_grade__isnull=True).exists()
    assert draft.judgements.filter(grade__isnull=False).count() == 6 and draft.judgements.filter(
        priorities__isnull=False).exists()
    voice = EvidenceNote.objects.get(scope_kind="theme", scope_id=Theme.objects.get(slug=VOICE).pk)
    assert "Practice observation: " in voice.text and "QPAG agreed" in voice.text
    areas = TopTen.objects.get(kind="area_for_development").items.values_list("theme__slug", flat=True)
    assert WORKFORCE in areas
    assert TrainingTopic.objects.filter(status="delivered", delivered_on__lt=today).count() == 1
