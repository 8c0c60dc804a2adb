"""The observe page without script (design §5.3's last paragraph), its JSON answers to the script (§5.1), hand in
and return, the read-only observation, and who gets 404 or 403."""

import re
import uuid

import pytest

from triangulate.core.models import AccessLog
from triangulate.core.roles import Role
from triangulate.practice.models import Observation, ObservationEntry, PracticeEvent, Visit
from triangulate.practice.services import observations, sync

from ..factories import make_user, theme
from . import observe_world
from .observe_world import note
from .page_text import words

pytestmark = pytest.mark.django_db
SCRIPT = {"HTTP_X_REQUESTED_WITH": "fetch"}


def url(name, pk, part=""):
    return f"/practice/{name}/{pk}/{part}"


def hidden(content, form_id, name):
    form = re.search(rf'id="{form_id}".*?</form>', content.decode(), flags=re.S).group(0)
    return re.search(rf'name="{name}" value="([^"]*)"', form).group(1)


def new_note_form(content, heading):
    """The client id of the page's "add a note" form under `heading` (the server made it)."""
    page = content.decode()
    block = page[page.index(f'id="heading-{heading.pk}"'):]
    return re.search(r'class="app-note app-note--new" id="note-([0-9a-f-]+)"', block).group(1)


def test_without_script_a_note_is_added_edited_and_a_double_submission_is_one_note(client_for):
    world = observe_world.build()
    client = client_for(world.user)
    page = client.get(url("visits", world.visit.pk, "observe/"))
    assert page.status_code == 200
    text = words(page.content)
    assert "Open this page before you leave the office." in text
    assert "All notes saved" in text
    cid = new_note_form(page.content, world.headings[2])
    edit_id = hidden(page.content, f"note-{cid}", "edit_id")
    post = {"client_id": cid, "edit_id": edit_id, "base_revision": "0", **note(world.headings[2])}
    answer = client.post(url("visits", world.visit.pk, "observe/entries/"), post)
    assert answer.status_code == 302 and answer.url.endswith(f"#note-{cid}")
    assert client.post(url("visits", world.visit.pk, "observe/entries/"), post).status_code == 302  # pressed twice
    assert ObservationEntry.objects.count() == 1
    page = client.get(url("visits", world.visit.pk, "observe/"))
    assert "Worker rang the child before the first visit" in page.content.decode()
    edit = {"client_id": cid, "edit_id": hidden(page.content, f"note-{cid}", "edit_id"),
            "base_revision": hidden(page.content, f"note-{cid}", "base_revision"),
            **note(world.headings[2], text="Child seen alone")}
    client.post(url("visits", world.visit.pk, "observe/entries/"), edit)
    entry = ObservationEntry.objects.get()
    assert (entry.text, entry.revision) == ("Child seen alone", 2)


def test_without_script_an_error_comes_back_on_the_page_with_the_text_kept(client_for):
    world = observe_world.build()
    client = client_for(world.user)
    page = client.get(url("visits", world.visit.pk, "observe/"))
    cid = new_note_form(page.content, world.headings[4])
    answer = client.post(url("visits", world.visit.pk, "observe/entries/"), {
        "client_id": cid, "edit_id": str(uuid.uuid4()), "base_revision": "0",
        **note(world.headings[4], theme="", text="The nurse joins allocation")})
    assert answer.status_code == 400
    assert "Choose the theme this note is about." in words(answer.content)
    assert "The nurse joins allocation" in answer.content.decode()
    assert not ObservationEntry.objects.exists()


