"""The demo council's practice weeks and days (design §10, S8): one complete practice week about five months ago,
its report and action plan, two library items, two practice days that followed it up and next month's day,
published and not yet observed.

The story is planned as plain data (practice_plan.py, pure and tested) and replayed here through the practice
services as the demo accounts, so the trail, the checks and the notifications are real; then the times the
services stamped "now" are moved back to the days the plan gives them, as synth/audits.py does.

One thing differs from the plan because the services refuse it in the past, as they would for a council: a guest's
invitation is refused once their access would already have ended, so the partnership manager of a past week stays
on paper and the organiser types their notes in (§3.3 `entered_by`). Deterministic for a seed and day; all or
nothing; made once."""

import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from triangulate.core.authority import System
from triangulate.core.models import Notification, Theme
from triangulate.core.roles import Role
from triangulate.datasets.models import Upload
from triangulate.people import services as people_services
from triangulate.people.models import StaffMember, StaffRole
from triangulate.people.selectors import home_teams, team_managers
from triangulate.practice.models import EventTeam, PracticeEvent, Visit
from triangulate.practice.services import assessors, events, publish, teams, visits

from .demo import DEMO_PASSWORD
from .demo_data import demo_story
from .practice_observe import backdate_event, observe_event, publish_library, report_and_plan, track_actions
from .practice_plan import plan_practice
from .practice_records import PracticeInputs, TeamInfo

NAMESPACE = uuid.UUID("6f1d3c1e-5b7a-4c43-9a2e-7d1f0c2b9e41")  # the demo's note ids, so a seed always makes the same


@dataclass
class Replay:
    """What the replay shares: the council, its accounts and teams by name, the themes by slug, the counts."""

    council: object
    seed: int
    users: dict  # username -> User
    teams: dict  # the story's team name -> Team
    themes: dict  # slug -> Theme
    counts: Counter = field(default_factory=Counter)

    def note_id(self, *parts):
        return uuid.uuid5(NAMESPACE, "/".join(str(p) for p in (self.seed, *parts)))


@transaction.atomic
def add_demo_practice(council, *, seed=1, today=None):
    """Make the demo council's practice weeks and days unless it has a practice event already (returns None
    then); otherwise returns a summary {what: count}. Needs a published Annex A extract (the story's latest
    month) and the demo accounts."""
    if PracticeEvent.objects.filter(council=council).exists():
        return None
    today = today or timezone.localdate()
    latest = (Upload.objects.filter(council=council, status=Upload.Status.SUCCEEDED)
              .order_by("-extract_date").values_list("extract_date", flat=True).first())
    if latest is None:
        raise ValueError("The demo council's practice weeks need a published Annex A extract: import the "
                         "extracts first.")
    story = demo_story(council, seed=seed, today=today)
    by_story_name = {t.case_system_name or t.name: t for t in council.teams.filter(is_active=True)
                     .select_related("service_area")}
    manager = get_user_model().objects.get(username="demo.teammanager")
    manager_team = home_teams(manager).filter(team_type="locality_safeguarding").order_by("pk").first()
    service_areas = get_user_model().objects.get(username="demo.servicemanager").profile.service_areas
    inputs = PracticeInputs.from_story(
        story, [TeamInfo(name, t.team_type, t.service_area.name if t.service_area else "")
                for name, t in sorted(by_story_name.items())],
        manager_team.case_system_name or manager_team.name,
        service_manager_areas=tuple(service_areas.values_list("name", flat=True)))
    plan = plan_practice(inputs, seed=seed, latest_extract=latest)
    replay = Replay(council=council, seed=seed, users=_accounts(council, plan.new_accounts, today),
                    teams=by_story_name, themes={t.slug: t for t in Theme.objects.all()})
    first_notice = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    week = _replay_event(replay, plan.week)
    for day in plan.days:
        _replay_event(replay, day, follows=week)
    track_actions(replay, week, plan.week)
    _quiet_past_notifications(first_notice, PracticeEvent.objects.filter(council=council, starts_on__gt=today))
    replay.counts["events"] = len(plan.events)
    return replay.counts


def _accounts(council, new_accounts, today):
    """The demo accounts by username, with the heads of service's made from their staff records: the first head of
    service in post with no account yet, or (a post vacant) a service manager of the same team."""
    for account in new_accounts:
        if get_user_model().objects.filter(username=account.username).exists():
            continue
        staff = (StaffMember.objects.in_post_on(today)
                 .filter(council=council, memberships__team__name=account.staff_team,
                         memberships__end_date__isnull=True, account__isnull=True).order_by("staff_ref"))
        person = (staff.filter(role=account.staff_role).first()
                  or staff.filter(role=StaffRole.SERVICE_MANAGER).first())
        if person is None:
            raise ValueError(f"The demo council has no {account.staff_role.replace('_', ' ')} in "
                             f"{account.staff_team} without an account, for {account.username}.")
        people_services.create_account.step(
            actor=System.DEMO, username=account.username, password=DEMO_PASSWORD, first_name=person.first_name,
            last_name=person.last_name, role=Role(account.role), staff=person)
    return {u.username: u for u in get_user_model().objects.filter(username__startswith="demo.")}


