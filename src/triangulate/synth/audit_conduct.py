"""One demo audit taken through its stages by its auditor, with the audits services (design §3.2), so that the
trail, the revisions and the moderation selection are the real ones.

The services stamp their own dates and times ("now"), since a real audit is filled in on the day. The demo's
audits happened over the last months, so after each stage the dates are moved back with queryset .update():
the one way to give a record a past date without a service that takes one. The trail's events and the
revisions are append-only (core.AppendOnlyModel) and keep the day the demo was made."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.utils import timezone

from triangulate.audits.models import CaseAudit, Moderation, SafeguardingFlag
from triangulate.audits.services import conduct, flags, moderation
from triangulate.audits.services.answers import applicable_questions, save_section
from triangulate.audits.services.responses import WHO_MAY, write_response
from triangulate.audits.services.submission import submit_audit
from triangulate.core.roles import Role
from triangulate.improvement.models import Action, ActionStatusChange, Finding
from triangulate.improvement.services import change_action_status

from . import audit_draws as draws

STAGES = ("allocated", "record_review", "worker_conversation", "family_feedback", "graded", "submitted")
EVIDENCE = {4: "Exceptional, sustained practice: the record shows the difference it made for the child.",
            3: "Meets the standard: the record shows purposeful work that helps the child.",
            2: "Some good work, but not consistent enough to be good.",
            1: "The record shows the child left without the help they need."}
FINDINGS = {  # theme -> (a strength, an area for development), in the words an audit report would use
    "voice-of-the-child": ("The child's wishes and feelings are recorded in their own words and shape the plan.",
                           "The child's voice is missing from the record: direct work is not written up."),
    "management-oversight-and-supervision": ("Supervision is regular and reflective, and decisions give reasons.",
                                             "Supervision records list tasks but not reflection on risk."),
    "assessment-quality": ("The assessment analyses history, risk and strengths clearly.",
                           "The assessment describes events but does not analyse what they mean for the child."),
    "planning-smart": ("The plan is specific and timed, and the family understand it.",
                       "Plan actions lack timescales and named people."),
    "visits-and-direct-work": ("Visits are purposeful, and the child is seen alone.",
                               "Visit records say 'child seen, all well' without purpose or analysis."),
    "multi-agency-working": ("Partners share information promptly and attend meetings.",
                             "Partners are not attending core groups, and information arrives late."),
    "recording": ("The chronology and summary are up to date.", "The chronology and case summary are out of date."),
    "timeliness": ("Assessments and reviews are on time.", "Reviews and assessments are late."),
    "parent-and-carer-experience": ("The family understand the worries and the plan.",
                                    "The family were not told in writing what the plan is."),
    "outcomes": ("The child is safer because of the help given.", "There is little evidence of progress for the child."),
}
NEXT_STEPS = {4: "Share this case as an example of good practice at the practice forum.",
              3: "Keep the plan under review; the worker to update the chronology.",
              2: "Update the plan with timescales and named people; the manager to review it in supervision.",
              1: "Urgent case discussion with the team manager; review the plan and the child's safety this week."}


def at(day, minutes=0):
    """A working-hours time on `day` (10:00 plus `minutes`)."""
    return timezone.make_aware(datetime.combine(day, time(10, 0)) + timedelta(minutes=minutes))


@dataclass
class Scene:
    """Everything the demo's audits share: the council's story, the accounts, the grades and themes."""

    seed: int
    story: object
    users: dict  # role -> User
    grades: dict  # value -> Grade (the default scale)
    themes: dict  # slug -> Theme
    lenient: object  # the lenient auditor's User
    today: object
    owner_for: object  # team -> the account that owns its actions
    deserved: dict = field(default_factory=dict)  # audit pk -> the grade the work deserves
    counts: dict = field(default_factory=dict)

    def quality(self, team, on):
        name = team.case_system_name or team.name
        return lambda theme: self.story.quality(name, theme, on)

    def count(self, what, n=1):
        self.counts[what] = self.counts.get(what, 0) + n


@dataclass(frozen=True)
class Timeline:
    """The days an audit reached each stage."""

    started: object
    shared: object
    family: object
    submitted: object


def timeline(rng, start, last):
    """Days between `start` and `last` (inclusive), in order."""
    span = max(0, (last - start).days)
    days = sorted(start + timedelta(days=rng.randint(0, span)) for _ in range(4))
    return Timeline(*days)


def conduct_audit(scene, audit, *, until, days, rng, surgery=False):
    """Take `audit` from allocated up to the stage `until` (one of STAGES), on the days of `days`."""
    auditor = audit.auditor
    quality = scene.quality(audit.team, days.submitted)
    if until == "allocated":
        return
    conduct.start_audit.step(actor=auditor, audit=audit)
    questions = applicable_questions(audit)
    values = draws.answer_values(rng, [(q.key, q.answer_type, q.theme.slug if q.theme_id else "")
                                       for q in questions], quality)
    sections = sorted({q.section for q in questions}, key=lambda s: s.number)
    done_sections = sections if until != "record_review" else sections[:max(1, len(sections) // 2)]
    by_key = {q.key: q for q in questions}
    for section in done_sections:
        answers = {}
        for q in questions:
            if q.section_id != section.pk or q.key not in values:
                continue
            value = values[q.key]
            answers[q.key] = ({"value": scene.grades[value], "evidence": EVIDENCE[value]} if q.answer_type == "grade"
                              else {"value": value})
        save_section.step(actor=auditor, audit=audit, section=section, answers=answers)
    _stamp(audit, started_at=at(days.started))
    if until == "record_review":
        return
    conduct.share_draft.step(actor=auditor, audit=audit)
    _stamp(audit, shared_at=at(days.shared, 30))
    _responses(scene, audit, rng)
    if until == "worker_conversation":
        return
    held = rng.random() < 0.85
    conduct.record_conversation.step(
        actor=auditor, audit=audit, conversation="held" if held else "not_held",
        conversation_on=days.shared if held else None, manager_present=rng.random() < 0.5 if held else None,
        notes="Talked through the findings; the worker agreed the next steps." if held else "",
        not_held_reason="" if held else "The worker was on leave during the audit.")
    view = draws.family_view(rng, quality(draws.PARENTS))
    family = {"attempts": rng.randint(1, 3)}
    if view.outcome == "reached":
        family.update(consent=view.consent, spoke_with=view.spoke_with, contacted_on=days.family,
                      positive_difference=view.positive_difference,
                      confident_to_ask_again=view.confident_to_ask_again, what_went_well=view.what_went_well,
                      what_could_be_better=view.what_could_be_better,
                      share_with_worker=view.consent and rng.random() < 0.7,
                      featured=bool(view.what_went_well or view.what_could_be_better) and rng.random() < 0.15)
    else:
        family.update(not_reached_reason=view.not_reached_reason)
    conduct.record_family_feedback.step(actor=auditor, audit=audit, outcome=view.outcome, **family)
    if until == "family_feedback":
        return
    grade_themes = [q.theme.slug for q in questions if q.answer_type == "grade" and q.theme_id]
    deserved = draws.overall_value(rng, grade_themes, quality)
    given = draws.auditor_value(rng, deserved, lenient=auditor.pk == scene.lenient.pk)
    scene.deserved[audit.pk] = deserved
    conduct.record_outcome.step(actor=auditor, audit=audit, overall_grade=scene.grades[given],
                                next_steps=NEXT_STEPS[given])
    _findings_and_actions(scene, audit, values, by_key, given, days.submitted, rng, surgery)
    if until == "graded":
        return
    submit_audit.step(actor=auditor, audit=audit)
    _stamp(audit, submitted_at=at(days.submitted, 240), completed_on=days.submitted)
    Moderation.objects.filter(audit=audit).update(selected_at=at(days.submitted, 241))
    scene.count("submitted")


def _responses(scene, audit, rng):
    """The demo's worker reflects on the drafts of their own cases; the demo team manager comments on about half
    of their team's."""
    for kind, user, chance, text in (
            ("worker_reflection", scene.users.get(Role.PRACTITIONER), 1.0,
             "I agree with most of the findings; the chronology is now up to date and I will see the child alone "
             "at the next visit."),
            ("manager_comment", scene.users.get(Role.TEAM_MANAGER), 0.5,
             "Discussed in supervision; the plan will be reviewed with timescales before the next core group.")):
        if user is not None and WHO_MAY[kind].test(user, audit) and rng.random() < chance:
            write_response.step(actor=user, audit=audit, kind=kind, text=text)