def test_the_script_gets_json_200_409_400_and_403(client_for):
    world = observe_world.build()
    client = client_for(world.user)
    cid, e1 = str(uuid.uuid4()), str(uuid.uuid4())
    sync_url = url("visits", world.visit.pk, "observe/entries/")
    ok = client.post(sync_url, {"client_id": cid, "edit_id": e1, "base_revision": "0",
                                **note(world.headings[1], text="Jo is a visible manager")}, **SCRIPT)
    assert ok.status_code == 200
    assert ok.json()["revision"] == 1 and ok.json()["client_id"] == cid
    assert ok.json()["warnings"] == ["This may contain a name: Jo Bell is in this team"]
    assert re.fullmatch(r"\d\d:\d\d", ok.json()["saved_at"])
    client.post(sync_url, {"client_id": cid, "edit_id": str(uuid.uuid4()), "base_revision": "1",
                           **note(world.headings[1], text="The manager is visible")}, **SCRIPT)
    stale = client.post(sync_url, {"client_id": cid, "edit_id": str(uuid.uuid4()), "base_revision": "1",
                                   **note(world.headings[1], text="Mine")}, **SCRIPT)
    assert stale.status_code == 409
    assert stale.json()["stale"] is True and stale.json()["revision"] == 2
    assert stale.json()["stored"]["text"] == "The manager is visible" and stale.json()["by"] == "Ann Able"
    bad = client.post(sync_url, {"client_id": str(uuid.uuid4()), "edit_id": str(uuid.uuid4()), "base_revision": "0",
                                 **note(world.headings[1], text="")}, **SCRIPT)
    assert bad.status_code == 400 and bad.json() == {"errors": {"text": ["Write the note."]}}
    questions = client.post(url("visits", world.visit.pk, "observe/observation/"), {
        "edit_id": str(uuid.uuid4()), "base_version": "1", "felt_supported": "yes", "what_happened": "Team meeting",
        "heard_from": ["child"]}, **SCRIPT)
    assert questions.status_code == 200 and questions.json()["version"] == 2
    Observation.objects.update(state="handed_in")
    closed = client.post(sync_url, {"client_id": cid, "edit_id": str(uuid.uuid4()), "base_revision": "2",
                                    **note(world.headings[1])}, **SCRIPT)
    assert closed.status_code == 403 and closed.json()["closed"] is True


def test_consent_not_given_shows_the_reason_and_no_form(client_for):
    world = observe_world.build(activity=Visit.Activity.HOME_VISIT, consent=Visit.Consent.REQUESTED)
    page = client_for(world.user).get(url("visits", world.visit.pk, "observe/"))
    assert page.status_code == 200
    assert "Consent is not recorded for this visit" in words(page.content)
    assert "Add this note" not in page.content.decode()


def test_hand_in_refused_with_reasons_then_handed_in(client_for):
    world = observe_world.build()
    client = client_for(world.user)
    refused = client.post(url("visits", world.visit.pk, "observe/hand-in/"), {"version": ""}, follow=True)
    assert refused.redirect_chain == [(url("visits", world.visit.pk, "observe/"), 302)]
    assert words(refused.content).count("Add at least one note before handing in.") == 2  # banner, and the list
    sync.sync_entry(actor=world.user, visit=world.visit, client_id=uuid.uuid4(), edit_id=uuid.uuid4(),
                    base_revision=0, **note(world.headings[1]))
    client.post(url("visits", world.visit.pk, "observe/observation/"),
                {"edit_id": str(uuid.uuid4()), "base_version": "1", "felt_supported": "mixed"})
    observation = Observation.objects.get()
    done = client.post(url("visits", world.visit.pk, "observe/hand-in/"), {"version": str(observation.version)})
    assert done.status_code == 302 and done.url == url("observations", observation.pk)
    observation.refresh_from_db()
    assert observation.state == "handed_in"
    page = client.get(done.url)
    assert "Handed in" in words(page.content) and "Mixed" in words(page.content)


def test_an_organiser_types_a_paper_guests_notes_but_not_a_staff_assessors(client_for):
    world = observe_world.build()
    guest_visit = observe_world.paper_guest_visit(world)
    client = client_for(world.organiser)
    assert client.get(url("visits", world.visit.pk, "observe/")).status_code == 403
    page = client.get(url("visits", guest_visit.pk, "observe/"))
    assert "You are typing Gail Guest's notes from paper" in words(page.content)
    client.post(url("visits", guest_visit.pk, "observe/entries/"), {
        "client_id": str(uuid.uuid4()), "edit_id": str(uuid.uuid4()), "base_revision": "0",
        **note(world.headings[1])})
    observation = Observation.objects.get(visit=guest_visit)
    assert observation.entered_by == world.organiser
    observation.felt_supported = "yes"
    observation.save()
    observations.hand_in(actor=world.organiser, visit=guest_visit)
    detail = client.get(url("observations", observation.pk))
    assert "Entered by Quinn Lead from Gail Guest's notes" in words(detail.content)
    assert "Guest, Gail Guest (Northumbria Police)" in words(detail.content)


