"""audits' named permissions and who holds them (design §8; core/authority.py explains the pattern).

Each permission is a role check, joined for the records a user holds a part in by the object predicates below
(as the auditor, moderator, raiser or the case's worker) and by team scope. As people/scope.in_scope does, an
object predicate asked without a record (a page-level check: "may this user ever read an audit?") answers
True, so the role decides; a view then reads the record through its selector (404) and asks again with it
(403). `selectors.audits_visible_to` will build the same rule for lists as one query."""

import rules

from triangulate.core.authority import Permission
from triangulate.core.predicates import has_any_role, has_role
from triangulate.core.roles import Role
from triangulate.people.scope import in_scope

from .models import Moderation


class Perm(Permission):
    VIEW_TOOLS = "audits.view_tools"
    MANAGE_TOOLS = "audits.manage_tools"  # edit tools and scales; publish, retire
    VIEW_ROUNDS = "audits.view_rounds"
    MANAGE_ROUNDS = "audits.manage_rounds"  # plan, sample, allocate, close; add or withdraw children; reallocate
    VIEW_AUDIT = "audits.view_audit"
    CONDUCT_AUDIT = "audits.conduct_audit"  # fill in and submit
    RESPOND = "audits.respond"  # the worker's reflection or the manager's comment
    AMEND_AUDIT = "audits.amend_audit"
    RAISE_FLAG = "audits.raise_flag"
    RESPOND_FLAG = "audits.respond_flag"  # acknowledge a flag and record its action
    CLOSE_FLAG = "audits.close_flag"  # close it, or return it as "not enough"
    VIEW_FLAGS = "audits.view_flags"
    MANAGE_MODERATION = "audits.manage_moderation"  # select for moderation, allocate moderators
    MODERATE = "audits.moderate"
    VIEW_AUDITOR_FIGURES = "audits.view_auditor_figures"
    VIEW_REPORTS = "audits.view_reports"  # elected members: aggregates under disclosure control
    EDIT_BRIEFING = "audits.edit_briefing"
    IMPORT_TRACKER = "audits.import_tracker"


# The roles of §8's columns.
QA_AND_PSW = has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER)
MANAGERS = has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
# Who can be given audits or moderations (the allocation pool, §4.3).
AUDITOR_ROLES = has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR, Role.QA_LEAD,
                         Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER)
# Who reads every audit (never the system administrator: they run the system, not the practice; decision 12).
READS_EVERY_AUDIT = has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER, Role.INSPECTOR)


def _audit_of(record):
    """The CaseAudit a record belongs to: the record itself, or its `audit` (flag, moderation, response)."""
    return getattr(record, "audit", record)


@rules.predicate
def is_auditor_of(user, record):
    if record is None:
        return True
    return _audit_of(record).auditor_id == user.pk


@rules.predicate
def is_moderator_of(user, record):
    """The moderation's moderator; for an audit, the moderator of its moderation."""
    if record is None:
        return True
    if hasattr(record, "moderator_id"):
        return record.moderator_id == user.pk
    return Moderation.objects.filter(audit=_audit_of(record), moderator=user).exists()


@rules.predicate
def is_worker_of(user, record):
    """The case's worker, matched through the account's staff record."""
    if record is None:
        return True
    profile = getattr(user, "profile", None)
    staff_id = getattr(profile, "staff_id", None)
    return staff_id is not None and _audit_of(record).worker_id == staff_id


@rules.predicate
def is_raiser_of(user, flag):
    return flag is None or flag.raised_by_id == user.pk


@rules.predicate
def shared(user, record):
    """Workers and managers read an audit once its draft is shared (§3.2): from `worker_conversation` on, which
    takes in a submitted or imported audit, and one withdrawn after it was shared."""
    if record is None:
        return True
    audit = _audit_of(record)
    return audit.shared_at is not None or audit.state in (audit.State.SUBMITTED, audit.State.MODERATED)


@rules.predicate
def is_involved_in_flag(user, flag):
    """"A" for a flag: its raiser, or the auditor or moderator of its audit."""
    return flag is None or is_raiser_of(user, flag) or is_auditor_of(user, flag) or is_moderator_of(user, flag)


# Which kind of response a holder of RESPOND may write; the service asks the one for the kind it writes.
may_reflect = has_role(Role.PRACTITIONER) & is_worker_of & shared
may_comment = MANAGERS & in_scope & shared

rules.add_perm(Perm.VIEW_TOOLS, has_any_role)
rules.add_perm(Perm.MANAGE_TOOLS, QA_AND_PSW)
rules.add_perm(Perm.VIEW_ROUNDS, has_role(Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR,
                                          Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER,
                                          Role.INSPECTOR))
rules.add_perm(Perm.MANAGE_ROUNDS, QA_AND_PSW)
rules.add_perm(Perm.VIEW_AUDIT, READS_EVERY_AUDIT
               | (AUDITOR_ROLES & (is_auditor_of | is_moderator_of))
               | (MANAGERS & in_scope & shared)
               | (has_role(Role.PRACTITIONER) & is_worker_of & shared))
rules.add_perm(Perm.CONDUCT_AUDIT, AUDITOR_ROLES & is_auditor_of)
# Only ever asked about an audit: a response belongs to one, so without it there is nothing to allow (and a
# service called without its audit is refused before anything else).
about_an_audit = rules.predicate(lambda user, record: record is not None, name="about_an_audit")
rules.add_perm(Perm.RESPOND, about_an_audit & (may_reflect | may_comment))
rules.add_perm(Perm.AMEND_AUDIT, has_role(Role.QA_LEAD) | (AUDITOR_ROLES & is_auditor_of))
rules.add_perm(Perm.RAISE_FLAG, has_role(Role.QA_LEAD) | (AUDITOR_ROLES & (is_auditor_of | is_moderator_of)))
rules.add_perm(Perm.RESPOND_FLAG, MANAGERS & in_scope)
rules.add_perm(Perm.CLOSE_FLAG, has_role(Role.QA_LEAD) | (AUDITOR_ROLES & is_raiser_of))
rules.add_perm(Perm.VIEW_FLAGS, READS_EVERY_AUDIT | (MANAGERS & in_scope) | (has_role(Role.AUDITOR) & is_involved_in_flag))
rules.add_perm(Perm.MANAGE_MODERATION, QA_AND_PSW)
rules.add_perm(Perm.MODERATE, AUDITOR_ROLES & is_moderator_of)
rules.add_perm(Perm.VIEW_AUDITOR_FIGURES, READS_EVERY_AUDIT)
rules.add_perm(Perm.VIEW_REPORTS, has_any_role & ~has_role(Role.SYSTEM_ADMIN))
rules.add_perm(Perm.EDIT_BRIEFING, QA_AND_PSW)
rules.add_perm(Perm.IMPORT_TRACKER, has_role(Role.QA_LEAD))