def _stamp(audit, **dates):
    CaseAudit.objects.filter(pk=audit.pk).update(**dates)
    for name, value in dates.items():
        setattr(audit, name, value)


def _findings_and_actions(scene, audit, values, by_key, given, day, rng, surgery):
    """A strength (the best graded answer) and an area for development (the worst, when not good); an action
    for an inadequate audit, and a surgery's decision to close or transfer the case."""
    graded = sorted(((v, k) for k, v in values.items() if by_key[k].answer_type == "grade"), key=lambda p: p[0])
    made = []
    if graded and graded[-1][0] >= 3:
        made.append(("strength", by_key[graded[-1][1]]))
    if graded and graded[0][0] <= 2:
        made.append(("area_for_development", by_key[graded[0][1]]))
    if not made:
        made.append(("strength", next(iter(by_key.values()))))
    development = None
    for kind, question in made:
        slug = question.theme.slug if question.theme.slug in FINDINGS else "recording"
        text = FINDINGS[slug][0 if kind == "strength" else 1]
        finding = conduct.add_finding.step(actor=audit.auditor, audit=audit, kind=kind, text=text,
                                           theme=scene.themes[slug], suggested_by=question)
        Finding.objects.filter(pk=finding.pk).update(found_on=day)
        if kind == "area_for_development":
            development = finding
    plans = []
    if scene.grades[given].is_inadequate:
        plans.append(("practice", "Review the child's plan and safety with the worker and team manager",
                      development.theme if development else scene.themes["management-oversight-and-supervision"]))
    verdict = draws.surgery_finding(rng) if surgery else None
    if verdict == "close_case":
        plans.append(("close_case", "Close the case: the plan's outcomes are met", scene.themes["outcomes"]))
    elif verdict == "transfer":
        plans.append(("transfer", "Transfer the case to the team that can best meet the child's needs",
                      scene.themes["planning-smart"]))
    for kind, title, theme in plans:
        add_action(scene, audit, kind, title, theme, day, finding=development if kind == "practice" else None)