def test_another_assessor_gets_403_and_a_stranger_404(client_for):
    world = observe_world.build()
    other = make_user(Role.AUDITOR)
    observe_world.AssessorFactory(event=world.event, user=other)
    assert client_for(other).get(url("visits", world.visit.pk, "observe/")).status_code == 403
    assert client_for(make_user(Role.AUDITOR)).get(url("visits", world.visit.pk, "observe/")).status_code == 404
    assert client_for(make_user(Role.PRACTITIONER)).get(url("visits", world.visit.pk, "observe/")).status_code == 403
    posted = client_for(make_user(Role.AUDITOR)).post(url("visits", world.visit.pk, "observe/entries/"), {})
    assert posted.status_code == 404


def test_the_observation_page_logs_a_child_id_and_the_organiser_returns_it(client_for, django_capture_on_commit_callbacks):
    world = observe_world.build()
    sync.sync_entry(actor=world.user, visit=world.visit, client_id=uuid.uuid4(), edit_id=uuid.uuid4(),
                    base_revision=0, **note(world.headings[2], kind="exemplar", child_ref="C123",
                                            theme=theme("recording").pk))
    sync.sync_observation(actor=world.user, visit=world.visit, edit_id=uuid.uuid4(), base_version=1,
                          felt_supported="yes")
    observation = observations.hand_in(actor=world.user, visit=world.visit)
    PracticeEvent.objects.filter(pk=world.event.pk).update(status="analysis")
    client = client_for(world.organiser)
    page = client.get(url("observations", observation.pk))
    assert "Child's id: C123" in words(page.content)
    assert AccessLog.objects.filter(user=world.organiser, resource="practice_exemplar", child_id="C123").exists()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url("observations", observation.pk, "return/"),
                             {"reason": "Add what the child said", "version": str(observation.version)})
    assert answer.status_code == 302
    observation.refresh_from_db()
    assert observation.state == "draft"
    page = client_for(world.user).get(url("visits", world.visit.pk, "observe/"))
    assert "Returned by Quinn Lead: Add what the child said" in words(page.content)
    assert client_for(world.user).post(url("observations", observation.pk, "return/"),
                                       {"reason": "x"}).status_code == 403


def test_a_guest_with_an_account_records_hands_in_and_reads_their_notes_on_the_observe_page(client_for):
    world = observe_world.build()
    guest = observe_world.make_guest(world.event)
    visit = observe_world.VisitFactory(event=world.event, event_team=world.visit.event_team, assessor=guest)
    client = client_for(guest.user)
    assert client.get(url("visits", world.visit.pk, "observe/")).status_code == 404  # another's visit
    client.post(url("visits", visit.pk, "observe/entries/"), {
        "client_id": str(uuid.uuid4()), "edit_id": str(uuid.uuid4()), "base_revision": "0",
        **note(world.headings[3], text="Mum knows what happens next")})
    client.post(url("visits", visit.pk, "observe/observation/"),
                {"edit_id": str(uuid.uuid4()), "base_version": "1", "felt_supported": "not_asked"})
    done = client.post(url("visits", visit.pk, "observe/hand-in/"), {"version": "2"}, follow=True)
    assert done.redirect_chain == [(url("visits", visit.pk, "observe/"), 302)]
    text = words(done.content)
    assert "Observation handed in" in text and "Mum knows what happens next" in text
    assert "Read the observation" not in text
    assert "Back to the timetable" not in text  # a guest does not read the timetable
    observation = Observation.objects.get(visit=visit)
    assert client.get(url("observations", observation.pk)).status_code == 403
