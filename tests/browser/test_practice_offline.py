"""Observing on a tablet that loses its connection (design §5.5), in Chromium at 820×1180 with touch.

The assessor types two notes; the tablet goes offline; a third note and an edit of the first wait in the outbox
("Not sent yet: 2 notes…", and "Hand in" is refused while they wait); back online everything is sent: exactly 3
notes, the first edited. Then a lost answer: the server applies a note but the browser never hears back; the
script retries and the note is still there once. Then an idle sign-out while offline: back online the page says
it has been signed out and links to sign in; after signing in, the outbox is sent. axe runs on each state."""

import re
import uuid

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from triangulate.core.models import Theme
from triangulate.practice.models import ObservationEntry
from triangulate.practice.services import observations, sync

from ..practice import observe_world
from .conftest import TABLET, axe_violations, new_page, sign_in

ALL_SAVED = re.compile(r"^All notes saved at \d\d:\d\d$")
# What Chromium itself logs for a request that fails offline, is aborted, or is answered 409 (the §5.1 conflict)
# or 400 (a note refused as it stands).
OFFLINE_NOISE = ("ERR_INTERNET_DISCONNECTED", "ERR_FAILED", "Failed to fetch", "beforeunload", "409 (Conflict)",
                 "400 (Bad Request)")


@pytest.fixture
def observing(transactional_db):
    return observe_world.build()


@pytest.fixture
def tablet(browser):
    page = new_page(browser, **TABLET)
    page.on("dialog", lambda dialog: dialog.accept())  # "leave this page?" while notes wait (beforeunload)
    yield page
    page.context.close()


def clean(page):
    assert axe_violations(page) == [], page.url
    assert [e for e in page.console_errors if not any(n in e for n in OFFLINE_NOISE)] == [], page.url


def add_note(page, heading, kind, text):
    """Type a note into the heading's "add a note" form; returns its client id (the form becomes that note)."""
    form = page.locator(f'form.app-note--new[data-heading="{heading.pk}"]')
    client_id = form.get_attribute("data-client-id")
    note = page.locator(f'form[data-client-id="{client_id}"]')
    note.get_by_label(kind, exact=True).check()
    note.get_by_label("Theme").select_option(str(Theme.objects.get(slug="voice-of-the-child").pk))
    note.get_by_label("Note", exact=True).fill(text)
    note.get_by_label("Note", exact=True).blur()
    return client_id


def status(page):
    return page.locator("[data-status]")


