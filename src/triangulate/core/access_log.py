"""The helper every page or export of child-level data must call.

    log_child_access(request, child_ids, resource="performance:child", kind=AccessLog.Kind.VIEW,
                     detail={"kpi": "cla_open", "team": "North 1"})

`detail` says which list it was (the measure and the filters the page was asked for), so an auditor can
see why a child was on the screen; it never holds another child's data.

It writes one AccessLog row per child, in bulk, before the response is built,
so a page that fails to log also fails to show.
"""

from .client_ip import client_ip
from .models import AccessLog


def log_child_access(request, child_ids, *, resource, kind=AccessLog.Kind.VIEW, detail=None):
    if not request.user.is_authenticated:
        raise PermissionError("child-level data requested without a signed-in user")
    ids = list(dict.fromkeys(str(c) for c in child_ids))  # unique, order kept
    rows = [
        AccessLog(
            user=request.user,
            kind=kind,
            resource=resource,
            child_id=child_id,
            ip_address=client_ip(request),  # the same rule as login lockout
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:256],
            detail=detail or {},
        )
        for child_id in ids
    ]
    AccessLog.objects.bulk_create(rows)
    return len(rows)
