"""Answering the health check through an unaddressed link (design §5.2).

`answer(token, answers)` is the one write in the product with no actor, on purpose: nobody signed in answers, and
nothing may tie the answers to whoever holds the link. It is therefore not an @service (those name an actor and
record an AuditEvent; core/authority.py), but it keeps the same promise of one durable transaction: the link is
marked used and the response and its answers are written together, or nothing is.

It writes no audit event, no access log row, no notification and no log line. The response keeps the check and
the link's team, never the link, a person or a time, under a random key (models/health.py); the answers likewise.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Agreement, HealthAnswer, HealthCheck, HealthLink, HealthQuestion, HealthResponse
from .health import is_open_for_answers, token_hash

USED = "This link has already been used to answer. Each link answers once."
UNKNOWN = "This code or link does not work. Check you typed it exactly as it is on your slip."
NOT_OPEN = "This health check is not open for answers."
LONGEST_COMMENT = 5000


def link_of(token):
    """The link a token opens (None for an unknown one), with its check."""
    if not token or not isinstance(token, str) or len(token) > 200:
        return None
    return HealthLink.objects.select_related("health_check").filter(token_hash=token_hash(token)).first()


def refusal(link):
    """Why `link` cannot answer now ("" when it can)."""
    if link is None:
        return UNKNOWN
    if link.used:
        return USED
    if not is_open_for_answers(link.health_check):
        return NOT_OPEN
    return ""


def answer(token, answers):
    """Record one response through the link `token`. `answers` maps a question's id to its answer: an Agreement
    value for an agree question (every one must be answered; "don't know" is an answer), text for a comment
    question (may be blank). Refused (ValidationError) for an unknown or used link or a check not open."""
    with transaction.atomic(durable=True):
        return _answer(token, answers)


def _answer(token, answers):
    with transaction.atomic():
        link = link_of(token)
        problem = refusal(link)
        if problem:
            raise ValidationError(problem)
        check = HealthCheck.objects.select_for_update().get(pk=link.health_check_id)
        if not is_open_for_answers(check):
            raise ValidationError(NOT_OPEN)
        rows = _answers(check, answers)
        # the link is spent first, and only if it was unused at this moment: of two answers sent at once through
        # the same link, one is kept
        if not HealthLink.objects.filter(pk=link.pk, used=False).update(used=True):
            raise ValidationError(USED)
        response = HealthResponse.objects.create(health_check=check, team_id=link.team_id)
        for row in rows:
            row.response = response
        HealthAnswer.objects.bulk_create(rows)
    return response


# as a service's `fn.step`: the same answer inside a caller's transaction (the demo answers its checks in its own)
answer.step = _answer


def _answers(check, answers):
    answers = {int(k): v for k, v in (answers or {}).items()}
    questions = list(HealthQuestion.objects.filter(health_check=check).order_by("number"))
    known = {q.pk for q in questions}
    if set(answers) - known:
        raise ValidationError("An answer is for a question this health check does not ask.")
    choices = {c.value for c in Agreement}
    rows, missing = [], []
    for question in questions:
        value = answers.get(question.pk)
        if question.kind == HealthQuestion.Kind.AGREE:
            if value is None or value == "":
                missing.append(question.number)
                continue
            if int(value) not in choices:
                raise ValidationError(f"Question {question.number}'s answer is not one of the choices.")
            rows.append(HealthAnswer(question=question, choice=int(value)))
        else:
            text = (value or "").strip()
            if len(text) > LONGEST_COMMENT:
                raise ValidationError(f"Your comment must be {LONGEST_COMMENT} characters or fewer.")
            if text:
                rows.append(HealthAnswer(question=question, text=text))
    if missing:
        raise ValidationError("Answer every question (choose \"Don't know\" if you are not sure). Not answered: "
                              + ", ".join(str(n) for n in missing) + ".")
    return rows
