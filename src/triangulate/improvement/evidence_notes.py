"""The lead's paragraph on an evidence pack (design §4.5): saved against the version the page was drawn from, so two
leads editing the same pack's paragraph never overwrite each other without a word."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import StaleEdit, claim, lock

from .models import EvidenceNote
from .rules import KnowPerm
from .verbs import Verb

MAX_TEXT = 5_000  # a paragraph, with room: seed 002's longest "evidence of impact" cell is about 300 characters


def note_for(council, scope_kind, scope_id):
    return EvidenceNote.objects.filter(council=council, scope_kind=scope_kind, scope_id=scope_id).first()


@service(KnowPerm.EDIT_EVIDENCE_NOTE)
def save_evidence_note(*, actor, council, scope_kind, scope_id, text, period_start, period_end,
                       expected_version=None):
    """Save the pack's paragraph. `expected_version` is the version the page showed (0: no paragraph saved yet); a
    paragraph saved by someone else since is refused (StaleEdit, with theirs as `current`)."""
    if scope_kind not in EvidenceNote.ScopeKind.values:
        raise ValidationError({"scope_kind": "Choose a theme, a team or a priority."})
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"text": "Write the paragraph, or start from the draft."})
    if len(text) > MAX_TEXT:
        raise ValidationError({"text": f"Keep the paragraph to {MAX_TEXT:,} characters; it has {len(text):,}."})
    if period_end < period_start:
        raise ValidationError({"period_end": "The period must end on or after its start."})
    note = note_for(council, scope_kind, scope_id)
    if note is None:
        try:
            with transaction.atomic():
                note = EvidenceNote.objects.create(
                    council=council, scope_kind=scope_kind, scope_id=scope_id, text=text, period_start=period_start,
                    period_end=period_end, updated_by=user_of(actor))
        except IntegrityError:  # saved by someone else a moment ago: theirs stands, ours is refused
            raise StaleEdit(note_for(council, scope_kind, scope_id), expected_version) from None
        trail.record(actor, Verb.EVIDENCE_NOTE_SAVED, note, scope=scope_kind, scope_id=scope_id, version=note.version)
        return note
    lock(note)
    claim(note, expected_version)
    note.text, note.period_start, note.period_end = text, period_start, period_end
    note.updated_by = user_of(actor)
    note.save()
    trail.record(actor, Verb.EVIDENCE_NOTE_SAVED, note, scope=scope_kind, scope_id=scope_id, version=note.version)
    return note
