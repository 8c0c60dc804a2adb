"""The write grant of peer audit (design §1.4, decision 15): an audit's current auditor, or its moderator, may
record findings and actions for the audited team while the audit is not withdrawn (the moderator, until
the moderation is done), without seeing that team's other records. Registered with people.scope in apps.py."""

from .models import CaseAudit, Moderation

KIND = "case_audit"
CLOSED = (CaseAudit.State.WITHDRAWN,)


def case_audit_grant(user, team, audit_id):
    audit = CaseAudit.objects.filter(pk=audit_id, team=team).exclude(state__in=CLOSED).first()
    if audit is None:
        return False
    if audit.auditor_id == user.pk:  # after a re-grade to inadequate the auditor is asked for an action too
        return True
    return Moderation.objects.filter(audit=audit, moderator=user).exclude(
        status__in=Moderation.DONE_STATUSES).exists()
