"""The second half of the demo's practice replay (synth/practice.py): the observations handed in, the report and
action plan, the library's items, the plan's actions taken to where the plan leaves them, and the times moved back
to the plan's days. Every write goes through the practice and improvement services."""

from datetime import datetime, timedelta

from django.utils import timezone

from triangulate.improvement import services as improvement
from triangulate.improvement.models import Action, ActionStatusChange, Finding
from triangulate.practice.models import (
    AnalysisReport,
    EventTeam,
    LibraryItem,
    Observation,
    ObservationEntry,
    PlanItem,
    PracticeEvent,
    Visit,
)
from triangulate.practice.services import events, library, observations, picks, report, sync
from triangulate.practice.services import plan as action_plan

from .audit_conduct import at

NO_ACTIONS = ("The day's findings are followed through the practice week's action plan: each visit rated the "
              "progress of its actions.")
# When things happened, in days from the event's last day, for what the plan leaves undated.
CLOSED_AFTER, SHARED_AFTER, PLANNED_AFTER = 3, 7, 10


def observe_event(replay, event, plan, visit_of):
    """Every observed visit's notes, answers and progress ratings, handed in by its assessor (a guest's by the
    organiser); then observations closed and the team summaries shared. Returns {(visit number, entry index):
    ObservationEntry}."""
    organiser = replay.users[plan.organiser]
    headings = {h.number: h for h in event.headings.all()}
    earlier = {(i.heading.number, i.number): i for i in
               PlanItem.objects.filter(event_id=event.follows_id).select_related("heading")}
    entries = {}
    for planned in plan.visits:
        if not planned.observed:
            continue
        visit = visit_of[planned.number]
        actor = visit.assessor.user or organiser
        for index, entry in enumerate(planned.entries):
            key = (event.title, planned.number, index)
            entries[(planned.number, index)] = sync.sync_entry.step(
                actor=actor, visit=visit, client_id=replay.note_id("note", *key),
                edit_id=replay.note_id("edit", *key), base_revision=0, heading=headings[entry.heading],
                kind=entry.kind, theme=replay.themes[entry.theme], text=entry.text, quote_by=entry.quote_by,
                may_quote=entry.may_quote).record
        sync.sync_observation.step(
            actor=actor, visit=visit, edit_id=replay.note_id("answers", event.title, planned.number),
            base_version=0, what_happened=planned.what_happened, felt_supported=planned.felt_supported,
            heard_from=list(planned.heard_from),
            ratings={earlier[c.item].action_id: (c.rating, c.note) for c in planned.progress_checks})
        observations.hand_in.step(actor=actor, visit=visit)
        replay.counts["observations"] += 1
        replay.counts["notes"] += len(planned.entries)
    event = events.close_observations.step(actor=organiser, event=event)
    events.share_summaries.step(actor=organiser, event=event)
    stored = ObservationEntry.objects.select_related("observation").in_bulk([e.pk for e in entries.values()])
    return {key: stored[entry.pk] for key, entry in entries.items()}  # as handed in, not as first synced


def report_and_plan(replay, event, plan, entries):
    """The action plan's items from their entries, the report's picks, the report filled from the analysis with
    the organiser's reflection and conclusion added, approved; then the event completed."""
    organiser = replay.users[plan.organiser]
    headings = {h.number: h for h in event.headings.all()}
    for item in plan.plan_items:
        action_plan.add_item.step(
            actor=organiser, event=event, heading=headings[item.heading], issue_identified=item.issue,
            title=item.action, rationale=item.rationale, priority=item.priority, owner=replay.users[item.owner],
            due_date=item.due, theme=replay.themes[item.theme],
            team=replay.teams[item.team] if item.team else None, responsibility_note=item.responsibility_note,
            entries=[entries[key] for key in item.entries])
        replay.counts["plan items"] += 1
    written = plan.report
    for key in (written.picks if written else ()):
        picks.pick.step(actor=organiser, event=event, entry=entries[key])
    drafted, _ = report.fill_report.step(actor=organiser, event=event)
    for section, text in ((("reflection", written.reflection), ("conclusion", written.conclusion))
                          if written else ()):
        drafted.refresh_from_db()
        before = getattr(drafted, section).strip()
        drafted = report.edit_section.step(actor=organiser, report=drafted, section=section,
                                      expected_version=drafted.version,
                                      text=f"{before}\n\n{text}" if before else text)
    approver = replay.users[written.approved_by] if written else organiser
    report.approve_report.step(actor=approver, report=drafted)
    events.complete_event.step(actor=organiser, event=event, no_actions_reason="" if plan.plan_items else NO_ACTIONS)


