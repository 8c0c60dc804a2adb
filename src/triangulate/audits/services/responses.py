"""The worker's reflection and the manager's comment on a shared draft (design §3.2): separate `Response` rows
with their own versions, so a worker never collides with the auditor. Read-only once the audit is submitted."""

from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core import audit as trail
from triangulate.core.authority import service
from triangulate.core.concurrency import claim, lock

from ..models import CaseAudit, Response
from ..notices import Notice, notify_on_commit
from ..rules import Perm, may_comment, may_reflect
from ..verbs import Verb
from .conduct import audit_url

State = CaseAudit.State
OPEN = (State.WORKER_CONVERSATION, State.FAMILY_FEEDBACK, State.GRADED)
WHO_MAY = {Response.Kind.WORKER_REFLECTION: may_reflect, Response.Kind.MANAGER_COMMENT: may_comment}


def may_write(user, audit, kind):
    return WHO_MAY[kind].test(user, audit)


@service(Perm.RESPOND, on="audit")
def write_response(*, actor, audit, kind, text, expected_version=None):
    """Write or change the reflection (the case's worker) or the comment (a manager of the team). The
    auditor is told, with the team's name only."""
    if kind not in WHO_MAY:
        raise ValueError(f"unknown response kind {kind!r}")
    if not may_write(actor, audit, kind):
        raise PermissionDenied(Perm.RESPOND)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter your " + ("reflection" if kind == Response.Kind.WORKER_REFLECTION
                                                        else "comment")})
    lock(audit)
    if audit.state not in OPEN:
        raise ValidationError("The audit has been submitted: the responses can no longer be changed"
                              if audit.state in CaseAudit.DONE_STATES else "The draft has not been shared yet")
    response = Response.objects.filter(audit=audit, kind=kind).first()
    if response is None:
        response = Response.objects.create(audit=audit, kind=kind, text=text, author=actor)
    else:
        lock(response)
        claim(response, expected_version)
        response.text, response.author = text, actor
        response.save(update_fields=["text", "author", "updated_at"])
    trail.record(actor, Verb.RESPONSE_WRITTEN, response, audit=audit.pk, kind=kind)
    notify_on_commit([audit.auditor], Notice.RESPONSE_ADDED,
                     f"A {Response.Kind(kind).label.lower()} was added to a case audit in {audit.team.name}",
                     audit_url(audit))
    return response
