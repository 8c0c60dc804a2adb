"""The top 10 and learning pages (docs/design/improvement.md §5, §6) over improvement's own findings: the ranking
shown beside the council's saved list, saved and edited; training topics added and delivered, with what the evidence
said on their theme before and since."""

from datetime import date, timedelta

from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.improvement import services
from triangulate.improvement.models import TopTen, TrainingTopic

from ..factories import theme

TODAY = date.today()


def finding(world, kind, slug, days_ago):
    return services.record_finding(actor=world.users[Role.QA_LEAD], kind=kind, text=f"{kind} on {slug}",
                                   theme=theme(slug), team=world.own, source="case_audit",
                                   found_on=TODAY - timedelta(days=days_ago))


def test_the_lead_saves_the_ranking_as_the_councils_top_ten_and_edits_it(world, client_for):
    for days in (1, 2, 3):
        finding(world, "area_for_development", "visits-and-direct-work", days)
    finding(world, "area_for_development", "planning-smart", 1)
    finding(world, "strength", "voice-of-the-child", 5)
    qa = client_for(world.users[Role.QA_LEAD])
    page = qa.get(reverse("improvement:top_ten")).content.decode()
    assert page.index("Visits and direct work") < page.index("Planning (SMART)")
    assert "3 signals from 1 source" in page and "Not saved yet." in page
    assert qa.post(reverse("improvement:top_ten_save", args=["area_for_development"])).status_code == 302
    saved = TopTen.objects.get(kind="area_for_development")
    assert [i.title for i in saved.items.all()] == ["Visits and direct work", "Planning (SMART)"]
    assert len(saved.items.first().evidence) == 3
    # the lead swaps them, retitles one and adds one the ranking did not find
    response = qa.post(reverse("improvement:top_ten_edit", args=["area_for_development"]), {
        "version": saved.version, "order_1": "2", "title_1": "Purposeful visits", "text_1": "",
        "order_2": "1", "title_2": "SMART plans", "text_2": "Families know what happens next",
        "add_theme": theme("leadership").pk, "add_title": "Stable leadership", "add_reason": "Named by the reviewer"})
    assert response.status_code == 302
    assert [(i.title, i.added_reason) for i in saved.items.all()] == [
        ("SMART plans", ""), ("Purposeful visits", ""), ("Stable leadership", "Named by the reviewer")]
    page = qa.get(reverse("improvement:top_ten")).content.decode()
    assert "Added by the council: Named by the reviewer" in page
    # an auditor reads the lists but cannot save them
    auditor = client_for(world.users[Role.AUDITOR])
    assert "Save as the council" not in auditor.get(reverse("improvement:top_ten")).content.decode()
    assert auditor.post(reverse("improvement:top_ten_save", args=["strength"])).status_code == 403


def test_a_topic_is_added_delivered_and_compared_with_the_evidence_before_and_since(world, client_for):
    for days in (100, 60, 20):  # before the training
        finding(world, "area_for_development", "visits-and-direct-work", days)
    finding(world, "area_for_development", "visits-and-direct-work", 2)  # since
    psw = client_for(world.users[Role.PRINCIPAL_SOCIAL_WORKER])
    response = psw.post(reverse("improvement:training_topic_create"), {
        "title": "Purposeful visits", "theme": theme("visits-and-direct-work").pk, "audience": "Social workers"})
    assert response.status_code == 302
    topic = TrainingTopic.objects.get()
    delivered = TODAY - timedelta(days=10)
    response = psw.post(reverse("improvement:training_topic_edit", args=[topic.pk]), {
        "title": topic.title, "theme": topic.theme_id, "audience": topic.audience, "status": "delivered",
        "delivered_on-day": delivered.day, "delivered_on-month": delivered.month,
        "delivered_on-year": delivered.year, "version": topic.version})
    assert response.status_code == 302
    page = psw.get(reverse("improvement:learning")).content.decode()
    assert "3 areas for development on its theme in the 182 days before; 1 in the 10 days since" in page
    assert client_for(world.users[Role.TEAM_MANAGER]).get(reverse("improvement:learning")).status_code == 403
