"""The council's own top 10 and the workforce development plan's topics (docs/design/improvement.md §5, §6)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core.concurrency import StaleEdit
from triangulate.core.roles import Role
from triangulate.improvement.learning import add_training_topic, update_training_topic
from triangulate.improvement.models import TopTen
from triangulate.improvement.top_ten import latest_top_ten, save_top_ten

from ..factories import CouncilFactory, make_user, theme

RANKED = date(2026, 12, 1)
EVIDENCE = [{"source": "audits", "title": "Visits: 40% good or better", "url": "/audits/reports/1/"}]


def item(slug="visits-and-direct-work", title="Purposeful visits", evidence=EVIDENCE, reason=""):
    return {"theme": theme(slug), "title": title, "text": "", "evidence": evidence, "added_reason": reason}


def test_the_lead_saves_edits_and_adds_to_the_councils_top_ten(db):
    council, lead = CouncilFactory(), make_user(Role.QA_LEAD)
    saved = save_top_ten(actor=lead, council=council, kind="area_for_development", ranked_on=RANKED,
                         items=[item(), item("planning-smart", "SMART plans")])
    assert [(i.order, i.title) for i in saved.items.all()] == [(1, "Purposeful visits"), (2, "SMART plans")]
    # reordered, with an item the ranking did not have, which needs a reason
    with pytest.raises(ValidationError, match="no evidence behind it"):
        save_top_ten(actor=lead, council=council, kind="area_for_development", ranked_on=RANKED,
                     expected_version=saved.version, items=[item("leadership", "Stable leadership", evidence=[])])
    again = save_top_ten(actor=lead, council=council, kind="area_for_development", ranked_on=RANKED,
                         expected_version=saved.version,
                         items=[item("planning-smart", "SMART plans"), item(),
                                item("leadership", "Stable leadership", evidence=[], reason="Named by the reviewers")])
    assert again.pk == saved.pk and again.version == saved.version + 1
    assert [(i.title, i.added_reason) for i in again.items.all()] == [
        ("SMART plans", ""), ("Purposeful visits", ""), ("Stable leadership", "Named by the reviewers")]
    assert latest_top_ten(council, "area_for_development") == again
    with pytest.raises(StaleEdit):
        save_top_ten(actor=lead, council=council, kind="area_for_development", ranked_on=RANKED,
                     expected_version=saved.version, items=[item()])
    with pytest.raises(ValidationError, match="at most 10"):
        save_top_ten(actor=lead, council=council, kind="strength", ranked_on=RANKED, items=[item()] * 11)
    with pytest.raises(PermissionDenied):
        save_top_ten(actor=make_user(Role.SERVICE_MANAGER), council=council, kind="strength", ranked_on=RANKED,
                     items=[item()])
    assert TopTen.objects.count() == 1


def test_a_topic_keeps_its_evidence_and_is_delivered_with_a_date(db):
    council, psw = CouncilFactory(), make_user(Role.PRINCIPAL_SOCIAL_WORKER)
    topic = add_training_topic(actor=psw, council=council, title="Purposeful visits: the child's voice",
                               theme=theme("visits-and-direct-work"), audience="Social workers", evidence=EVIDENCE)
    assert (topic.status, topic.owner, topic.evidence) == ("planned", psw, EVIDENCE)
    with pytest.raises(ValidationError, match="date the training was delivered"):
        update_training_topic(actor=psw, topic=topic, title=topic.title, theme=topic.theme, audience="",
                              status="delivered", expected_version=topic.version)
    done = update_training_topic(actor=psw, topic=topic, title=topic.title, theme=topic.theme, audience="All staff",
                                 status="delivered", delivered_on=date(2026, 10, 14), expected_version=topic.version)
    assert (done.status, done.delivered_on, done.evidence) == ("delivered", date(2026, 10, 14), EVIDENCE)
    with pytest.raises(PermissionDenied):
        add_training_topic(actor=make_user(Role.AUDITOR), council=council, title="x", theme=theme())
