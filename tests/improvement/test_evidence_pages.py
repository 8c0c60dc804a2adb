"""The evidence pack pages (docs/design/improvement.md §4): the sources side by side with their agreement, the draft
paragraph, the lead's paragraph saved against its version (a stale save shows both), and the period in the address.
Here the sources are improvement's own; the other apps' providers have their own tests."""

from datetime import date

from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.improvement import services
from triangulate.improvement.evidence_pack import period_from
from triangulate.improvement.models import EvidenceNote

from ..factories import theme


def test_the_lead_reads_a_themes_pack_and_saves_the_paragraph(world, client_for):
    qa = world.users[Role.QA_LEAD]
    services.record_finding(actor=qa, kind="area_for_development", text="Visit notes are thin",
                            theme=theme("visits-and-direct-work"), team=world.own, source="case_audit",
                            found_on=date.today())
    url = reverse("improvement:evidence_theme", args=[theme("visits-and-direct-work").pk])
    page = client_for(qa).get(url).content.decode()
    assert "Evidence pack: theme" in page and "Visits and direct work" in page
    assert "Findings and actions" in page and "Visit notes are thin" in page
    assert "Areas for development found" in page and "1 finding; 0 actions open, 0 overdue" in page
    assert "On visits and direct work" in page  # the draft paragraph
    response = client_for(qa).post(url, {"text": "Audits and observations agree: notes are thin.", "version": "0"})
    assert response.status_code == 302 and "from=" in response["Location"]
    note = EvidenceNote.objects.get()
    assert (note.scope_kind, note.text, note.version) == ("theme", "Audits and observations agree: notes are thin.", 1)
    page = client_for(qa).get(url).content.decode()
    assert "Drafted again from today" in page and "Audits and observations agree" in page


def test_a_stale_paragraph_shows_both_and_keeps_the_saved_one(world, client_for):
    qa, psw = world.users[Role.QA_LEAD], world.users[Role.PRINCIPAL_SOCIAL_WORKER]
    url = reverse("improvement:evidence_theme", args=[theme().pk])
    client_for(qa).post(url, {"text": "The lead's words.", "version": "0"})
    response = client_for(psw).post(url, {"text": "Words from a page drawn before.", "version": "0"})
    page = response.content.decode()
    assert response.status_code == 200 and "The lead&#39;s words." in page and "Words from a page drawn before." in page
    assert EvidenceNote.objects.get().text == "The lead's words."


def test_readers_read_and_only_leads_write(world, client_for):
    url = reverse("improvement:evidence_theme", args=[theme().pk])
    auditor = client_for(world.users[Role.AUDITOR])
    page = auditor.get(url).content.decode()
    assert page.count("Save the paragraph") == 0
    assert auditor.post(url, {"text": "Mine", "version": "0"}).status_code == 403
    # a team manager reads their own team's pack and no other
    manager = client_for(world.users[Role.TEAM_MANAGER])
    assert manager.get(reverse("improvement:evidence_team", args=[world.own.pk])).status_code == 200
    assert manager.get(reverse("improvement:evidence_team", args=[world.other.pk])).status_code == 404
    assert manager.get(url).status_code == 403
    assert not EvidenceNote.objects.exists()


def test_the_period_comes_from_the_address_and_defaults_to_the_last_year():
    today = date(2026, 12, 5)
    assert period_from({}, today) == (date(2025, 12, 6), today)
    assert period_from({"from": "2026-04-01", "to": "2026-09-30"}, today) == (date(2026, 4, 1), date(2026, 9, 30))
    assert period_from({"from": "2026-09-30", "to": "2026-04-01"}, today) == (date(2026, 4, 1), date(2026, 9, 30))
    assert period_from({"from": "April", "to": ""}, today) == (date(2025, 12, 6), today)


def test_a_teams_page_links_to_its_evidence_pack_for_those_who_may_read_it(world, client_for):
    team_page = reverse("people:team_detail", args=[world.own.pk])
    pack = reverse("improvement:evidence_team", args=[world.own.pk])
    page = client_for(world.users[Role.TEAM_MANAGER]).get(team_page).content.decode()
    assert f'href="{pack}"' in page and f"{world.own.name}: evidence pack" in page
    # a practitioner may see the team but not its pack (design §8: the team pack's letters are FOOOOOOFOF)
    response = client_for(world.users[Role.PRACTITIONER]).get(team_page)
    assert response.status_code in (200, 403) and f'href="{pack}"' not in response.content.decode()
