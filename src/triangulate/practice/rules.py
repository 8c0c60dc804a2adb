"""practice's named permissions and who holds them (design §8; core/authority.py explains the pattern).

Each permission is a role check joined, for the records a user holds a part in, by the object predicates below
(organiser, assessor, the observation's own assessor) and by team scope. As people/scope.in_scope does, an object
predicate asked without a record (a page-level check) answers True, so the role decides; a view then reads the
record through its selector (404) and asks again with it (403). `selectors` builds the same rules for lists.

A guest (design §3.4) has an account without a role: every role check fails for them, and the only permissions
they hold are OBSERVE and GUEST_VISITS, through `is_guest_assessor` and their own visits."""

import rules

from triangulate.core.authority import Permission
from triangulate.core.predicates import has_any_role, has_role, role_of
from triangulate.core.roles import Role
from triangulate.people.scope import in_scope

from .models import AnalysisReport, Assessor, Observation, PracticeEvent


class Perm(Permission):
    VIEW_EVENTS = "practice.view_events"  # title, kind, dates, focus, teams
    PLAN_EVENT = "practice.plan_event"
    MANAGE_EVENT = "practice.manage_event"  # teams, assessors, headings, visits; publish … cancel; invite guests
    EDIT_TEAM_DETAILS = "practice.edit_team_details"  # and confirm them; record consent
    VIEW_TIMETABLE = "practice.view_timetable"
    OBSERVE = "practice.observe"  # own brief; record and hand in own observations; add an unplanned visit
    VIEW_OBSERVATIONS = "practice.view_observations"
    RETURN_OBSERVATION = "practice.return_observation"
    VIEW_ANALYSIS = "practice.view_analysis"
    VIEW_TEAM_SUMMARY = "practice.view_team_summary"
    VIEW_FOLLOW_UP = "practice.view_follow_up"
    EDIT_REPORT = "practice.edit_report"  # edit, fill, approve the report; build the action plan
    VIEW_REPORT = "practice.view_report"
    VIEW_PLAN = "practice.view_plan"
    VIEW_COMPARISON = "practice.view_comparison"
    VIEW_LIBRARY = "practice.view_library"
    PROPOSE_LIBRARY_ITEM = "practice.propose_library_item"
    MANAGE_LIBRARY = "practice.manage_library"
    VIEW_CHILD_REF = "practice.view_child_ref"  # §8's last row: exemplars' child ids (access-logged)
    GUEST_VISITS = "practice.guest_visits"  # the guests' menu item and home panel


# The roles of §8's columns.
ORGANISER_ROLES = has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER)
MANAGERS = has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
# Who can be an assessor (§8 "Be an assessor"); guests are assessors without a role.
ASSESSOR_ROLES = has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR, Role.QA_LEAD,
                          Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER)
# Who reads every event's handed-in observations, analysis and team summaries (never the system administrator:
# they run the system, not the practice; audits decision 12). A senior leader reads as an assessor or organiser.
READS_EVERY_EVENT = has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.INSPECTOR)
EVERYONE_BUT_ADMIN = has_any_role & ~has_role(Role.SYSTEM_ADMIN)
READERS = has_any_role & ~has_role(Role.SYSTEM_ADMIN, Role.ELECTED_MEMBER)


def event_of(record):
    """The PracticeEvent a record belongs to: the event itself, its `event` (team, assessor, visit, observation,
    plan item, report), or an entry's observation's event."""
    if isinstance(record, PracticeEvent):
        return record
    if hasattr(record, "event_id"):
        return record.event
    return record.observation.event  # an ObservationEntry or ProgressCheck


def assessor_user_id(record):
    """The account of the assessor a record is about: an Assessor, or a visit's, observation's or entry's."""
    if isinstance(record, Assessor):
        return record.user_id
    if hasattr(record, "observation_id"):  # an entry or progress check
        record = record.observation
    return record.assessor.user_id


@rules.predicate
def is_organiser_of(user, record):
    if record is None:
        return True
    return event_of(record).organisers.filter(pk=user.pk).exists()


@rules.predicate
def is_assessor_of(user, record):
    """An assessor of the record's event, with this account (a guest's or staff)."""
    if record is None:
        return True
    return Assessor.objects.filter(event=event_of(record), user=user).exists()


@rules.predicate
def is_own_observation(user, record):
    """The record's assessor is this user: an Assessor, or a visit, observation or entry of theirs. Asked of an
    event (an unplanned visit is added to one), it is whether the user assesses in it."""
    if record is None:
        return True
    if isinstance(record, PracticeEvent):
        return Assessor.objects.filter(event=record, user=user).exists()
    return assessor_user_id(record) == user.pk


@rules.predicate
def summaries_shared(user, record):
    if record is None:
        return True
    return event_of(record).summaries_shared_at is not None


@rules.predicate
def report_approved(user, record):
    """The event's report is approved (asked of a report or of its event; an event with no report has none)."""
    if record is None:
        return True
    if not isinstance(record, AnalysisReport):
        record = AnalysisReport.objects.filter(event=event_of(record)).first()
    return record is not None and record.status == AnalysisReport.Status.APPROVED


