"""services/library.py (design §1.5, §8, decision 16): proposing an anonymised copy of an entry, editing against the
version, publishing only once checked for names, withdrawing with a reason; over the §6.2 example
(tests/practice/analysis_example.py: ann observed South 2 (O1) and North 1 (O5), cat observed West 1 (O3))."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from triangulate.core.concurrency import StaleEdit
from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.practice.models import LibraryItem, ObservationEntry
from triangulate.practice.services import library
from triangulate.practice.verbs import Verb

from ..factories import StaffFactory, add_to_team, make_user, theme
from .analysis_example import GOOD, build_example
from .factories import ObservationEntryFactory

pytestmark = pytest.mark.django_db


def _propose(actor, entry, **fields):
    values = {"title": "School nurse at allocation", "text": "The school nurse attends the allocation meeting.",
              "kind": LibraryItem.Kind.INNOVATIVE_PRACTICE, "theme": theme("multi-agency-working")}
    values.update(fields)
    return library.propose_item(actor=actor, entry=entry, **values)


def _exemplar(ex, **fields):
    """A case example on O5 (ann, North 1) with a child id, as an assessor records one (§1.4)."""
    values = {"observation": ex.observations["O5"], "heading": ex.event.headings.get(number=GOOD),
              "kind": ObservationEntry.Kind.EXEMPLAR, "theme": theme("voice-of-the-child"), "child_ref": "C1234",
              "text": "Child C1234 chose where to meet and the plan used her words"}
    values.update(fields)
    return ObservationEntryFactory(**values)


def test_the_entrys_own_assessor_proposes_a_copy_with_the_entrys_team_and_event():
    ex = build_example()
    ann, e12 = ex.users["ann"], ex.entries["e12"]
    item = _propose(ann, e12, title="  School nurse at allocation ", text="Edited: the nurse attends allocation.")
    item.refresh_from_db()
    assert item.status == LibraryItem.Status.PROPOSED
    assert item.title == "School nurse at allocation"
    assert item.text == "Edited: the nurse attends allocation."  # the proposer's copy, not the entry's text
    assert item.from_team == ex.teams["North 1"] and item.event == ex.event and item.source_entry == e12
    assert item.council == ex.event.council and item.proposed_by == ann and item.proposed_at is not None
    assert item.no_names_checked is False
    event = AuditEvent.objects.get(verb=Verb.LIBRARY_PROPOSED)
    assert event.changes["entry"] == e12.pk and event.changes["from_team"] == ex.teams["North 1"].pk
    # the entry is untouched by later edits of the copy, and the copy by later edits of the entry
    ObservationEntry.objects.filter(pk=e12.pk).update(text="Changed later")
    item.refresh_from_db()
    assert item.text == "Edited: the nurse attends allocation."


def test_another_assessors_entry_cannot_be_proposed_but_an_organiser_may_propose_any():
    ex = build_example()
    with pytest.raises(PermissionDenied):
        _propose(ex.users["cat"], ex.entries["e12"])  # ann's entry
    assert _propose(ex.organiser, ex.entries["e7"]).from_team == ex.teams["West 1"]
    for role in (Role.PRACTITIONER, Role.ELECTED_MEMBER, Role.INSPECTOR, Role.SYSTEM_ADMIN):
        with pytest.raises(PermissionDenied):
            _propose(make_user(role), ex.entries["e12"])


@pytest.mark.parametrize(("label", "message"), [
    ("e2", "An area for development is not good practice"),
    ("e10", "Only entries from handed-in observations"),  # on O4, a draft
    ("e13", "That entry was removed"),
])
def test_entries_that_are_not_good_practice_or_not_handed_in_are_refused(label, message):
    ex = build_example()
    with pytest.raises(ValidationError, match=message):
        _propose(ex.organiser, ex.entries[label])
    assert not LibraryItem.objects.exists()


def test_a_quote_from_a_child_needs_their_agreement_but_a_staff_quote_is_always_usable():
    ex = build_example()
    heading = ex.event.headings.get(number=GOOD)
    quote = dict(observation=ex.observations["O5"], heading=heading, kind=ObservationEntry.Kind.QUOTE,
                 theme=theme("voice-of-the-child"), text="She listens to me")
    child = ObservationEntryFactory(**quote, quote_by="child", may_quote=False)
    with pytest.raises(ValidationError, match="did not agree to be quoted"):
        _propose(ex.organiser, child, kind=LibraryItem.Kind.QUOTE, text="She listens to me")
    agreed = ObservationEntryFactory(**quote, quote_by="child", may_quote=True)
    staff = ObservationEntryFactory(**quote, quote_by="staff", may_quote=False)
    assert _propose(ex.organiser, agreed, kind=LibraryItem.Kind.QUOTE).kind == LibraryItem.Kind.QUOTE
    assert _propose(ex.organiser, staff, kind=LibraryItem.Kind.QUOTE).status == LibraryItem.Status.PROPOSED


def test_the_child_id_is_never_copied_and_a_text_holding_it_is_refused():
    ex = build_example()
    exemplar = _exemplar(ex)
    with pytest.raises(ValidationError) as refused:
        _propose(ex.users["ann"], exemplar, kind=LibraryItem.Kind.CASE_EXAMPLE, text=exemplar.text)
    assert refused.value.message_dict == {"text": ["Remove the child's id from the text: no child id goes in the "
                                                   "library"]}
    item = _propose(ex.users["ann"], exemplar, kind=LibraryItem.Kind.CASE_EXAMPLE,
                    text="The child chose where to meet and the plan used her words")
    assert "C1234" not in item.text and "C1234" not in item.title
    assert "C1234" not in str(AuditEvent.objects.get(verb=Verb.LIBRARY_PROPOSED).changes)
    # and an edit cannot put it back
    with pytest.raises(ValidationError, match="child's id from the title"):
        library.edit_item(actor=ex.organiser, item=item, expected_version=item.version, title="Case c1234",
                          text=item.text, kind=item.kind, theme=item.theme, no_names_checked=False)


def test_a_child_id_typed_into_an_entrys_text_is_masked_for_display():
    assert library.without_child_ref("Child c1234 and C12345 met", "C1234") == "Child [child id] and C12345 met"
    assert library.without_child_ref("Nothing to hide", "") == "Nothing to hide"


def test_blank_or_overlong_fields_get_their_own_messages():
    ex = build_example()
    with pytest.raises(ValidationError) as refused:
        _propose(ex.organiser, ex.entries["e12"], title=" ", text="x" * 4001, kind="poem", theme=None)
    assert refused.value.message_dict == {
        "title": ["Enter a title"], "text": ["The text must be 4,000 characters or fewer"],
        "kind": ["Select what kind of practice this is"], "theme": ["Select a theme"]}
    with pytest.raises(ValidationError, match="120 characters"):
        _propose(ex.organiser, ex.entries["e12"], title="t" * 121)


def test_only_the_qa_lead_and_principal_social_worker_edit_publish_and_withdraw():
    ex = build_example()
    item = _propose(ex.users["ann"], ex.entries["e12"])
    for role in (Role.AUDITOR, Role.SENIOR_LEADER, Role.TEAM_MANAGER, Role.INSPECTOR):
        user = make_user(role)
        with pytest.raises(PermissionDenied):
            library.publish_item(actor=user, item=item, no_names_checked=True)
        with pytest.raises(PermissionDenied):
            library.withdraw_item(actor=user, item=item, reason="No")
    psw = make_user(Role.PRINCIPAL_SOCIAL_WORKER)
    assert library.publish_item(actor=psw, item=item, no_names_checked=True).published_by == psw


def test_publishing_needs_the_names_check_and_records_who_and_when():
    ex = build_example()
    item = _propose(ex.users["ann"], ex.entries["e12"])
    with pytest.raises(ValidationError, match="confirm that the title and text name no one"):
        library.publish_item(actor=ex.organiser, item=item)
    item.refresh_from_db()
    assert item.status == LibraryItem.Status.PROPOSED and item.version == 1
    library.publish_item(actor=ex.organiser, item=item, no_names_checked=True)
    item.refresh_from_db()
    assert (item.status, item.no_names_checked, item.published_by) == ("published", True, ex.organiser)
    assert item.version == 2
    assert AuditEvent.objects.get(verb=Verb.LIBRARY_PUBLISHED).changes["status"] == ["proposed", "published"]
    with pytest.raises(ValidationError, match="already published"):
        library.publish_item(actor=ex.organiser, item=item, no_names_checked=True)


def test_the_database_refuses_a_published_item_not_checked_for_names():
    ex = build_example()
    item = _propose(ex.users["ann"], ex.entries["e12"])
    with pytest.raises(IntegrityError), transaction.atomic():
        LibraryItem.objects.filter(pk=item.pk).update(status=LibraryItem.Status.PUBLISHED)


def test_an_edit_is_claimed_against_the_version_it_was_read_at():
    ex = build_example()
    item = _propose(ex.users["ann"], ex.entries["e12"])
    read_at = item.version
    fields = {"title": "Nurse at allocation", "text": "The school nurse joins allocation.",
              "kind": LibraryItem.Kind.CASE_EXAMPLE, "theme": theme("voice-of-the-child"), "no_names_checked": True}
    library.edit_item(actor=ex.organiser, item=item, expected_version=read_at, **fields)
    item.refresh_from_db()
    assert (item.title, item.kind, item.theme.slug, item.no_names_checked) == (
        "Nurse at allocation", "case_example", "voice-of-the-child", True)
    assert item.version == read_at + 1
    with pytest.raises(StaleEdit):
        library.edit_item(actor=ex.organiser, item=item, expected_version=read_at, **{**fields, "title": "Late"})
    item.refresh_from_db()
    assert item.title == "Nurse at allocation"
    assert AuditEvent.objects.filter(verb=Verb.LIBRARY_UPDATED).count() == 1


def test_a_published_item_keeps_its_names_check_through_an_edit():
    ex = build_example()
    item = library.publish_item(actor=ex.organiser, item=_propose(ex.users["ann"], ex.entries["e12"]),
                                no_names_checked=True)
    with pytest.raises(ValidationError) as refused:
        library.edit_item(actor=ex.organiser, item=item, expected_version=item.version, title="New",
                          text="New text", kind=item.kind, theme=item.theme, no_names_checked=False)
    assert list(refused.value.message_dict) == ["no_names_checked"]
    item.refresh_from_db()
    assert item.title == "School nurse at allocation" and item.status == "published"


def test_withdrawing_needs_a_reason_and_a_withdrawn_item_can_be_published_again():
    ex = build_example()
    item = library.publish_item(actor=ex.organiser, item=_propose(ex.users["ann"], ex.entries["e12"]),
                                no_names_checked=True)
    with pytest.raises(ValidationError, match="Enter why the item is withdrawn"):
        library.withdraw_item(actor=ex.organiser, item=item, reason="  ")
    library.withdraw_item(actor=ex.organiser, item=item, reason="The practice has stopped")
    item.refresh_from_db()
    assert (item.status, item.withdrawn_reason) == ("withdrawn", "The practice has stopped")
    assert AuditEvent.objects.get(verb=Verb.LIBRARY_WITHDRAWN).changes == {"status": ["published", "withdrawn"]}
    with pytest.raises(ValidationError, match="already withdrawn"):
        library.withdraw_item(actor=ex.organiser, item=item, reason="Again")
    library.publish_item(actor=ex.organiser, item=item)  # checked before: no new tick needed
    item.refresh_from_db()
    assert (item.status, item.withdrawn_reason) == ("published", "")


def test_a_proposal_not_taken_up_is_withdrawn():
    ex = build_example()
    item = _propose(ex.users["ann"], ex.entries["e12"])
    library.withdraw_item(actor=ex.organiser, item=item, reason="Already in the library")
    item.refresh_from_db()
    assert item.status == LibraryItem.Status.WITHDRAWN and item.published_at is None


def test_visible_items_published_for_readers_everything_for_managers_and_ones_own_proposals():
    ex = build_example()
    ann = ex.users["ann"]
    proposed = _propose(ann, ex.entries["e12"])
    published = library.publish_item(actor=ex.organiser, item=_propose(ex.organiser, ex.entries["e7"]),
                                      no_names_checked=True)
    withdrawn = _propose(ex.organiser, ex.entries["e3"])
    library.withdraw_item(actor=ex.organiser, item=withdrawn, reason="Duplicate")
    assert set(library.visible_items(make_user(Role.PRACTITIONER))) == {published}
    assert set(library.visible_items(ann)) == {published, proposed}
    assert set(library.visible_items(ex.organiser)) == {published, proposed, withdrawn}
    assert set(library.visible_items(make_user(Role.PRINCIPAL_SOCIAL_WORKER))) == {published, proposed, withdrawn}
    assert set(library.visible_items(make_user(Role.ELECTED_MEMBER))) == set()
    assert set(library.visible_items(make_user(Role.SYSTEM_ADMIN))) == set()


def test_a_staff_name_of_the_items_team_is_a_warning():
    ex = build_example()
    add_to_team(StaffFactory(first_name="Jo", last_name="Bell"), ex.teams["North 1"])
    item = _propose(ex.users["ann"], ex.entries["e12"], text="Jo rang the school nurse")
    assert library.possible_name(item) == "Jo Bell"
    clean = _propose(ex.users["ann"], ex.entries["e12"], text="Joanna rang the school nurse")
    assert library.possible_name(clean) is None
