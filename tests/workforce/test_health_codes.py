"""Health-check slips read on paper (design §5.2): each link's token is a 12-character code a person can type at
one short address, forgiving case, dashes, spaces and the letters a 1 or a 0 is misread as; a wrong or used code is
refused on the field, and nobody needs to sign in."""

import re

from django.test import Client
from django.urls import reverse

from triangulate.workforce.models import HealthLink, HealthResponse
from triangulate.workforce.services import health as services

from .health_helpers import all_answers, lead, open_check

CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


def test_codes_are_twelve_crockford_characters_and_typed_forms_of_one_code_open_one_link():
    codes = {services.new_code() for _ in range(200)}
    assert len(codes) == 200 and all(CODE.match(c) for c in codes)
    assert services.normal_code(" k7qm-4txp 9hra ") == "K7QM4TXP9HRA"
    assert services.normal_code("IL0-O1") == "11001"  # I and L read as 1, O as 0
    assert services.token_hash("k7qm4txp9hra") == services.token_hash("K7QM-4TXP-9HRA")
    assert services.token_hash("K7QM-4TXP-9HRB") != services.token_hash("K7QM-4TXP-9HRA")


def test_a_code_typed_at_the_short_address_answers_once(world):
    check = open_check(world)
    [code] = services.make_links(actor=lead(world), health_check=check, team=world.own, count=1)
    assert CODE.match(code)
    client = Client()  # nobody signed in
    page = client.get(reverse("workforce:health_code"))
    assert page.status_code == 200 and b"Your code" in page.content
    typed = code.lower().replace("-", " ").replace("0", "o")
    sent = client.post(reverse("workforce:health_code"), {"code": typed})
    assert sent.status_code == 302 and sent["Location"] == reverse("workforce:health_answer")
    assert code not in sent["Location"] and typed not in sent["Location"]
    done = client.post(reverse("workforce:health_answer"), {f"q{k}": v for k, v in all_answers(check).items()})
    assert done.status_code == 302 and HealthResponse.objects.filter(health_check=check).count() == 1
    assert HealthLink.objects.get(health_check=check).used
    again = Client().post(reverse("workforce:health_code"), {"code": code})
    assert again.status_code == 200 and b"already been used" in again.content
    assert b'href="#id_code"' in again.content  # the error summary leads to the box


def test_a_wrong_or_empty_code_is_refused_on_the_field(world):
    open_check(world)
    client = Client()
    wrong = client.post(reverse("workforce:health_code"), {"code": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == 200 and b"does not work" in wrong.content
    empty = client.post(reverse("workforce:health_code"), {"code": ""})
    assert b"Enter the code on your slip" in empty.content
