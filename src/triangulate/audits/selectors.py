"""Which audits, flags and moderations a user may read: the one place that decides it (design §1.3, §8).

Each queryset is the rules of rules.py written as one query (VIEW_AUDIT, VIEW_FLAGS), so a list and a
record's page always agree; tests/audits/test_selectors.py checks them against the predicates role by role."""

from django.db.models import Q

from triangulate.core.predicates import role_of
from triangulate.core.roles import Role
from triangulate.people.scope import ALL, team_scope

from .models import CaseAudit, Moderation, SafeguardingFlag

EVERY_AUDIT = (Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER, Role.INSPECTOR)
AUDITOR_ROLES = (Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR, Role.QA_LEAD,
                 Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER)
MANAGERS = (Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
# rules.shared: from worker_conversation on (shared_at set), and every submitted or moderated audit
SHARED = Q(shared_at__isnull=False) | Q(state__in=(CaseAudit.State.SUBMITTED, CaseAudit.State.MODERATED))


def _in_teams(user, field):
    scope = team_scope(user)
    return Q() if scope == ALL else Q(**{f"{field}__in": scope})


def audits_visible_to(user):
    role = role_of(user)
    audits = CaseAudit.objects.all()
    if role is None:
        return audits.none()
    if role in EVERY_AUDIT:
        return audits
    allowed = Q(pk__in=[])
    if role in AUDITOR_ROLES:
        allowed |= Q(auditor=user) | Q(pk__in=Moderation.objects.filter(moderator=user).values("audit_id"))
    if role in MANAGERS:
        allowed |= SHARED & _in_teams(user, "team")
    if role == Role.PRACTITIONER and user.profile.staff_id:
        allowed |= SHARED & Q(worker_id=user.profile.staff_id)
    return audits.filter(allowed)


def flags_visible_to(user):
    """VIEW_FLAGS: every flag for those who read every audit; the managers' teams' flags; an auditor's flags
    on audits they raised, audit or moderate."""
    role = role_of(user)
    flags = SafeguardingFlag.objects.all()
    if role in EVERY_AUDIT:
        return flags
    if role in MANAGERS:
        return flags.filter(_in_teams(user, "team"))
    if role == Role.AUDITOR:
        return flags.filter(Q(raised_by=user) | Q(audit__auditor=user)
                            | Q(audit__in=Moderation.objects.filter(moderator=user).values("audit_id")))
    return flags.none()


def moderations_visible_to(user):
    """Moderations of the audits the user may read."""
    return Moderation.objects.filter(audit__in=audits_visible_to(user).values("pk"))
