"""The health check's services (design §5.1, §5.2): make a year's check from the defaults, edit it and its questions
while it is a draft, open, close and publish it, and make a team's unaddressed links.

- `create_check` copies the default questions (defaults.HEALTH_QUESTIONS, three agree questions a theme in the
  themes' order, then the one comment question, COMMENT_QUESTION, filed under the last theme) into a draft, so a
  council edits its own copy.
- Edits save against the record's version (a stale save raises StaleEdit) and only while the check is a draft:
  once staff can answer, the questions they answer must not change under them.
- The states run draft → open → closed → published, one step at a time; publishing needs a closed check.
- `make_links` returns the new tokens (codes a person can type) to its caller once. Only their SHA-256 hashes are stored, and the trail says
  which team and how many, never a token.
- Answering is health_answer.py's `answer`: it has no actor, by design.

The trail carries ids, states, numbers and the fields' old and new values, never a comment's words."""

import hashlib
import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify

from triangulate.core import audit
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock

from ..defaults import COMMENT_QUESTION, HEALTH_QUESTIONS
from ..models import HealthCheck, HealthLink, HealthQuestion, HealthTheme
from ..rules import Perm
from ..verbs import Verb

CHECK_FIELDS = ("title", "opens_on", "closes_on", "min_responses")
QUESTION_FIELDS = ("theme", "text")  # a question's key and kind are fixed: the key carries it year to year
MOST_LINKS = 500  # one team's links at a time: more than any team's staff, fewer than a mistyped number
# A link's token is a code a person can type from a paper slip: twelve characters of Crockford's base 32 (no I, L,
# O or U to misread), shown in threes of four, "K7QM-4TXP-9HRA". That is 60 random bits: a guesser sending a
# thousand tries a second against a council's thousand open links would need some 36,000 years for one.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
READ_AS = str.maketrans("ILO", "110")  # what a person may type for 1, 1 and 0