def add_action(scene, audit, kind, title, theme, day, finding=None):
    action = conduct.add_action.step(
        actor=audit.auditor, audit=audit, kind=kind, title=title, theme=theme, finding=finding,
        rationale="Found in a case audit: without it the child's help will not change.",
        priority="high" if kind in ("practice", "escalate") else "medium", owner=scene.owner_for(audit.team),
        due_date=conduct.default_due_date(kind, today=day))
    Action.objects.filter(pk=action.pk).update(created_at=at(day, 250))
    ActionStatusChange.objects.filter(action=action).update(changed_on=day)
    scene.count("actions")
    return action


def complete_some_actions(scene, audits, rng):
    """Of a round's actions due before today, about two thirds are completed (some late); the rest, always
    including the one due last, are overdue."""
    actions = list(Action.objects.filter(case_audit_link__audit__in=audits, status__in=Action.OPEN_STATUSES,
                                         due_date__lt=scene.today).select_related("owner").order_by("due_date", "pk"))
    for action in actions[:-1]:
        if rng.random() < 0.7:
            done = min(scene.today, action.due_date + timedelta(days=rng.randint(-12, 6)))
            done = max(done, timezone.localdate(action.created_at))
            change_action_status.step(actor=action.owner, action=action, status=Action.Status.COMPLETE,
                                      changed_on=done, evidence="Seen in the case record at the follow-up check.")
            scene.count("actions completed")


def moderate_all(scene, round_, moderators, rng, *, done_by):
    """Allocate every waiting moderation of the round, and (when `done_by` is a date) finish them, the
    moderator judging the grade the work deserved (audit_draws.moderator_value)."""
    waiting = (Moderation.objects.filter(audit__round=round_, status=Moderation.Status.SELECTED)
               .select_related("audit__team", "audit__auditor").order_by("audit__completed_on", "pk"))
    for n, item in enumerate(waiting):
        free = [u for u in moderators if moderation.moderator_conflict(item, u) is None]
        moderator = free[n % len(free)]
        moderation.allocate_moderator.step(actor=scene.users["qa"], moderation=item, moderator=moderator)
        allocated = max(item.audit.completed_on, timezone.localdate(item.selected_at))
        if done_by is not None:
            allocated = min(allocated + timedelta(days=1), done_by)
        Moderation.objects.filter(pk=item.pk).update(allocated_at=at(allocated, 60),
                                                     due_date=moderation.moderation_due(allocated))
        if done_by is None:
            continue
        given = item.auditor_grade.value
        value = draws.moderator_value(rng, scene.deserved.get(item.audit_id, given), given)
        item.refresh_from_db()
        moderation.moderate.step(
            actor=moderator, moderation=item, grade=scene.grades[value],
            reason_text="" if value == given else "The evidence in the record supports a different grade.",
            learning="Weigh the impact on the child as well as what was done.")
        finished = min(done_by, allocated + timedelta(days=rng.randint(2, 12)))
        Moderation.objects.filter(pk=item.pk).update(completed_at=at(finished, 120))
        scene.count("moderated")
        if value != given:
            scene.count("re-graded")
        if scene.grades[value].is_inadequate and not item.audit.action_links.exists():
            add_action(scene, item.audit, "practice", "Review the child's plan and safety with the worker and "
                       "team manager", scene.themes["management-oversight-and-supervision"], finished)


def raise_and_close_flag(scene, audit, day, *, close):
    """A safeguarding flag from the audit's auditor; with `close`, acknowledged by the team's manager the next
    day, its action recorded, and closed by the raiser."""
    flag = flags.raise_flag.step(actor=audit.auditor, audit=audit,
                                 concern="A new injury is recorded without a strategy discussion or a visit.")
    SafeguardingFlag.objects.filter(pk=flag.pk).update(raised_at=min(at(day, 90), timezone.now()))
    scene.count("flags")
    if not close:
        return flag
    manager = scene.owner_for(audit.team)
    flags.record_flag_action.step(actor=manager, flag=flag,
                                  action_taken="Strategy discussion held the same day; the child was seen.")
    flags.close_flag.step(actor=audit.auditor, flag=flag.__class__.objects.get(pk=flag.pk))
    SafeguardingFlag.objects.filter(pk=flag.pk).update(
        acknowledged_at=at(day + timedelta(days=1), 30), action_recorded_at=at(day + timedelta(days=1), 60),
        closed_at=at(day + timedelta(days=2), 60))
    return flag