def _replay_event(replay, plan, follows=None):
    """One event from planning to where the plan leaves it (complete, or published)."""
    organiser = replay.users[plan.organiser]
    themes = [replay.themes[slug] for slug in plan.focus_themes]
    if follows is None:
        event = events.create_event.step(
            actor=organiser, council=replay.council, kind=plan.kind, title=plan.title, starts_on=plan.starts_on,
            ends_on=plan.ends_on, focus=plan.focus, organisers=[organiser], focus_themes=themes,
            max_visits_per_day=plan.max_visits_per_day)
        for team in plan.teams:
            teams.add_team.step(actor=organiser, event=event, team=replay.teams[team.team])
    else:
        event = events.follow_up_day.step(actor=organiser, event=follows, team=replay.teams[plan.teams[0].team],
                                     title=plan.title, on=plan.starts_on)
        event = events.edit_event.step(actor=organiser, event=event, focus=plan.focus, focus_themes=themes)
    _team_details(replay, event, plan, organiser)
    by_key = _assessors(replay, event, plan, organiser)
    visit_of = _timetable(replay, event, plan, organiser, by_key)
    publish.publish_timetable.step(actor=organiser, event=event)
    replay.counts["visits"] += len(visit_of)
    if plan.status == PracticeEvent.Status.COMPLETE:
        entries = observe_event(replay, event, plan, visit_of)
        report_and_plan(replay, event, plan, entries)
        if plan.library_items:
            publish_library(replay, plan, entries)
    event.refresh_from_db()
    backdate_event(event, plan, visit_of)
    return event


def _team_details(replay, event, plan, organiser):
    """Each team's office contact (its team manager in post), meeting point, context and focus, as the organiser
    wrote them; confirmed by the team's manager where the demo has an account for one."""
    for team_plan in plan.teams:
        event_team = EventTeam.objects.get(event=event, team=replay.teams[team_plan.team])
        contact = _in_post(event_team.team, ("team_manager", "service_manager", "senior_practitioner"),
                           plan.starts_on)
        event_team = teams.edit_team_details.step(
            actor=organiser, event_team=event_team, office_contact=contact,
            contact_details=team_plan.contact_details, meeting_point=team_plan.meeting_point,
            context=team_plan.context, focus_note=team_plan.focus_note)
        manager = team_managers(event_team.team).filter(username__startswith="demo.").first()
        if manager is not None:
            teams.confirm_team_details.step(actor=manager, event_team=event_team)


def _in_post(team, roles, day):
    """The first member of `team` in post on `day` with the first of `roles` anyone in the team has, or None."""
    staff = (StaffMember.objects.in_post_on(day)
             .filter(memberships__team=team, memberships__end_date__isnull=True).order_by("staff_ref"))
    for role in roles:
        person = staff.filter(role=role).first()
        if person is not None:
            return person
    return None


def _assessors(replay, event, plan, organiser):
    """The event's assessors by the plan's keys (staff by account; guests on paper, see the module docstring)."""
    by_key = {}
    for person in plan.assessors:
        conflicts = [replay.teams[name] for name in person.conflict_teams]
        if person.kind == "staff":
            by_key[person.key] = assessors.add_staff_assessor.step(
                actor=organiser, event=event, user=replay.users[person.username], conflict_teams=conflicts)
        else:
            by_key[person.key] = assessors.add_guest.step(
                actor=organiser, event=event, name=person.name, organisation=person.organisation,
                job_title=person.job_title, email=person.email, conflict_teams=conflicts)
        replay.counts["assessors"] += 1
    return by_key


def _timetable(replay, event, plan, organiser, by_key):
    """The plan's visits by number: made, consent recorded, the one own-line visit accepted with its reason."""
    event_teams = {et.team_id: et for et in event.teams.all()}
    visit_of = {}
    for planned in plan.visits:
        team = replay.teams[planned.team]
        visit = visits.create_visit.step(
            actor=organiser, event=event, event_team=event_teams[team.pk], assessor=by_key[planned.assessor],
            date=planned.date, starts_at=planned.starts_at, ends_at=planned.ends_at, activity=planned.activity,
            activity_note=planned.activity_note, location=planned.location,
            host=_in_post(team, (planned.host_role or "social_worker", "social_worker", "senior_practitioner"),
                          planned.date))
        if planned.consent == Visit.Consent.GIVEN:
            visit = visits.record_consent.step(actor=organiser, visit=visit, consent=Visit.Consent.GIVEN)
        if planned.conflict_reason:
            visit = visits.accept_conflict.step(actor=organiser, visit=visit, reason=planned.conflict_reason)
        visit_of[planned.number] = visit
    return visit_of


def _quiet_past_notifications(after_pk, future_events):
    """The replay's notifications about the past would have been read long ago: mark them read once delivered (on
    commit), leaving unread those about events still to come (the assessors' and the team's for next month's
    day)."""
    from django.urls import reverse

    keep = set()
    for event in future_events:
        keep |= {reverse("practice:timetable", args=[event.pk]), reverse("practice:my_visits")}
        keep |= {reverse("practice:event_team_edit", args=[t.pk]) for t in event.teams.all()}

    def mark_read():
        Notification.objects.filter(pk__gt=after_pk, read_at__isnull=True).exclude(url__in=keep).update(
            read_at=timezone.now())

    transaction.on_commit(mark_read)

