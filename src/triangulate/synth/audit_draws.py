"""What the demo council's auditors find: grades, families' answers and moderators' judgements, drawn from the
story's practice quality (journeys/story.py) as design §10 (S8) sets out. Pure functions of a seeded generator.

- An answer on theme θ is good or better with probability `story.quality(team, θ, completed_on)`; a yes/no
  answer is "yes" with that probability. A fifth of the good answers are outstanding; a quarter of the answers
  that are not good are inadequate.
- 75% of families are reached. A positive difference is reported with probability 0.55 + 0.35 × the quality on
  `parent-and-carer-experience`.
- Moderators agree about 80% of the time. The lenient auditor gives one grade more than the work deserves
  more often than not, and the moderator grades it back down.

Every draw comes from `rng_for(seed, *parts)`: the same seed and parts (a round, a child) give the same draws,
whatever order the audits are written in."""

import random
from dataclasses import dataclass

from .journeys.keyed import seed_of

PARENTS = "parent-and-carer-experience"
OUTSTANDING_SHARE = 0.2  # of the answers that are good or better
INADEQUATE_SHARE = 0.25  # of the answers that are not good
FAMILIES_REACHED = 0.75
LENIENT_LIFT = 0.6  # the lenient auditor's chance of grading one step up
MODERATOR_DIFFERS = 0.12  # another auditor's chance of a moderator seeing it one step differently
CLOSURE, TRANSFER = 0.20, 0.12  # shares of a surgery's cases found for closure and for transfer


def rng_for(seed, *parts):
    return random.Random(int(seed_of(seed, "audits", *parts)))


def grade_value(rng, quality):
    """4 outstanding, 3 good, 2 requires improvement, 1 inadequate (the default scale's values)."""
    if rng.random() < quality:
        return 4 if rng.random() < OUTSTANDING_SHARE else 3
    return 1 if rng.random() < INADEQUATE_SHARE else 2


def yes_no(rng, quality):
    return "yes" if rng.random() < quality else "no"


def answer_values(rng, questions, quality):
    """{question key: "yes"/"no" or a grade value} for (key, answer type, theme slug) questions; `quality(theme)`
    is the team's quality on that theme on the day. Other answer types are left out."""
    values = {}
    for key, answer_type, theme in questions:
        if answer_type == "grade":
            values[key] = grade_value(rng, quality(theme))
        elif answer_type == "yes_no":
            values[key] = yes_no(rng, quality(theme))
    return values


def overall_value(rng, themes, quality):
    """The overall grade the work deserves: drawn as an answer is, at the mean quality of the tool's themes."""
    qualities = [quality(theme) for theme in sorted(set(themes))]
    return grade_value(rng, sum(qualities) / len(qualities))


def auditor_value(rng, deserved, lenient):
    """The grade the auditor gives: one up (never past outstanding) more often than not for the lenient one."""
    if lenient and deserved < 4 and rng.random() < LENIENT_LIFT:
        return deserved + 1
    return deserved


def moderator_value(rng, deserved, given):
    """The moderator's grade: what the work deserves when the auditor was generous; otherwise the same grade,
    or (now and then) one step either way, as two careful people sometimes differ."""
    if given != deserved:
        return deserved
    if rng.random() < MODERATOR_DIFFERS:
        step = rng.choice((-1, 1))
        return given + step if 1 <= given + step <= 4 else given - step
    return given


@dataclass(frozen=True)
class FamilyView:
    outcome: str  # reached, not_reached
    not_reached_reason: str = ""
    consent: bool = False
    spoke_with: str = ""
    positive_difference: str = ""
    confident_to_ask_again: str = ""
    what_went_well: str = ""
    what_could_be_better: str = ""


WENT_WELL = (
    "She listened to us and explained what would happen next.",
    "He came when he said he would and the children like him.",
    "We always knew why they were worried and what we had to do.",
    "The social worker helped us get the school to listen.",
    "They treated us with respect even when things were hard.",
)
COULD_BE_BETTER = (
    "Too many changes of worker; we had to tell our story again.",
    "Meetings were at times when I could not get there.",
    "Letters came late and used words we did not understand.",
    "I would have liked to know sooner what the plan was.",
    "More help in the evenings, when things are hardest.",
)


def family_view(rng, parents_quality):
    """What stage 3 finds: 75% reached; a positive difference with probability 0.55 + 0.35 × quality."""
    if rng.random() >= FAMILIES_REACHED:
        reason = rng.choices(("no_answer", "declined", "no_contact_details"), weights=(6, 3, 1))[0]
        return FamilyView("not_reached", not_reached_reason=reason)
    if rng.random() < 0.12:  # reached, but would not have their words recorded
        return FamilyView("reached", spoke_with=rng.choice(("parent", "carer")))
    positive = 0.55 + 0.35 * parents_quality
    u = rng.random()
    difference = "yes" if u < positive else rng.choices(("partly", "no", "dont_know"), weights=(5, 3, 2))[0]
    confident = "yes" if rng.random() < positive + 0.05 else rng.choice(("not_sure", "no"))
    return FamilyView(
        "reached", consent=True, spoke_with=rng.choices(("parent", "carer", "young_person"), weights=(6, 2, 2))[0],
        positive_difference=difference, confident_to_ask_again=confident,
        what_went_well=rng.choice(WENT_WELL) if difference in ("yes", "partly") else "",
        what_could_be_better=rng.choice(COULD_BE_BETTER) if rng.random() < 0.6 else "")


def surgery_finding(rng):
    """A surgery's verdict on one open case: "close_case", "transfer" or None (about 20% and 12%)."""
    u = rng.random()
    return "close_case" if u < CLOSURE else "transfer" if u < CLOSURE + TRANSFER else None
