"""The staffing page's figures as text (design §4, §7), after disclosure control for an aggregate-only reader.

An elected member reads the council's figures only (design §7: "EM council-wide under disclosure control"): no
service area or team rows, whose small counts would need a table's secondary suppression for little gain. For them
every count from 1 to 5 is hidden (core/disclosure.py rule 1), and so is every figure one could work it out from:
- an FTE with its headcount (an FTE bounds the number of people);
- starters with leavers, and staff in post with those in post a year before (the stability base): in post now =
  in post a year before + starters − leavers, so one hidden figure of an identity must not be the only unknown;
- vacancy FTE and the vacancy rate with the permanent staff (funded posts are shown, so vacancy = posts − FTE);
  agency cover with agency staff and vacancy; the agency rate with agency and permanent staff; turnover with
  leavers and permanent staff; stability by the percentage rule (stayed, base or those who left 1 to 5);
- an ASYE cohort's completions with those who left before completing (started = completed + left + running), and
  its retention when its completions are hidden (those due are its completions, for an old cohort).
Limit: the trend and the month-by-month table show the staff in post at successive dates, so a reader sees the net
change between two dates (starters less leavers in between); the rules above keep the starters and the leavers each
unknown, but the reader may learn that someone joined or left. A hidden figure says "suppressed" whatever the reason (GSS: one marker for every confidential cell), so the words do
not tell a small number from one hidden to protect it. Funded posts are shown: they are posts, not people.
Everyone else reads every figure as it is; a rate that cannot be worked out says why."""

from dataclasses import dataclass

from django.conf import settings

from triangulate.core import disclosure
from triangulate.core.predicates import role_of
from triangulate.core.roles import AGGREGATES_ONLY

HIDDEN = "suppressed"


@dataclass(frozen=True)
class Audience:
    controlled: bool
    threshold: int = disclosure.THRESHOLD

    @classmethod
    def for_user(cls, user):
        return cls(role_of(user) in AGGREGATES_ONLY,
                   settings.TRIANGULATE.get("SUPPRESSION_THRESHOLD", disclosure.THRESHOLD))

    def small(self, count):
        return self.controlled and disclosure.protect("count", disclosure.Figure(count), self.threshold).value_hidden

    def pct_hidden(self, numerator, denominator):
        if not self.controlled or not denominator:
            return False
        figure = disclosure.Figure(100 * numerator / denominator, numerator, denominator)
        return disclosure.protect("pct", figure, self.threshold).value_hidden


def fte(value):
    return f"{value:.1f}"


def percent(rate):
    """A Rate as "17.8%", or "Not available: why"."""
    return f"{100 * rate.value:.1f}%" if rate.value is not None else f"Not available: {rate.reason}"


def rate_value(rate):
    return None if rate.value is None else round(100 * rate.value, 1)


def hidden_parts(f, audience):
    """The names of the figures of one unit's `Figures` the reader may not see."""
    if not audience.controlled:
        return set()
    hidden = set()
    if audience.small(f.permanent_headcount) or audience.small(f.stability_base):
        hidden |= {"permanent", "base"}
    if audience.small(f.agency_headcount):
        hidden.add("agency")
    if audience.small(f.starters_headcount) or audience.small(f.leavers_headcount):
        hidden |= {"starters", "leavers"}
    if "base" in hidden or audience.pct_hidden(f.stability_stayed, f.stability_base):
        hidden.add("stability")
    if "permanent" in hidden:
        hidden |= {"vacancy", "vacancy_rate"}
    if hidden & {"agency", "vacancy"}:
        hidden.add("cover")
    if hidden & {"agency", "permanent"}:
        hidden.add("agency_rate")
    if hidden & {"leavers", "permanent"}:
        hidden.add("turnover")
    return hidden


def unit_row(label, f, audience, kind="team", team=None):
    """One unit's figures as texts (a hidden one: "suppressed"), with the three rates as numbers for the chart."""
    hidden = hidden_parts(f, audience)

    def shown(name, text):
        return HIDDEN if name in hidden else text

    establishment = f.establishment_fte
    if establishment is None:
        vacancy, vacancy_rate = "Not available: no funded posts recorded", percent(f.vacancy_rate)
    else:
        vacancy = shown("vacancy", f"{fte(f.vacancy_fte)} ({shown('cover', fte(f.agency_cover_fte))})")
        vacancy_rate = shown("vacancy_rate", percent(f.vacancy_rate))
    stability = percent(f.stability)
    if f.stability.value is not None:
        stability += f" ({f.stability_stayed} of {f.stability_base})"
    return {
        "label": label, "kind": kind, "team": team,
        "permanent": shown("permanent", f"{fte(f.permanent_fte)} ({f.permanent_headcount})"),
        "agency": shown("agency", f"{fte(f.agency_fte)} ({f.agency_headcount})"),
        "establishment": fte(establishment) if establishment is not None else "None recorded",
        "vacancy": vacancy, "vacancy_rate": vacancy_rate,
        "agency_rate": shown("agency_rate", percent(f.agency_rate)),
        "starters": shown("starters", f"{f.starters_headcount} ({fte(f.starters_fte)})"),
        "leavers": shown("leavers", f"{f.leavers_headcount} ({fte(f.leavers_fte)})"),
        "turnover": shown("turnover", percent(f.turnover_rate)),
        "stability": shown("stability", stability),
        # for the trend chart: a hidden rate is a gap, never a zero
        "values": {"turnover": None if "turnover" in hidden else rate_value(f.turnover_rate),
                   "agency_rate": None if "agency_rate" in hidden else rate_value(f.agency_rate),
                   "stability": None if "stability" in hidden else rate_value(f.stability)},
    }


def cohort_row(c, audience):
    hidden = set()
    if audience.controlled:
        for name, count in (("started", c.started), ("completed", c.completed), ("left", c.left_before_completing)):
            if audience.small(count):
                hidden.add(name)
        if hidden & {"completed", "left"}:
            hidden |= {"completed", "left", "retained_12", "retained_24"}
        for name, stayed, due in (("retained_12", c.stayed_12, c.due_12), ("retained_24", c.stayed_24, c.due_24)):
            if audience.pct_hidden(stayed, due):
                hidden.add(name)

    def retained(name, rate, stayed, due):
        if name in hidden:
            return HIDDEN
        return percent(rate) + (f" ({stayed} of {due})" if rate.value is not None else "")

    def count(name, n):
        return HIDDEN if name in hidden else str(n)

    return {"year": c.year, "started": count("started", c.started), "completed": count("completed", c.completed),
            "left": count("left", c.left_before_completing),
            "retained_12": retained("retained_12", c.retained_12, c.stayed_12, c.due_12),
            "retained_24": retained("retained_24", c.retained_24, c.stayed_24, c.due_24)}
