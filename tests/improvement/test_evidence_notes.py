"""The lead's paragraph on an evidence pack (docs/design/improvement.md §4.5): saved, edited against its version,
refused when stale with the other lead's text kept, and only by those who may."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core.concurrency import StaleEdit
from triangulate.core.roles import Role
from triangulate.improvement.evidence_notes import save_evidence_note
from triangulate.improvement.models import EvidenceNote

from ..factories import CouncilFactory, make_user, theme

START, END = date(2025, 12, 1), date(2026, 11, 30)


def save(actor, text, version=None, council=None):
    return save_evidence_note(actor=actor, council=council, scope_kind="theme", scope_id=theme().pk, text=text,
                              period_start=START, period_end=END, expected_version=version)


def test_a_paragraph_is_saved_then_edited_against_its_version(db):
    council = CouncilFactory()
    lead = make_user(Role.QA_LEAD)
    note = save(lead, "  The sources disagree on visits.\r\nAudits are low.  ", 0, council)
    assert (note.text, note.version) == ("The sources disagree on visits.\nAudits are low.", 1)
    note = save(lead, "Now agreed at QPAG.", note.version, council)
    assert (note.text, note.version) == ("Now agreed at QPAG.", 2)
    assert EvidenceNote.objects.count() == 1


def test_a_stale_save_is_refused_and_the_other_leads_words_stand(db):
    council = CouncilFactory()
    first, second = make_user(Role.QA_LEAD), make_user(Role.PRINCIPAL_SOCIAL_WORKER)
    note = save(first, "First words.", 0, council)
    save(second, "Second words.", note.version, council)
    with pytest.raises(StaleEdit) as refused:
        save(first, "Words from a stale page.", note.version, council)
    assert refused.value.current.text == "Second words."
    with pytest.raises(StaleEdit):  # a page drawn before any paragraph was saved
        save(first, "Also stale.", 0, council)
    assert EvidenceNote.objects.get().text == "Second words."


def test_an_empty_paragraph_and_readers_without_the_right_are_refused(db):
    council = CouncilFactory()
    with pytest.raises(ValidationError, match="Write the paragraph"):
        save(make_user(Role.QA_LEAD), "   ", 0, council)
    for role in (Role.TEAM_MANAGER, Role.AUDITOR, Role.ELECTED_MEMBER, Role.INSPECTOR):
        with pytest.raises(PermissionDenied):
            save(make_user(role), "Not mine to write.", 0, council)
    assert not EvidenceNote.objects.exists()
