"""Shared set-up for the health check's tests: a check made from the defaults, links, and answers."""

from triangulate.core.roles import Role
from triangulate.people.models import Council
from triangulate.workforce.models import Agreement, HealthQuestion
from triangulate.workforce.services import health as services
from triangulate.workforce.services.health_answer import answer


def lead(world):
    return world.users[Role.PRINCIPAL_SOCIAL_WORKER]


def new_check(world, year=2026, **kwargs):
    return services.create_check(actor=lead(world), council=Council.objects.get(pk=world.own.council_id), year=year,
                                 **kwargs)


def open_check(world, year=2026, **kwargs):
    check = new_check(world, year, **kwargs)
    return services.open_check(actor=lead(world), health_check=check)


def all_answers(check, choice=Agreement.AGREE, comment="", by_key=None):
    """Every agree question answered `choice` (or by_key[key]), the comment question `comment`."""
    out = {}
    for q in check.questions.all():
        if q.kind == HealthQuestion.Kind.AGREE:
            out[q.pk] = (by_key or {}).get(q.key, choice)
        else:
            out[q.pk] = comment
    return out


def respond(world, check, team, n, choice=Agreement.AGREE, comment="", by_key=None):
    tokens = services.make_links(actor=lead(world), health_check=check, team=team, count=n)
    for token in tokens:
        answer(token, all_answers(check, choice, comment, by_key))
    return tokens
