"""Which submitted audits are moderated (design §5.1, decision 8).

Each audit gets a draw u in [0, 1) from the round's seed and the child id. At submission an inadequate audit is
always selected, and any other one when u < the round's share; at close the round is topped up, in ascending u,
until exactly ⌈share × N⌉ of its N submitted audits that are not inadequate are selected. A QA lead or PSW can
also ask for any submitted audit to be moderated.

The draw and the choices are pure functions (the worked example pins them); the functions below them write the
`Moderation` rows, with `auditor_grade` taken at selection, inside the caller's transaction."""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from hashlib import sha256

from django.core.exceptions import ValidationError
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of

from ..models import CaseAudit, Moderation
from ..rules import Perm
from ..verbs import Verb

_LARGEST_STORED_U = Decimal("0.9999")  # u < 1 always; a stored value rounded up to 1 would break the constraint


def draw(seed, child_id):
    """The audit's exact u: the first 8 hex digits of sha256("<seed>:moderation:<child id>") over 2³²."""
    digest = sha256(f"{seed}:moderation:{child_id}".encode()).hexdigest()
    return Fraction(int(digest[:8], 16), 2**32)


def stored_u(u):
    """u to 4 places, half up, as the design's tables show it (never 1.0000)."""
    rounded = Decimal(u.numerator) / Decimal(u.denominator)
    return min(rounded.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), _LARGEST_STORED_U)


def reason_at_submission(u, share, *, inadequate):
    """`inadequate`, `share`, or None when the audit is not selected at submission."""
    if inadequate:
        return Moderation.Reason.INADEQUATE
    if u < Fraction(Decimal(share)):
        return Moderation.Reason.SHARE
    return None


@dataclass(frozen=True)
class Candidate:
    """A submitted audit as the top-up sees it."""

    key: object  # what the caller uses to find the audit again (its pk in the service)
    child_id: str
    u: Fraction
    inadequate: bool
    selected: bool


def top_up_target(share, not_inadequate_count):
    """T = ⌈share × N⌉, counted exactly (0.20 × 10 is 2, not 2.0000000001 rounded up to 3)."""
    return math.ceil(Fraction(Decimal(share)) * not_inadequate_count)


def top_up_choice(candidates, share):
    """The candidates to add at close, lowest u first (ties by child id), so that exactly T of the ones that are
    not inadequate are selected. Adds nothing when T are already selected (never takes any away)."""
    eligible = [c for c in candidates if not c.inadequate]
    missing = top_up_target(share, len(eligible)) - sum(1 for c in eligible if c.selected)
    if missing <= 0:
        return []
    unselected = sorted((c for c in eligible if not c.selected), key=lambda c: (c.u, c.child_id))
    return unselected[:missing]


def _is_inadequate(audit):
    return bool(audit.overall_grade_id) and audit.overall_grade.is_inadequate


def _create(audit, reason, u, *, actor, selected_by=None):
    moderation = Moderation.objects.create(
        audit=audit, reason=reason, u=stored_u(u), selected_at=timezone.now(), selected_by=selected_by,
        auditor_grade=audit.overall_grade)
    trail.record(actor, Verb.MODERATION_SELECTED, moderation, audit=audit.pk, reason=reason,
                 u=str(moderation.u), auditor_grade=audit.overall_grade_id)
    return moderation


def select_on_submit(audit, actor=None):
    """Run at submission (and when an amendment makes the grade inadequate), inside the caller's transaction.
    Returns the audit's Moderation, new or existing, or None when it is not selected. The trail names `actor`
    (the submitter by default); the selection itself is the system's (`selected_by` stays empty)."""
    existing = Moderation.objects.filter(audit=audit).first()
    if existing is not None:
        return existing
    if audit.overall_grade_id is None:
        raise ValidationError("An audit needs an overall grade before it can be selected for moderation.")
    u = draw(audit.round.seed, audit.child_id)
    reason = reason_at_submission(u, audit.round.moderation_share, inadequate=_is_inadequate(audit))
    if reason is None:
        return None
    return _create(audit, reason, u, actor=actor if actor is not None else audit.submitted_by)


def top_up_at_close(round, actor):
    """Run when the round closes, inside the close service's transaction: select, in ascending u, the submitted
    audits needed to meet the share exactly. Returns the new Moderation rows. A step of the close service, not
    a service of its own (as select_on_submit is a step of submission): the close service checks permission."""
    audits = list(CaseAudit.objects.filter(round=round, state__in=CaseAudit.DONE_STATES, overall_grade__isnull=False)
                  .select_related("overall_grade"))
    selected = set(Moderation.objects.filter(audit__round=round).values_list("audit_id", flat=True))
    by_pk = {a.pk: a for a in audits}
    candidates = [Candidate(key=a.pk, child_id=a.child_id, u=draw(round.seed, a.child_id),
                            inadequate=_is_inadequate(a), selected=a.pk in selected) for a in audits]
    return [_create(by_pk[c.key], Moderation.Reason.TOP_UP, c.u, actor=actor)
            for c in top_up_choice(candidates, round.moderation_share)]


@service(Perm.MANAGE_MODERATION)
def request_moderation(*, actor, audit):
    """A QA lead or PSW asks for a submitted audit to be moderated (`requested`)."""
    audit = CaseAudit.objects.select_for_update(of=("self",)).select_related("round", "overall_grade").get(pk=audit.pk)
    if audit.state != CaseAudit.State.SUBMITTED:
        raise ValidationError("Only a submitted audit can be selected for moderation.")
    if Moderation.objects.filter(audit=audit).exists():
        raise ValidationError("This audit is already selected for moderation.")
    if audit.overall_grade_id is None:
        raise ValidationError("This audit has no overall grade to moderate.")
    u = draw(audit.round.seed, audit.child_id)
    return _create(audit, Moderation.Reason.REQUESTED, u, actor=actor, selected_by=user_of(actor))