def new_code():
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(code[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def normal_code(text):
    """A code as typed ("k7qm 4txp 9hra", "K7QM-4TXP-9HRA") in the one form its hash is made from."""
    return "".join(ch for ch in str(text).upper() if ch.isascii() and ch.isalnum()).translate(READ_AS)


def token_hash(token):
    """The only form in which a link's token is kept: the hash of its normal form, so a code typed in lower case,
    without its dashes or with an O for a 0 still opens its link."""
    return hashlib.sha256(normal_code(token).encode()).hexdigest()


def default_title(year):
    return f"Social work health check {year}"


def _refuse_unless(check, *states, doing):
    if check.status not in states:
        raise ValidationError(f"{check.title} is {check.get_status_display().lower()}, so you cannot {doing}.")


@service(Perm.MANAGE_HEALTH)
def create_check(*, actor, council, year, title="", opens_on=None, closes_on=None, min_responses=6):
    """A draft for `year` with the default questions copied in."""
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": "The year must be between 2000 and 2100"})
    if HealthCheck.objects.filter(council=council, year=year).exists():
        raise ValidationError({"year": f"There is already a health check for {year}"})
    _check_values(opens_on, closes_on, min_responses)
    check = HealthCheck.objects.create(council=council, year=year, title=(title or "").strip() or default_title(year),
                                       opens_on=opens_on, closes_on=closes_on, min_responses=min_responses,
                                       created_by=user_of(actor))
    questions = [HealthQuestion(health_check=check, number=n, theme=theme, key=key, text=text,
                                kind=HealthQuestion.Kind.AGREE)
                 for n, (theme, key, text) in enumerate(HEALTH_QUESTIONS, start=1)]
    key, text = COMMENT_QUESTION
    questions.append(HealthQuestion(health_check=check, number=len(questions) + 1, theme=HEALTH_QUESTIONS[-1][0],
                                    key=key, text=text, kind=HealthQuestion.Kind.TEXT))
    HealthQuestion.objects.bulk_create(questions)
    audit.record(actor, Verb.HEALTH_CHECK_CREATED, check, year=year, status=check.status, questions=len(questions))
    return check


def _check_values(opens_on, closes_on, min_responses):
    errors = {}
    if opens_on and closes_on and closes_on < opens_on:
        errors["closes_on"] = "The closing date must be on or after the opening date"
    if min_responses is not None and min_responses < 3:
        # fewer than 3 would let two colleagues work out a third's answers
        errors["min_responses"] = "The fewest responses to show a result must be 3 or more"
    if errors:
        raise ValidationError(errors)


@service(Perm.MANAGE_HEALTH, on="health_check")
def update_check(*, actor, health_check, expected_version=None, **values):
    """Change the draft's title, dates or the fewest responses a result needs (only the fields given)."""
    lock(health_check)
    _refuse_unless(health_check, HealthCheck.Status.DRAFT, doing="change it")
    if "title" in values:
        values["title"] = (values["title"] or "").strip() or default_title(health_check.year)
    merged = {f: values.get(f, getattr(health_check, f)) for f in ("opens_on", "closes_on", "min_responses")}
    _check_values(**merged)
    return audit.update_recorded(actor, health_check, fields=CHECK_FIELDS, verb=Verb.HEALTH_CHECK_UPDATED,
                                 values=values, expected_version=expected_version)


def _draft_of(question):
    check = HealthCheck.objects.select_for_update().get(pk=question.health_check_id)
    _refuse_unless(check, HealthCheck.Status.DRAFT, doing="change its questions")
    return check


@service(Perm.MANAGE_HEALTH, on="question")
def update_question(*, actor, question, expected_version=None, **values):
    """Change a draft's question's wording or theme."""
    _draft_of(question)
    if "text" in values:
        values["text"] = (values["text"] or "").strip()
        if not values["text"]:
            raise ValidationError({"text": "Enter the question"})
    unknown = set(values) - set(QUESTION_FIELDS)
    if unknown:
        raise ValueError(f"cannot change a question's {sorted(unknown)}")
    lock(question)
    changed = {f: v for f, v in values.items() if getattr(question, f) != v}
    if not changed:
        return question
    claim(question, expected_version)
    for name, value in changed.items():
        setattr(question, name, value)
    question.full_clean()
    question.save()
    # the theme's change is recorded; a change of wording by name only (the trail carries no free text)
    audit.record(actor, Verb.HEALTH_QUESTION_CHANGED, question, number=question.number,
                 **{f: (v if f == "theme" else "changed") for f, v in changed.items()})
    return question


@service(Perm.MANAGE_HEALTH, on="health_check")
def add_question(*, actor, health_check, theme, text, key="", kind=HealthQuestion.Kind.AGREE):
    """A new question at the end of the draft. `key` carries it from year to year (made from the text if blank)."""
    lock(health_check)
    _refuse_unless(health_check, HealthCheck.Status.DRAFT, doing="change its questions")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the question"})
    key = slugify(key or text)[:60].strip("-")
    if HealthQuestion.objects.filter(health_check=health_check, key=key).exists():
        raise ValidationError({"key": f"Another question already has the key {key}"})
    last = health_check.questions.order_by("-number").values_list("number", flat=True).first() or 0
    question = HealthQuestion(health_check=health_check, number=last + 1, theme=theme, key=key, text=text, kind=kind)
    question.full_clean()
    question.save()
    audit.record(actor, Verb.HEALTH_QUESTION_CHANGED, question, number=question.number, theme=theme, kind=kind,
                 added=True)
    return question


@service(Perm.MANAGE_HEALTH, on="question")
def remove_question(*, actor, question):
    """Take a question out of the draft (numbers after it move up)."""
    check = _draft_of(question)
    number = question.number
    audit.record(actor, Verb.HEALTH_QUESTION_CHANGED, question, number=number, removed=True)
    question.delete()
    for later in check.questions.filter(number__gt=number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number"])
    return check


def _move(actor, check, expected_version, *, into, verb, allowed, doing):
    lock(check)
    _refuse_unless(check, *allowed, doing=doing)
    claim(check, expected_version)
    before = check.status
    check.status = into
    fields = ["status", "version"]
    if into == HealthCheck.Status.PUBLISHED:
        check.published_at = timezone.now()
        fields.append("published_at")
    if into == HealthCheck.Status.OPEN and not check.opens_on:
        check.opens_on = timezone.localdate()  # the day headcounts for response rates are taken on
        fields.append("opens_on")
    check.save(update_fields=fields)
    audit.record(actor, verb, check, status=[before, into])
    return check


@service(Perm.MANAGE_HEALTH, on="health_check")
def open_check(*, actor, health_check, expected_version=None):
    """Draft → open: links answer from now. Needs at least one agree question."""
    if not health_check.questions.filter(kind=HealthQuestion.Kind.AGREE).exists():
        raise ValidationError("Add at least one agree or disagree question before opening the health check.")
    return _move(actor, health_check, expected_version, into=HealthCheck.Status.OPEN, verb=Verb.HEALTH_CHECK_OPENED,
                 allowed=(HealthCheck.Status.DRAFT,), doing="open it")


@service(Perm.MANAGE_HEALTH, on="health_check")
def close_check(*, actor, health_check, expected_version=None):
    """Open → closed: no more answers."""
    return _move(actor, health_check, expected_version, into=HealthCheck.Status.CLOSED,
                 verb=Verb.HEALTH_CHECK_CLOSED, allowed=(HealthCheck.Status.OPEN,), doing="close it")


@service(Perm.MANAGE_HEALTH, on="health_check")
def publish_check(*, actor, health_check, expected_version=None):
    """Closed → published: the results and the plan are everyone's to read."""
    return _move(actor, health_check, expected_version, into=HealthCheck.Status.PUBLISHED,
                 verb=Verb.HEALTH_CHECK_PUBLISHED, allowed=(HealthCheck.Status.CLOSED,),
                 doing="publish it (close it first)")


@service(Perm.MANAGE_HEALTH, on="health_check")
def make_links(*, actor, health_check, team, count):
    """`count` new unaddressed links for `team`: the tokens, returned once and kept nowhere."""
    lock(health_check)
    return _make_links(actor, health_check, team, count)


@service(Perm.MANAGE_HEALTH, on="health_check")
def make_links_for_teams(*, actor, health_check, counts):
    """Links for several teams at once, `counts` {team: count}: all made or none (a half-made set would leave
    links whose tokens nobody holds). Returns {team: tokens}, once."""
    lock(health_check)
    if not counts:
        raise ValidationError({"team": "No team has staff in post: make links for a team with a number"})
    return {team: _make_links(actor, health_check, team, count) for team, count in counts.items()}


def _make_links(actor, health_check, team, count):
    _refuse_unless(health_check, HealthCheck.Status.DRAFT, HealthCheck.Status.OPEN, doing="make links for it")
    if team is None or team.council_id != health_check.council_id:
        raise ValidationError({"team": "Select a team"})
    if not isinstance(count, int) or not 1 <= count <= MOST_LINKS:
        raise ValidationError({"count": f"The number of links must be between 1 and {MOST_LINKS}"})
    tokens = [new_code() for _ in range(count)]
    HealthLink.objects.bulk_create([HealthLink(health_check=health_check, team=team, token_hash=token_hash(t))
                                    for t in tokens])
    audit.record(actor, Verb.HEALTH_LINKS_MADE, health_check, team=team, count=count)
    return tokens


def theme_label(theme):
    return HealthTheme(theme).label


def latest_published(council, before_year=None):
    found = HealthCheck.objects.filter(council=council, status=HealthCheck.Status.PUBLISHED)
    if before_year is not None:
        found = found.filter(year__lt=before_year)
    return found.order_by("-year", "-pk").first()


def is_open_for_answers(check, today=None):
    """Open, and not past its closing date (a check left open after it has no more answers)."""
    today = today or timezone.localdate()
    return check.status == HealthCheck.Status.OPEN and not (check.closes_on and check.closes_on < today)


def next_year(council):
    last = HealthCheck.objects.filter(council=council).order_by("-year").values_list("year", flat=True).first()
    return (last + 1) if last else date.today().year