def test_notes_typed_offline_are_sent_once_when_the_connection_returns(tablet, live_server, observing):
    page, world = tablet, observing
    h1, h2 = world.headings[1], world.headings[2]
    sign_in(page, live_server, world.user.username)
    page.goto(f"{live_server.url}/practice/visits/{world.visit.pk}/observe/")
    expect(status(page)).to_have_text("All notes saved")
    clean(page)

    first = add_note(page, h2, "Strength", "The child's words are in the plan")
    expect(status(page)).to_have_text(ALL_SAVED, timeout=10_000)
    add_note(page, h1, "Area for development", "Supervision notes list tasks only")
    expect(status(page)).to_have_text(ALL_SAVED, timeout=10_000)
    assert ObservationEntry.objects.count() == 2

    page.context.set_offline(True)
    add_note(page, h2, "Strength", "Mum said she knows what happens next")
    edited = page.locator(f'form[data-client-id="{first}"]').get_by_label("Note", exact=True)
    edited.fill("The child's own words are in the plan")
    edited.blur()
    expect(status(page)).to_have_text("Not sent yet: 2 notes are kept on this tablet. They will be sent when the "
                                      "connection returns.", timeout=10_000)
    expect(page.get_by_role("button", name="Hand in")).to_be_disabled()
    expect(page.get_by_text("Hand in is not available while notes are waiting")).to_be_visible()
    expect(page.locator(f'form[data-client-id="{first}"] [data-note-status]')).to_have_text("Not sent yet")
    clean(page)

    page.context.set_offline(False)
    expect(status(page)).to_have_text(ALL_SAVED, timeout=15_000)
    entries = ObservationEntry.objects.order_by("created_at")
    assert entries.count() == 3
    assert ObservationEntry.objects.get(client_id=first).text == "The child's own words are in the plan"
    expect(page.get_by_role("button", name="Hand in")).to_be_enabled()
    clean(page)

    # A lost answer: the server applies the note, the browser hears nothing and sends it again.
    lost = []

    def lose_the_answer(route):
        if lost:
            route.continue_()
            return
        lost.append(route.fetch().status)
        route.abort()

    page.route("**/observe/entries/", lose_the_answer)
    fourth = add_note(page, h1, "Strength", "The manager knew every child's plan")
    expect(status(page)).to_have_text(ALL_SAVED, timeout=20_000)
    assert lost == [200]
    assert ObservationEntry.objects.count() == 4
    assert ObservationEntry.objects.get(client_id=fourth).revision == 1  # the retry was a replay (§5.1 rule 2)
    page.unroute("**/observe/entries/")
    clean(page)

    # An idle sign-out while offline: the server's session ends; the notes stay on the tablet.
    page.context.set_offline(True)
    Session.objects.all().delete()
    fifth = add_note(page, h2, "Strength", "The worker saw the child alone")
    expect(status(page)).to_have_text(re.compile(r"^Not sent yet: 1 note is kept"), timeout=10_000)
    page.get_by_role("button", name="Sign out").click()  # asks first; going back keeps the note
    ask = page.get_by_role("dialog", name="1 note has not been sent")
    expect(ask).to_contain_text("If you sign out now it will be deleted from this device.")
    clean(page)
    ask.get_by_role("button", name="Go back and wait").click()
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    banner = page.get_by_role("region", name="Signed out")
    expect(banner).to_contain_text("You have been signed out. Your notes are kept on this tablet", timeout=15_000)
    expect(status(page)).to_have_text(re.compile(r"^Signed out"))
    clean(page)
    with page.expect_navigation():
        banner.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill(world.user.username)
    page.get_by_label("Password").fill(observe_world.PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    expect(status(page)).to_have_text(ALL_SAVED, timeout=15_000)
    assert page.url.endswith(f"/practice/visits/{world.visit.pk}/observe/")
    assert ObservationEntry.objects.count() == 5
    assert ObservationEntry.objects.get(client_id=fifth).text == "The worker saw the child alone"
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('triangulate:outbox:'))") == []
    clean(page)


