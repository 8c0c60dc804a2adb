"""The good practice library's pages (design §1.5, §8, §9.1): searching by theme, team and words, reading an item,
proposing from an entry, and the managers' edit, publish and withdraw; over tests/practice/library_world.py, whose
docstring works out the expected hits by hand."""

import re

import pytest
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.practice.models import LibraryItem
from triangulate.practice.services import library

from ..factories import StaffFactory, add_to_team, make_user, theme
from .analysis_example import build_example
from .library_world import CHILD_REF, build_library
from .page_text import words

pytestmark = pytest.mark.django_db


def titles(response):
    """The titles listed on the library page, in order."""
    page = response.content.decode()
    return re.findall(r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>', page)


def _search(client, **query):
    response = client.get(reverse("practice:library"), query)
    assert response.status_code == 200
    return response


@pytest.fixture
def lib():
    return build_library()


@pytest.fixture
def reader(client_for):
    return client_for(make_user(Role.PRACTITIONER))


def test_a_reader_sees_the_published_items_newest_first(lib, reader):
    response = _search(reader)
    assert titles(response) == ["Ringing before the first visit", "Colours for feelings", "School nurse at allocation"]
    assert "3 items" in words(response.content)
    assert 'id="status"' not in response.content.decode()  # the status filter is the managers'


@pytest.mark.parametrize(("query", "expected"), [
    ({"q": "child"}, ["Ringing before the first visit", "Colours for feelings", "School nurse at allocation"]),
    ({"q": "CHILD first"}, ["Ringing before the first visit"]),
    ({"q": "school"}, ["School nurse at allocation"]),  # in the title and the text: listed once
    ({"q": "colours worry"}, ["Colours for feelings"]),
    ({"q": "explained"}, []),  # only in the proposal, which a reader does not see
    ({"q": "hospital"}, []),
])
def test_words_must_all_appear_in_the_title_or_text(lib, reader, query, expected):
    assert titles(_search(reader, **query)) == expected


def test_search_by_theme_and_by_team(lib, reader):
    voice, nurse_theme = theme("voice-of-the-child"), theme("multi-agency-working")
    teams = lib.example.teams
    assert titles(_search(reader, theme=voice.pk)) == ["Ringing before the first visit", "Colours for feelings"]
    assert titles(_search(reader, theme=nurse_theme.pk)) == ["School nurse at allocation"]
    assert titles(_search(reader, team=teams["West 1"].pk)) == ["Colours for feelings"]
    assert titles(_search(reader, team=teams["North 1"].pk)) == ["School nurse at allocation"]
    assert titles(_search(reader, team=teams["West 1"].pk, theme=voice.pk, q="colours")) == ["Colours for feelings"]
    response = _search(reader, team=teams["South 2"].pk, theme=nurse_theme.pk)
    assert titles(response) == []
    assert "No items match" in words(response.content)
    assert "0 items found" in words(response.content)
    # a stale or made-up value cuts nothing
    assert len(titles(_search(reader, team="nonsense", theme=""))) == 3


def test_the_filters_offer_only_the_themes_and_teams_of_items_the_reader_can_see(lib, reader):
    page = _search(reader).content.decode()
    team_select = page[page.index('id="team"'):page.index("</select>", page.index('id="team"'))]
    assert [t for t in re.findall(r">([^<]+)</option>", team_select)] == [
        "All teams", "Safeguarding North 1", "Safeguarding South 2", "Safeguarding West 1"]
    theme_select = page[page.index('id="theme"'):page.index("</select>", page.index('id="theme"'))]
    assert "Parent and carer experience" not in theme_select  # only the proposal has it
    assert "Clear the search" not in page
    assert "Clear the search" in _search(reader, q="child").content.decode()


def test_a_manager_sees_proposals_and_withdrawn_items_and_filters_by_status(lib, client_for):
    client = client_for(lib.organiser)
    assert titles(_search(client)) == ["Ringing before the first visit", "Colours for feelings",
                                       "School nurse at allocation", "Meeting where the child chose",
                                       "Plans explained to parents"]
    assert titles(_search(client, status="proposed")) == ["Plans explained to parents"]
    assert titles(_search(client, status="withdrawn")) == ["Meeting where the child chose"]
    assert titles(_search(client, q="explained")) == ["Plans explained to parents"]


def test_a_proposed_item_is_invisible_to_practitioners_but_not_to_its_proposer(lib, reader, client_for):
    proposal = lib.items["plan"]
    assert reader.get(reverse("practice:library_item", args=[proposal.pk])).status_code == 404
    assert reader.get(reverse("practice:library_item", args=[lib.items["case"].pk])).status_code == 404
    assert reader.get(reverse("practice:library_item", args=[lib.items["nurse"].pk])).status_code == 200
    ann = lib.example.users["ann"]
    own = library.propose_item(actor=ann, entry=lib.example.entries["e11"], title="Well chaired meeting",
                               text="The team meeting was well chaired.", kind="innovative_practice",
                               theme=theme("leadership"))
    page = client_for(ann).get(reverse("practice:library_item", args=[own.pk]))
    assert page.status_code == 200 and "Not yet in the library" in words(page.content)
    assert client_for(ann).get(reverse("practice:library_item", args=[proposal.pk])).status_code == 404


def test_no_child_id_is_ever_shown(lib, client_for):
    qa = client_for(lib.organiser)
    case = lib.items["case"]
    pages = [qa.get(reverse("practice:library")), qa.get(reverse("practice:library_item", args=[case.pk])),
             qa.get(reverse("practice:library_item_edit", args=[case.pk]))]
    for response in pages:
        assert response.status_code == 200
        assert CHILD_REF not in response.content.decode()
    # the exemplar's assessor typed the id into the text too: the manager's view of the source and the proposal
    # form's starting copy mask it
    assert case.source_entry.text == f"Child {CHILD_REF} chose where to meet"
    assert "The entry it was copied from Child [child id] chose where to meet" in words(pages[1].content)
    response = qa.get(reverse("practice:library_propose", args=[case.source_entry.pk]))
    assert response.status_code == 200 and CHILD_REF not in response.content.decode()
    assert "Child [child id] chose where to meet</textarea>" in response.content.decode()


def test_the_item_page_shows_the_item_and_a_manager_sees_the_entry_it_came_from_and_the_forms(lib, reader,
                                                                                              client_for):
    nurse = lib.items["nurse"]
    text = words(reader.get(reverse("practice:library_item", args=[nurse.pk])).content)
    assert "School nurse at allocation" in text and "meets the child in school" in text
    assert "Kind Innovative practice" in text and "Team Safeguarding North 1" in text
    assert "Change the item" not in text and "School nurse attends allocation meeting" not in text
    manager_text = words(client_for(lib.organiser).get(reverse("practice:library_item", args=[nurse.pk])).content)
    assert "The entry it was copied from School nurse attends allocation meeting" in manager_text
    assert "Withdraw from the library" in manager_text and "Publish" not in manager_text.split("Withdraw")[0][-20:]


def test_propose_from_an_entry_then_publish_then_readers_find_it(client_for):
    ex = build_example()
    ann = ex.users["ann"]
    url = reverse("practice:library_propose", args=[ex.entries["e12"].pk])
    form = client_for(ann).get(url).content.decode()
    assert "School nurse attends allocation meeting</textarea>" in form  # the copy starts as the entry's words
    assert 'value="innovative_practice" checked' in form
    response = client_for(ann).post(url, {"title": "Nurse at allocation", "text": "The nurse joins allocation.",
                                          "kind": "innovative_practice", "theme": theme("multi-agency-working").pk})
    item = LibraryItem.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("practice:library_item", args=[item.pk])
    assert item.status == "proposed" and item.proposed_by == ann
    reader = client_for(make_user(Role.PRACTITIONER))
    assert titles(_search(reader)) == []
    qa = client_for(ex.organiser)
    refused = qa.post(reverse("practice:library_publish", args=[item.pk]), {}, follow=True)
    assert "confirm that the title and text name no one" in words(refused.content)
    qa.post(reverse("practice:library_publish", args=[item.pk]), {"no_names_checked": "1"})
    assert titles(_search(reader, q="nurse")) == ["Nurse at allocation"]
    qa.post(reverse("practice:library_withdraw", args=[item.pk]), {"reason": "Stopped"})
    assert titles(_search(reader)) == []


def test_propose_refuses_another_assessors_entry_and_explains_an_area_for_development(client_for):
    ex = build_example()
    assert client_for(ex.users["cat"]).get(
        reverse("practice:library_propose", args=[ex.entries["e12"].pk])).status_code == 403
    response = client_for(ex.organiser).get(reverse("practice:library_propose", args=[ex.entries["e2"].pk]))
    assert response.status_code == 200
    assert "An area for development is not good practice" in words(response.content)
    assert 'name="title"' not in response.content.decode()
    blank = client_for(ex.organiser).post(reverse("practice:library_propose", args=[ex.entries["e12"].pk]),
                                          {"title": "", "text": "", "kind": "", "theme": ""})
    assert blank.status_code == 200
    assert {"Enter a title", "Enter the text", "Select a theme"} <= set(
        re.findall(r'href="#id_\w+">([^<]+)</a>', blank.content.decode()))


def test_the_edit_page_saves_against_the_version_and_shows_a_stale_save(lib, client_for):
    nurse = lib.items["nurse"]
    url = reverse("practice:library_item_edit", args=[nurse.pk])
    qa = client_for(lib.organiser)
    data = {"title": "Nurse at allocation", "text": "The nurse joins allocation.", "kind": "case_example",
            "theme": theme("multi-agency-working").pk, "no_names_checked": "on", "version": nurse.version}
    assert qa.post(url, data).status_code == 302
    nurse.refresh_from_db()
    assert (nurse.title, nurse.kind, nurse.status) == ("Nurse at allocation", "case_example", "published")
    stale = qa.post(url, {**data, "title": "Late"})  # drawn from the old version
    assert stale.status_code == 200 and "Someone else saved this" in words(stale.content)
    unticked = qa.post(url, {**data, "version": nurse.version, "no_names_checked": ""})
    assert "A published item must be checked for names" in words(unticked.content)


def test_a_possible_staff_name_is_a_warning_for_the_manager(lib, client_for):
    add_to_team(StaffFactory(first_name="Jo", last_name="Bell"), lib.example.teams["North 1"])
    nurse = lib.items["nurse"]
    LibraryItem.objects.filter(pk=nurse.pk).update(text="Jo Bell meets the child in school")
    text = words(client_for(lib.organiser).get(reverse("practice:library_item", args=[nurse.pk])).content)
    assert "This may contain a name: Jo Bell is in Safeguarding North 1" in text


def test_pages_of_twenty(client_for):
    lib = build_library()
    for n in range(20):
        item = library.propose_item(actor=lib.organiser, entry=lib.example.entries["e12"], title=f"Extra {n:02d}",
                                    text="More practice", kind="innovative_practice", theme=theme("leadership"))
        library.publish_item(actor=lib.organiser, item=item, no_names_checked=True)
    reader = client_for(make_user(Role.PRACTITIONER))
    first = _search(reader)
    assert titles(first) == [f"Extra {n:02d}" for n in range(19, -1, -1)]  # published last: newest first
    assert "23 items" in words(first.content)
    assert titles(_search(reader, page=2)) == ["Ringing before the first visit", "Colours for feelings",
                                               "School nurse at allocation"]


def test_the_menu_offers_the_library_to_readers_only(lib, client_for):
    home = reverse("core:home")
    assert "Good practice library" in client_for(make_user(Role.PRACTITIONER)).get(home).content.decode()
    assert "Good practice library" not in client_for(make_user(Role.ELECTED_MEMBER)).get(home).content.decode()


def test_the_analysis_page_links_the_organiser_to_propose_its_good_entries(client_for):
    ex = build_example()
    page = client_for(ex.organiser).get(reverse("practice:analysis", args=[ex.event.pk])).content.decode()
    for label in ("e1", "e3", "e7", "e8", "e11", "e12"):  # strengths and good practice, handed in
        assert reverse("practice:library_propose", args=[ex.entries[label].pk]) in page
    for label in ("e2", "e4", "e9"):  # areas for development are not good practice
        assert reverse("practice:library_propose", args=[ex.entries[label].pk]) not in page