def publish_library(replay, plan, entries):
    """The plan's library items proposed from their entries and published by the organiser (a QA lead)."""
    organiser = replay.users[plan.organiser]
    for item in plan.library_items:
        proposed = library.propose_item.step(actor=organiser, entry=entries[item.source], title=item.title,
                                        text=item.text, kind=item.kind, theme=replay.themes[item.theme])
        library.publish_item.step(actor=organiser, item=proposed, no_names_checked=True)
        LibraryItem.objects.filter(pk=proposed.pk).update(proposed_at=at(item.published_on - timedelta(days=3)),
                                                          published_at=at(item.published_on))
        replay.counts["library items"] += 1


def track_actions(replay, week, plan):
    """Each plan item's action taken to its status on the plan's day by its owner: complete ones through "in
    progress" first, with their evidence; overdue ones left in progress past their date."""
    planned_on = plan.ends_on + timedelta(days=PLANNED_AFTER)
    for planned in plan.plan_items:
        item = PlanItem.objects.select_related("action", "finding").get(
            event=week, heading__number=planned.heading, number=planned.number)
        Action.objects.filter(pk=item.action_id).update(created_at=at(planned_on))
        ActionStatusChange.objects.filter(action_id=item.action_id).update(  # "not started", as it was set
            changed_on=planned_on, recorded_at=at(planned_on))
        Finding.objects.filter(pk=item.finding_id).update(recorded_at=at(planned_on))
        PlanItem.objects.filter(pk=item.pk).update(created_at=at(planned_on))
        owner, action = replay.users[planned.owner], Action.objects.get(pk=item.action_id)
        steps = [(Action.Status.IN_PROGRESS, planned.status_on, STARTED, "")]
        if planned.status == "complete":
            steps = [(Action.Status.IN_PROGRESS, min(planned_on + timedelta(days=7), planned.status_on), STARTED, ""),
                     (Action.Status.COMPLETE, planned.status_on, planned.status_note, planned.status_note)]
        for status, day, note, evidence in steps:
            action = improvement.change_action_status.step(actor=owner, action=action, status=status, changed_on=day,
                                                      note=note, evidence=evidence)
            ActionStatusChange.objects.filter(action=action, changed_on=day).update(recorded_at=at(day, 30))
        replay.counts[f"actions {planned.status.replace('_', ' ')}"] += 1


STARTED = "Started; progress reviewed monthly."


def backdate_event(event, plan, visit_of):
    """Move the times the services stamped "now" back to the plan's days, for an event of the past (the day still
    to come keeps its own)."""
    if plan.published_on is None:
        return
    published = plan.published_on
    PracticeEvent.objects.filter(pk=event.pk).update(created_at=at(published - timedelta(days=21)),
                                                     published_at=at(published, 60))
    EventTeam.objects.filter(event=event, details_confirmed_at__isnull=False).update(
        details_confirmed_at=at(published - timedelta(days=2)))
    for number, visit in visit_of.items():
        Visit.objects.filter(pk=visit.pk).update(created_at=at(published - timedelta(days=7), number))
        Visit.objects.filter(pk=visit.pk, consent_recorded_at__isnull=False).update(
            consent_recorded_at=at(published + timedelta(days=3), number))
        Visit.objects.filter(pk=visit.pk, conflict_accepted_at__isnull=False).update(
            conflict_accepted_at=at(published - timedelta(days=1)))
        _backdate_observation(visit)
    if plan.status != PracticeEvent.Status.COMPLETE:
        return
    last = plan.ends_on
    PracticeEvent.objects.filter(pk=event.pk).update(
        observation_closed_at=at(last + timedelta(days=CLOSED_AFTER)),
        summaries_shared_at=at(last + timedelta(days=SHARED_AFTER)), completed_at=at(plan.completed_on))
    approved = plan.report.approved_on if plan.report else plan.completed_on - timedelta(days=4)
    AnalysisReport.objects.filter(event=event).update(approved_at=at(approved), updated_at=at(approved))
    planned_on = at(last + timedelta(days=PLANNED_AFTER))
    PlanItem.objects.filter(event=event).update(created_at=planned_on)


def _backdate_observation(visit):
    observation = Observation.objects.filter(visit=visit).first()
    if observation is None:
        return
    started = timezone.make_aware(datetime.combine(visit.date, visit.starts_at))
    finished = timezone.make_aware(datetime.combine(visit.date, visit.ends_at))
    Observation.objects.filter(pk=observation.pk).update(started_at=started,
                                                         handed_in_at=finished + timedelta(hours=3))
    for n, pk in enumerate(observation.entries.order_by("pk").values_list("pk", flat=True)):
        moment = started + timedelta(minutes=5 * n + 5)
        ObservationEntry.objects.filter(pk=pk).update(created_at=moment, updated_at=moment)