def test_two_tablets_a_conflict_asks_which_to_keep_then_hand_in(browser, tablet, live_server, observing):
    """§5.2: a 409 shows both texts, "Keep mine" or "Keep the saved one"; the questions are saved the same way; an
    outbox item older than OUTBOX_DAYS is deleted with a message; hand in leads to the observation."""
    page, world = tablet, observing
    sign_in(page, live_server, world.user.username)
    observe_url = f"{live_server.url}/practice/visits/{world.visit.pk}/observe/"
    page.goto(observe_url)
    note = add_note(page, world.headings[2], "Strength", "The plan uses the child's words")
    expect(status(page)).to_have_text(ALL_SAVED, timeout=10_000)

    other = browser.new_context(viewport={"width": 820, "height": 1180}, has_touch=True)
    second = other.new_page()
    sign_in(second, live_server, world.user.username)
    second.goto(observe_url)
    words = second.locator(f'form[data-client-id="{note}"]').get_by_label("Note", exact=True)
    words.fill("Saved on the second tablet")
    words.blur()
    expect(second.locator("[data-status]")).to_have_text(ALL_SAVED, timeout=10_000)
    other.close()

    mine = page.locator(f'form[data-client-id="{note}"]')
    mine.get_by_label("Note", exact=True).fill("Typed on the first tablet")
    mine.get_by_label("Note", exact=True).blur()
    expect(status(page)).to_have_text("1 note needs your decision.", timeout=10_000)
    expect(mine).to_contain_text("Saved on the second tablet")
    expect(page.get_by_role("button", name="Hand in")).to_be_disabled()
    clean(page)
    mine.get_by_role("button", name="Keep mine").click()
    expect(status(page)).to_have_text(ALL_SAVED, timeout=10_000)
    entry = ObservationEntry.objects.get(client_id=note)
    assert (entry.text, entry.revision) == ("Typed on the first tablet", 3)

    # Another device saves again; this time the first tablet keeps the saved one and drops its own words.
    sync.sync_entry(actor=world.user, visit=world.visit, client_id=note, edit_id=str(uuid.uuid4()), base_revision=3,
                    **observe_world.note(world.headings[2], text="Saved again elsewhere"))
    mine.get_by_label("Note", exact=True).fill("My words to drop")
    mine.get_by_label("Note", exact=True).blur()
    expect(status(page)).to_have_text("1 note needs your decision.", timeout=10_000)
    mine.get_by_role("button", name="Keep the saved one").click()
    expect(status(page)).to_have_text(re.compile("^All notes saved"), timeout=10_000)
    expect(mine.get_by_label("Note", exact=True)).to_have_value("Saved again elsewhere")
    assert ObservationEntry.objects.get(client_id=note).text == "Saved again elsewhere"

    # A note left on this tablet for 8 days (another visit's) is deleted when the page loads, with a message.
    page.evaluate("""key => localStorage.setItem(key, JSON.stringify({old: {fields: {text: 'old'},
                         at: Date.now() - 8 * 86400000}}))""", f"triangulate:outbox:{world.user.pk}:999")
    page.reload()
    expect(page.get_by_text("1 note kept on this tablet for more than 7 days was deleted without being sent."))\
        .to_be_visible()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('triangulate:outbox:'))") == []

    # The questions are saved the same way; Hand in then needs no reload (its version follows the saves).
    page.get_by_label("Mixed").check()
    page.get_by_label("What you observed").fill("Team meeting, 9 staff, 2 hours")
    page.get_by_label("What you observed").blur()
    expect(status(page)).to_have_text(ALL_SAVED, timeout=10_000)
    world.visit.refresh_from_db()
    assert (world.visit.observation.felt_supported, world.visit.observation.what_happened) == (
        "mixed", "Team meeting, 9 staff, 2 hours")
    clean(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Hand in").click()
    page.get_by_role("heading", level=1, name=re.compile("^Observation: Safeguarding North 1")).wait_for()
    assert world.visit.observation.__class__.objects.get(pk=world.visit.observation.pk).state == "handed_in"
    clean(page)


def test_the_pages_at_1280_wide(page, live_server, observing):
    """§9.1: every page is checked at 1280 wide as well: the observe page and the read-only observation."""
    world = observing
    sync_note = observe_world.note(world.headings[2], kind="exemplar", child_ref="C123")
    sync.sync_entry(actor=world.user, visit=world.visit, client_id="6f1c0f44-5d0e-4b43-9b8f-3f6e3e0b8a11",
                    edit_id="0b6f1d8e-3c55-4a87-a1b5-8f1f6a9f2c01", base_revision=0, **sync_note)
    sync.sync_observation(actor=world.user, visit=world.visit, edit_id="5d4b2a55-3a54-4a42-8d6b-2c0b9d8d8c77",
                          base_version=1, felt_supported="yes")
    sign_in(page, live_server, world.user.username)
    page.goto(f"{live_server.url}/practice/visits/{world.visit.pk}/observe/")
    expect(status(page)).to_have_text("All notes saved")
    assert axe_violations(page) == [] and page.console_errors == []
    page.locator('[data-add-buttons="%d"]' % world.headings[1].pk).get_by_role("button", name="Add a quote").click()
    blank = page.locator(f'form.app-note--new[data-heading="{world.headings[1].pk}"]')
    expect(blank.get_by_label("Quote", exact=True)).to_be_checked()
    expect(blank.get_by_label("Note", exact=True)).to_be_focused()
    observation = observations.hand_in(actor=world.user, visit=world.visit)
    page.goto(f"{live_server.url}/practice/observations/{observation.pk}/")
    expect(page.get_by_text("Child's id: C123")).to_be_visible()
    assert axe_violations(page) == [] and page.console_errors == []

    # Words left in the outbox after the observation was handed in: refused (403), kept, shown to copy.
    page.evaluate("""key => localStorage.setItem(key, JSON.stringify({'9b2f0c7e-0d7e-4c1e-9a55-3a8e5e1f2d10': {
        fields: {heading: '1', kind: 'strength', theme: '1', text: 'Words typed too late'}, edit_id:
        '1c7e2b9a-5f0d-4f4e-8a3c-6d2b7e9f0a12', base: 0, sent_edit_ids: [], sent: false, at: Date.now(),
        state: ''}}))""", f"triangulate:outbox:{world.user.pk}:{world.visit.pk}")
    page.goto(f"{live_server.url}/practice/visits/{world.visit.pk}/observe/")
    unsendable = page.locator("[data-unsendable]")
    expect(unsendable).to_contain_text("This observation is closed: copy your text and ask the organiser to return it")
    expect(unsendable).to_contain_text("Words typed too late")
    assert axe_violations(page) == []


def test_an_idle_sign_out_says_unsent_notes_are_kept_and_never_deletes_them(page, live_server, observing,
                                                                            settings):
    """§5.4, core session.js: the timeout's "signed out" text adds that notes not yet sent are kept on this
    device, and the outbox is still there afterwards (only a confirmed Sign out deletes it)."""
    settings.SESSION_COOKIE_AGE = 8  # the warning at 6 s, the sign-out at 8 s
    world = observing
    sign_in(page, live_server, world.user.username)
    key = f"triangulate:outbox:{world.user.pk}:{world.visit.pk}"
    page.evaluate("""key => localStorage.setItem(key, JSON.stringify({a: {fields: {text: 'kept'},
                         at: Date.now()}}))""", key)
    ended = page.get_by_role("dialog", name="You have been signed out")
    ended.wait_for(timeout=15_000)
    expect(ended).to_contain_text("Anything you had saved is kept. Notes not yet sent are kept on this device.")
    assert page.evaluate("key => localStorage.getItem(key) !== null", key)


def test_a_note_the_server_refuses_asks_for_correcting_not_for_a_connection(tablet, live_server, observing):
    """§5.2: a 400 marks the note "Needs correcting"; the status line says so rather than promising to send it when
    the connection returns (it would never be sent), and correcting it saves it."""
    page, world = tablet, observing
    sign_in(page, live_server, world.user.username)
    page.goto(f"{live_server.url}/practice/visits/{world.visit.pk}/observe/")
    form = page.locator(f'form.app-note--new[data-heading="{world.headings[2].pk}"]')
    client_id = form.get_attribute("data-client-id")
    note = page.locator(f'form[data-client-id="{client_id}"]')
    note.get_by_label("Strength", exact=True).check()
    note.get_by_label("Note", exact=True).fill("The child's words are in the plan")  # no theme chosen
    note.get_by_label("Note", exact=True).blur()
    expect(status(page)).to_have_text("1 note needs correcting before it can be saved.", timeout=10_000)
    expect(note.locator("[data-note-status]")).to_contain_text("Needs correcting")
    assert not ObservationEntry.objects.filter(client_id=client_id).exists()
    clean(page)

    note.get_by_label("Theme").select_option(str(Theme.objects.get(slug="voice-of-the-child").pk))
    note.get_by_label("Note", exact=True).blur()
    expect(status(page)).to_have_text(ALL_SAVED, timeout=10_000)
    assert ObservationEntry.objects.get(client_id=client_id).text == "The child's words are in the plan"
