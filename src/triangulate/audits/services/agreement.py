"""How often moderators agree with auditors, and which way they re-grade (design §5.2, decisions 10 and 11).

Pure: it takes plain records, one per moderation in a report's cohort, attributed to the audit's auditor, and
counts the completed ones. M is the number completed and A the number agreed; U were re-graded up (the moderator's
grade is higher) and D down, so M = A + U + D. The agreement rate is A ÷ M and the direction "U up, D down"; the
re-grades of two or more steps are counted as well. Percentages are whole, rounded half up. With M = 0 nothing
can be computed: the rate is None with the reason "none moderated", never 0%."""

from dataclasses import dataclass

NONE_MODERATED = "none moderated"


@dataclass(frozen=True)
class ModerationOutcome:
    """One moderation. Grades are given as their place on the scale (1 = the lowest), so "up" and "steps" do not
    depend on the values a council gave its grades; `moderated` is None while the moderation is unfinished."""

    auditor: str  # the audit's auditor, as the report names them
    given: int  # the auditor's grade, taken at selection
    moderated: int | None


@dataclass(frozen=True)
class Percent:
    """A whole percentage, or None with the reason it cannot be computed."""

    value: int | None
    numerator: int
    denominator: int
    reason: str = ""

    def __str__(self):
        return f"{self.value}%" if self.value is not None else self.reason


def whole_percent(numerator, denominator, *, reason_when_empty=NONE_MODERATED):
    """100 × n ÷ d as a whole number rounded half up (12.5 → 13), in integers so nothing is lost to floats."""
    if denominator == 0:
        return Percent(None, numerator, denominator, reason_when_empty)
    return Percent((200 * numerator + denominator) // (2 * denominator), numerator, denominator)


@dataclass(frozen=True)
class Agreement:
    """M, A, U and D for one auditor or for everyone, with the rates worked out from them."""

    moderated: int
    agreed: int
    up: int
    down: int
    two_or_more_steps: int  # re-grades of two or more places on the scale, either way

    @property
    def rate(self):
        return whole_percent(self.agreed, self.moderated)

    @property
    def up_rate(self):
        return whole_percent(self.up, self.moderated)

    @property
    def down_rate(self):
        return whole_percent(self.down, self.moderated)

    @property
    def direction(self):
        """"1 up, 1 down", "1 up", "" when nothing was re-graded; None with M = 0 (nothing to say)."""
        if self.moderated == 0:
            return None
        parts = [f"{n} {word}" for n, word in ((self.up, "up"), (self.down, "down")) if n]
        return ", ".join(parts)


@dataclass(frozen=True)
class AgreementFigures:
    overall: Agreement
    by_auditor: dict  # auditor -> Agreement, in name order; only auditors with a completed moderation


def agreement(outcomes):
    """M, A, U, D and the two-step count for `outcomes` (unfinished moderations are left out)."""
    done = [o for o in outcomes if o.moderated is not None]
    return Agreement(
        moderated=len(done),
        agreed=sum(1 for o in done if o.moderated == o.given),
        up=sum(1 for o in done if o.moderated > o.given),
        down=sum(1 for o in done if o.moderated < o.given),
        two_or_more_steps=sum(1 for o in done if abs(o.moderated - o.given) >= 2),
    )


def agreement_figures(outcomes):
    """The figures overall and for each auditor. An auditor whose moderations are all unfinished is listed with
    M = 0, so the page shows "none moderated" for them rather than leaving them out."""
    outcomes = list(outcomes)
    auditors = sorted({o.auditor for o in outcomes}, key=str.casefold)
    return AgreementFigures(
        overall=agreement(outcomes),
        by_auditor={name: agreement([o for o in outcomes if o.auditor == name]) for name in auditors},
    )
