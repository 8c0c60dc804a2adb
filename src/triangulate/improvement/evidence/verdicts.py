"""Each source's verdict (docs/design/improvement.md §4.3): pure Python, no Django, so a lead can check every verdict
by hand against the thresholds written in the design.

A verdict function takes the counts a provider gathered and returns a `Judged`: the verdict (positive, mixed,
negative or none) and the one sentence with the figures it rests on, or, for "none", the reason there is no verdict.
Shares are compared as fractions, so exactly 0.70 (7 of 10) is positive and exactly 0.50 is mixed, as written.
"""

from dataclasses import dataclass
from fractions import Fraction

# design §4.3: audits and feedback judge by one share with the same thresholds, and need at least 5 answers
GOOD_ENOUGH = Fraction(70, 100)
TOO_LOW = Fraction(50, 100)
FEWEST_ANSWERS = 5
# practice judges the share of teams with a strength among teams with a strength or an area for development
MOSTLY_STRENGTHS = Fraction(2, 3)
MOSTLY_AREAS = Fraction(1, 3)


@dataclass(frozen=True)
class Judged:
    verdict: str  # positive, mixed, negative, none
    basis: str  # the figures it rests on; for "none" the reason there is no verdict


def percent(part, whole):
    """A whole-number percentage as shown ("67%"); rounding half up, as a reader rounds by hand."""
    return f"{int(Fraction(100 * part, whole) + Fraction(1, 2))}%"


def in_sentence(name):
    """A theme's or measure's name inside a sentence: "voice of the child", "planning (SMART)", but "ICPCs within
    15 working days" (a leading acronym keeps its capitals)."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def about(names):
    """"voice of the child and recording": the themes a basis is about."""
    names = [in_sentence(n) for n in names]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _by_share(share):
    if share >= GOOD_ENOUGH:
        return "positive"
    if share < TOO_LOW:
        return "negative"
    return "mixed"


def _about(about):
    return f" on {about}" if about else ""


def performance(directions):
    """One direction per KPI with a figure: +1 special cause of improvement, -1 of concern, 0 no signal.

    All +1 or 0 with at least one +1: positive; all -1 or 0 with at least one -1: negative; otherwise (both, or
    every KPI without a signal) mixed; no KPI with a figure: none."""
    directions = list(directions)
    if any(d not in (1, 0, -1) for d in directions):
        raise ValueError(f"a KPI's direction is +1, 0 or -1, not {directions!r}")
    if not directions:
        return Judged("none", "no measure in scope has a figure")
    up, down = directions.count(1), directions.count(-1)
    steady = len(directions) - up - down
    parts = [f"{up} improving" if up else "", f"{down} of concern" if down else "",
             f"{steady} with no special cause" if steady else ""]
    measures = "1 measure" if len(directions) == 1 else f"{len(directions)} measures"
    basis = f"{measures}: " + ", ".join(p for p in parts if p)
    if up and not down:
        return Judged("positive", basis)
    if down and not up:
        return Judged("negative", basis)
    return Judged("mixed", basis)


def audits(good, answers, about=""):
    """`good` of `answers` graded answers are good or better: g >= 0.70 positive, g < 0.50 negative, else mixed;
    fewer than 5 answers: none."""
    _check_counts(good, answers)
    if answers == 0:  # "too few: 0" reads as if some were found; say plainly there were none
        return Judged("none", "no graded answers in this period")
    if answers < FEWEST_ANSWERS:
        return Judged("none", f"too few answers to judge: {answers}")
    share = Fraction(good, answers)
    return Judged(_by_share(share), f"{percent(good, answers)} of answers{_about(about)} good or better "
                                    f"(n = {answers})")


def feedback(positive, families):
    """`positive` of `families` reached and consenting said the work made a positive difference: f >= 0.70
    positive, f < 0.50 negative, else mixed; fewer than 5 families: none."""
    _check_counts(positive, families)
    if families == 0:
        return Judged("none", "no family reached and consenting in this period")
    if families < FEWEST_ANSWERS:
        return Judged("none", f"too few families to judge: {families}")
    share = Fraction(positive, families)
    return Judged(_by_share(share), f"{percent(positive, families)} of families said the work made a positive "
                                    f"difference (n = {families})")


def practice(with_strength, with_either, about=""):
    """`with_strength` of the `with_either` teams with a strength or an area for development had a strength:
    >= 2/3 positive, <= 1/3 negative, else mixed; no team: none."""
    _check_counts(with_strength, with_either)
    if with_either == 0:
        return Judged("none", "no team was observed with a strength or an area for development")
    share = Fraction(with_strength, with_either)
    basis = (f"{with_strength} of {with_either} {'team' if with_either == 1 else 'teams'} observed{_about(about)} "
             f"had a strength")
    if share >= MOSTLY_STRENGTHS:
        return Judged("positive", basis)
    if share <= MOSTLY_AREAS:
        return Judged("negative", basis)
    return Judged("mixed", basis)


def _check_counts(part, whole):
    if part is None or whole is None or part < 0 or whole < 0 or part > whole:
        raise ValueError(f"a share needs 0 <= part <= whole, not {part} of {whole}")