@rules.predicate
def is_handed_in(user, record):
    """An observation that is handed in; asked of anything else (the event, for a page listing its handed-in
    observations), the role and the event decide."""
    if not isinstance(record, Observation):
        return True
    return record.state == Observation.State.HANDED_IN


@rules.predicate
def in_team_scope(user, record):
    """people.scope.in_scope for a team's record; a record of no team (the event itself) is not limited by
    team here: its page shows only the rows in scope ("S" in §8)."""
    if record is None or not hasattr(record, "team_id"):
        return True
    return in_scope(user, record)


@rules.predicate
def is_guest_assessor(user):
    """A current account without a role that is some event's assessor: a guest (§3.4). An expired account is
    signed out by AccountExpiryMiddleware; it is refused here too."""
    if not user or not user.is_authenticated or not user.is_active or role_of(user) is not None:
        return False
    profile = getattr(user, "profile", None)
    if profile is None or profile.role or not profile.is_current():
        return False
    return Assessor.objects.filter(user=user).exists()


OWN_OBSERVATION = (ASSESSOR_ROLES | is_guest_assessor) & is_own_observation

rules.add_perm(Perm.VIEW_EVENTS, EVERYONE_BUT_ADMIN)
rules.add_perm(Perm.PLAN_EVENT, ORGANISER_ROLES)
rules.add_perm(Perm.MANAGE_EVENT, ORGANISER_ROLES & is_organiser_of)
rules.add_perm(Perm.EDIT_TEAM_DETAILS, (MANAGERS & in_team_scope) | (ORGANISER_ROLES & is_organiser_of))
rules.add_perm(Perm.VIEW_TIMETABLE, has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER,
                                             Role.INSPECTOR)
               | (has_role(Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER) & in_team_scope)
               | (ASSESSOR_ROLES & is_assessor_of))
rules.add_perm(Perm.OBSERVE, OWN_OBSERVATION)
# Handed-in observations for §8's readers; a draft only for its own assessor, whoever types it in, and the
# event's organisers (who type a paper guest's notes and see what is not handed in).
entered_it = rules.predicate(lambda user, record: record is None or (isinstance(record, Observation)
                                                                     and record.entered_by_id == user.pk),
                             name="entered_it")
rules.add_perm(Perm.VIEW_OBSERVATIONS,
               (is_handed_in & (READS_EVERY_EVENT | (ASSESSOR_ROLES & is_assessor_of)
                                | (has_role(Role.SENIOR_LEADER) & is_organiser_of)))
               | (ASSESSOR_ROLES & (is_own_observation | entered_it | is_organiser_of)))
rules.add_perm(Perm.RETURN_OBSERVATION, ORGANISER_ROLES & is_organiser_of)
rules.add_perm(Perm.VIEW_ANALYSIS, has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER,
                                            Role.INSPECTOR)
               | (has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR) & is_assessor_of))
rules.add_perm(Perm.VIEW_TEAM_SUMMARY, READS_EVERY_EVENT
               | (MANAGERS & in_team_scope & summaries_shared)
               | (has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR, Role.SENIOR_LEADER)
                  & is_assessor_of)
               | (has_role(Role.SENIOR_LEADER) & is_organiser_of))
rules.add_perm(Perm.VIEW_FOLLOW_UP, has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER,
                                             Role.INSPECTOR)
               | (MANAGERS & in_team_scope)
               | (has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR) & is_assessor_of))
rules.add_perm(Perm.EDIT_REPORT, ORGANISER_ROLES & is_organiser_of)
# An approved report for every reader (elected members: the report is written about teams in general, §8.1); a
# draft for QA, the principal social worker and inspectors, and for a senior leader who organises the event.
rules.add_perm(Perm.VIEW_REPORT, (EVERYONE_BUT_ADMIN & report_approved) | READS_EVERY_EVENT
               | (has_role(Role.SENIOR_LEADER) & is_organiser_of))
rules.add_perm(Perm.VIEW_PLAN, READERS)
rules.add_perm(Perm.VIEW_COMPARISON, has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER,
                                              Role.ELECTED_MEMBER, Role.INSPECTOR))
rules.add_perm(Perm.VIEW_LIBRARY, READERS)
rules.add_perm(Perm.PROPOSE_LIBRARY_ITEM, ORGANISER_ROLES
               | (has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR) & is_own_observation))
rules.add_perm(Perm.MANAGE_LIBRARY, has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER))
rules.add_perm(Perm.VIEW_CHILD_REF, READS_EVERY_EVENT
               | (has_role(Role.AUDITOR, Role.SENIOR_LEADER) & is_assessor_of)
               | (has_role(Role.SENIOR_LEADER) & is_organiser_of))
rules.add_perm(Perm.GUEST_VISITS, is_guest_assessor & is_own_observation)
