"""The plain records the practice analysis works from (design §6), and its whole percentages.

Pure: no Django. `selectors` builds these records from the models; the tests build them by hand from the design's
worked examples. A percentage is whole, rounded half up (audits decision 11), worked out in integers so nothing is
lost to floats, and is None with a reason when its denominator is 0, never 0%. practice does not import audits
(design §1), so the arithmetic is repeated here rather than borrowed."""

from dataclasses import dataclass
from datetime import datetime

HANDED_IN = "handed_in"
DRAFT = "draft"

STRENGTH = "strength"
AREA_FOR_DEVELOPMENT = "area_for_development"
GOOD_PRACTICE = "good_practice"
EXEMPLAR = "exemplar"
QUOTE = "quote"
KINDS = (STRENGTH, AREA_FOR_DEVELOPMENT, GOOD_PRACTICE, EXEMPLAR, QUOTE)
POSITIVE = frozenset({STRENGTH, GOOD_PRACTICE, EXEMPLAR})  # §6.1
DEVELOPMENT = frozenset({AREA_FOR_DEVELOPMENT})
# quotes are listed, not counted (§6.1)

FELT_SUPPORTED = ("", "yes", "mixed", "no", "not_asked")  # '' is unanswered
HEARD_FROM = ("child", "parent_carer", "partner")
QUOTE_BY = ("", "staff", "child", "parent_carer", "partner")
NEEDS_AGREEMENT_TO_QUOTE = frozenset({"child", "parent_carer"})  # §1.4 may_quote: a staff quote is always usable


@dataclass(frozen=True)
class ObservationRecord:
    """One observation: its team (the scope copy) and the observation's own questions."""

    id: int
    team_id: int
    team_name: str
    state: str  # draft, handed_in
    felt_supported: str = ""
    heard_from: frozenset = frozenset()

    def __post_init__(self):
        if self.state not in (DRAFT, HANDED_IN):
            raise ValueError(f"Observation {self.id}: unknown state {self.state!r}")
        if self.felt_supported not in FELT_SUPPORTED:
            raise ValueError(f"Observation {self.id}: unknown felt_supported answer {self.felt_supported!r}")
        unknown = set(self.heard_from) - set(HEARD_FROM)
        if unknown:
            raise ValueError(f"Observation {self.id}: unknown heard_from {sorted(unknown)}")


@dataclass(frozen=True)
class EntryRecord:
    """One observation entry. `heading` is the EventHeading's key (its pk), `theme` the theme's slug; `removed` is
    True for a tombstone (removed_at set), which is never counted."""

    id: int
    observation_id: int
    heading: int
    kind: str
    theme: str
    text: str
    created_at: datetime | None = None
    removed: bool = False
    quote_by: str = ""
    may_quote: bool = False

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Entry {self.id}: unknown kind {self.kind!r}")
        if self.quote_by not in QUOTE_BY:
            raise ValueError(f"Entry {self.id}: unknown quote_by {self.quote_by!r}")

    @property
    def quotable(self):
        """A quote may go in a report only if its speaker is staff or a partner, or agreed (§1.4 may_quote)."""
        return self.kind != QUOTE or self.quote_by not in NEEDS_AGREEMENT_TO_QUOTE or self.may_quote


@dataclass(frozen=True)
class Percent:
    """n of d as a whole percentage, or None with the reason it cannot be computed."""

    value: int | None
    numerator: int
    denominator: int
    reason: str = ""

    def __str__(self):
        return f"{self.value}%" if self.value is not None else self.reason

    @property
    def text(self):
        """"2 of 3 (67%)", as the analysis page shows a team count; the reason alone when it cannot be computed."""
        if self.value is None:
            return self.reason
        return f"{self.numerator} of {self.denominator} ({self.value}%)"


def whole_percent(numerator, denominator, reason_when_empty):
    """100 × n ÷ d as a whole number rounded half up (12.5 → 13, 2 of 3 → 67), in integers."""
    if numerator < 0 or denominator < 0 or numerator > denominator:
        raise ValueError(f"A share needs 0 ≤ n ≤ d, not {numerator} of {denominator}")
    if denominator == 0:
        return Percent(None, numerator, denominator, reason_when_empty)
    return Percent((200 * numerator + denominator) // (2 * denominator), numerator, denominator)
