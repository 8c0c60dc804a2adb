"""The health check's services (design §5.1, §5.2): made from the defaults, edited while a draft against versions,
its states one step at a time, links kept only as hashes, and one answer a link."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core.concurrency import StaleEdit
from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.workforce.defaults import COMMENT_QUESTION, HEALTH_QUESTIONS
from triangulate.workforce.models import HealthAnswer, HealthCheck, HealthLink, HealthQuestion, HealthResponse
from triangulate.workforce.services import health as services
from triangulate.workforce.services.health_answer import NOT_OPEN, UNKNOWN, USED, answer

from .health_helpers import all_answers, lead, new_check, open_check


def test_a_check_is_made_from_the_default_questions(world):
    check = new_check(world)
    questions = list(check.questions.order_by("number"))
    assert [(q.theme, q.key, q.text) for q in questions[:-1]] == [tuple(x) for x in HEALTH_QUESTIONS]
    assert (questions[-1].key, questions[-1].text, questions[-1].kind) == (*COMMENT_QUESTION, HealthQuestion.Kind.TEXT)
    assert [q.number for q in questions] == list(range(1, len(HEALTH_QUESTIONS) + 2))
    assert (check.status, check.title, check.min_responses) == ("draft", "Social work health check 2026", 6)
    assert AuditEvent.objects.filter(verb="workforce_health_check.created", object_id=str(check.pk)).count() == 1


def test_one_check_a_year_and_only_health_leads_make_one(world):
    new_check(world)
    with pytest.raises(ValidationError, match="already"):
        new_check(world)
    with pytest.raises(PermissionDenied):
        services.create_check(actor=world.users[Role.TEAM_MANAGER], council=world.own.council, year=2027)


def test_a_draft_is_edited_against_its_version_and_not_once_open(world):
    check = new_check(world)
    services.update_check(actor=lead(world), health_check=check, expected_version=check.version, title="Ours",
                          min_responses=8)
    check.refresh_from_db()
    assert (check.title, check.min_responses, check.version) == ("Ours", 8, 2)
    with pytest.raises(StaleEdit):
        services.update_check(actor=lead(world), health_check=check, expected_version=1, title="Theirs")
    with pytest.raises(ValidationError, match="3 or more"):
        services.update_check(actor=lead(world), health_check=check, min_responses=2)
    question = check.questions.get(number=1)
    services.update_question(actor=lead(world), question=question, expected_version=question.version,
                             text="My workload is usually manageable.")
    question.refresh_from_db()
    assert question.text == "My workload is usually manageable." and question.version == 2
    event = AuditEvent.objects.filter(verb="workforce_health_question.changed").latest("pk")
    assert "usually" not in str(event.changes)
    with pytest.raises(StaleEdit):
        services.update_question(actor=lead(world), question=question, expected_version=1, text="Again.")
    services.open_check(actor=lead(world), health_check=check)
    with pytest.raises(ValidationError, match="open for answers"):
        services.update_check(actor=lead(world), health_check=check, title="Late")
    with pytest.raises(ValidationError, match="questions"):
        services.update_question(actor=lead(world), question=question, text="Late.")


def test_questions_are_added_and_removed_while_a_draft(world):
    check = new_check(world)
    added = services.add_question(actor=lead(world), health_check=check, theme="supervision",
                                  text="My supervisor knows my cases.")
    assert (added.number, added.key) == (20, "my-supervisor-knows-my-cases")
    services.remove_question(actor=lead(world), question=check.questions.get(number=1))
    assert list(check.questions.values_list("number", flat=True)) == list(range(1, 20))


def test_the_states_run_one_step_at_a_time_and_publishing_needs_closed(world):
    check = new_check(world)
    with pytest.raises(ValidationError, match="close it first"):
        services.publish_check(actor=lead(world), health_check=check)
    with pytest.raises(ValidationError):
        services.close_check(actor=lead(world), health_check=check)
    services.open_check(actor=lead(world), health_check=check)
    assert check.opens_on is not None
    with pytest.raises(ValidationError, match="close it first"):
        services.publish_check(actor=lead(world), health_check=check)
    services.close_check(actor=lead(world), health_check=check)
    services.publish_check(actor=lead(world), health_check=check)
    check.refresh_from_db()
    assert check.status == HealthCheck.Status.PUBLISHED and check.published_at is not None
    verbs = list(AuditEvent.objects.filter(object_id=str(check.pk), verb__startswith="workforce_health_check")
                 .order_by("pk").values_list("verb", flat=True))
    assert verbs[-3:] == ["workforce_health_check.opened", "workforce_health_check.closed",
                          "workforce_health_check.published"]


def test_links_are_kept_as_hashes_and_the_trail_names_the_team_and_count(world):
    check = new_check(world)
    tokens = services.make_links(actor=lead(world), health_check=check, team=world.own, count=4)
    assert len(set(tokens)) == 4 and all(len(services.normal_code(t)) == services.CODE_LENGTH for t in tokens)
    stored = set(HealthLink.objects.filter(health_check=check).values_list("token_hash", flat=True))
    assert stored == {hashlib.sha256(t.replace("-", "").encode()).hexdigest() for t in tokens}  # of the code as typed
    event = AuditEvent.objects.get(verb="workforce_health_check.links_made")
    assert set(event.changes) == {"team", "count"} and event.changes["count"] == 4
    assert not any(t in str(event.changes) for t in tokens)
    with pytest.raises(ValidationError):
        services.make_links(actor=lead(world), health_check=check, team=world.own, count=0)


def test_an_answer_uses_its_link_once_and_writes_the_response_and_answers_together(world):
    check = open_check(world)
    token = services.make_links(actor=lead(world), health_check=check, team=world.own, count=1)[0]
    response = answer(token, all_answers(check, comment="More time, please."))
    assert response.team == world.own
    assert HealthAnswer.objects.filter(response=response).count() == len(HEALTH_QUESTIONS) + 1
    assert HealthLink.objects.get(health_check=check).used
    with pytest.raises(ValidationError, match="already been used"):
        answer(token, all_answers(check))
    assert HealthResponse.objects.count() == 1
    with pytest.raises(ValidationError) as unknown:
        answer("not-a-token", all_answers(check))
    assert unknown.value.messages == [UNKNOWN] and USED != UNKNOWN


def test_an_incomplete_answer_writes_nothing_and_leaves_the_link_unused(world):
    check = open_check(world)
    token = services.make_links(actor=lead(world), health_check=check, team=world.own, count=1)[0]
    answers = all_answers(check)
    answers.pop(check.questions.get(number=2).pk)
    with pytest.raises(ValidationError, match="Not answered: 2"):
        answer(token, answers)
    assert not HealthLink.objects.get(health_check=check).used and not HealthResponse.objects.exists()


def test_a_check_not_open_refuses_answers(world):
    check = new_check(world)
    token = services.make_links(actor=lead(world), health_check=check, team=world.own, count=1)[0]
    with pytest.raises(ValidationError) as draft:
        answer(token, all_answers(check))
    assert draft.value.messages == [NOT_OPEN]
    services.open_check(actor=lead(world), health_check=check)
    services.close_check(actor=lead(world), health_check=check)
    with pytest.raises(ValidationError, match="not open"):
        answer(token, all_answers(check))
    assert not HealthResponse.objects.exists()
