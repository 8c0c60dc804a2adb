"""The 7-minute briefing's written boxes (design §6, RoundBriefing): pre-filled from the round's figures, then edited
by a QA lead or PSW (EDIT_BRIEFING).

"If the text would overflow the page, it is refused": the page is one A4 sheet with seven boxes, so each written
box has a budget of characters that was found to fit alongside the figures (the PDF test checks one page at the
budgets). A box over its budget is refused with the box's number, as the design words it."""

from django.core.exceptions import ValidationError

from triangulate.core import audit as trail
from triangulate.core.authority import service
from triangulate.core.concurrency import claim, lock

from ..models import RoundBriefing
from ..rules import Perm
from ..verbs import Verb

# field → (its box on the page, the characters that fit)
BOXES = {
    "working_well": (4, 500),
    "needs_to_improve": (5, 500),
    "doing_about_it": (7, 350),
    "questions_for_teams": (7, 300),
}
LOWEST_SHOWN = 3


def prefill(f, question_labels):
    """The boxes' first text, from R18 (recurring strengths and areas for development) and the lowest three
    R8 and R9 results. Words only: the figures themselves are in the briefing's numbered boxes."""
    strengths = [r.theme for r in f.r18_themes if r.recurring and r.kind == "strength"]
    areas = [r.theme for r in f.r18_themes if r.recurring and r.kind == "area_for_development"]
    results = [(p.value, key) for key, p in {**f.r8_by_question, **f.r9_yes_no}.items() if p.value is not None]
    lowest = [question_labels.get(key, key) for _, key in sorted(results)[:LOWEST_SHOWN]]
    well = ("Strengths found in several audits: " + "; ".join(strengths) + ".") if strengths else ""
    improve = []
    if areas:
        improve.append("Found for development in several audits: " + "; ".join(areas) + ".")
    if lowest:
        improve.append("Lowest results: " + "; ".join(lowest) + ".")
    return {"working_well": well[:BOXES["working_well"][1]],
            "needs_to_improve": " ".join(improve)[:BOXES["needs_to_improve"][1]],
            "doing_about_it": "", "questions_for_teams": ""}


def check_fits(values):
    errors = {}
    for name, (box, limit) in BOXES.items():
        if len(values.get(name, "")) > limit:
            errors[name] = f"Shorten box {box} to fit one page (at most {limit} characters)"
    if errors:
        raise ValidationError(errors)


@service(Perm.EDIT_BRIEFING)
def save_briefing(*, actor, round, expected_version=None, **values):
    """Create or update the round's briefing text."""
    unknown = set(values) - set(BOXES)
    if unknown:
        raise ValueError(f"not a briefing box: {sorted(unknown)}")
    values = {name: values.get(name, "").strip() for name in BOXES}
    check_fits(values)
    briefing, created = RoundBriefing.objects.get_or_create(round=round)
    lock(briefing)
    claim(briefing, None if created else expected_version)
    changed = [name for name in BOXES if getattr(briefing, name) != values[name]]
    for name, value in values.items():
        setattr(briefing, name, value)
    briefing.updated_by = actor
    briefing.save()
    # the boxes' names only: briefing text is never carried by the trail
    trail.record(actor, Verb.BRIEFING_UPDATED, briefing, round=round.pk, changed=changed)
    return briefing
