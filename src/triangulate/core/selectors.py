from .models import AccessLog, AuditEvent, Theme


def recent_audit_events(limit=200):
    return AuditEvent.objects.select_related("actor")[:limit]


def recent_access_log(limit=200):
    return AccessLog.objects.select_related("user")[:limit]


def active_themes():
    return Theme.objects.filter(is_active=True)


def all_themes():
    return Theme.objects.all()
