"""Year on year and agreement with the external reviewer (design §3.2), on plain values so a lead can check every
sentence by hand: a grade is (value on the council's scale, Ofsted mapping) or None when the domain is not judged.
No Django here: the pages and the exports pass what they read from the records."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Grade:
    value: int  # 1 = worst on the council's scale
    ofsted: str  # outstanding | good | requires_improvement | inadequate


@dataclass(frozen=True)
class Change:
    steps: int | None  # this year's value minus last year's; None when either is missing
    text: str  # "up 1", "no change", "down 2", "new domain", "not judged"
    ofsted_same: bool | None  # both Ofsted mappings equal; None when either is missing


def year_on_year(this_year, last_year, *, had_domain=True):
    """This year's grade beside last published year's. `had_domain` False: last year had no such domain."""
    if this_year is None:
        return Change(None, "not judged", None)
    if not had_domain:
        return Change(None, "new domain", None)
    if last_year is None:
        return Change(None, "not judged last year", None)
    steps = this_year.value - last_year.value
    if steps == 0:
        text = "no change"
    else:
        text = f"{'up' if steps > 0 else 'down'} {abs(steps)}"
    return Change(steps, text, this_year.ofsted == last_year.ofsted)


@dataclass(frozen=True)
class Agreement:
    steps: int | None  # |ours − external|; None when either is missing
    text: str  # "Agrees", "Within one step", "Differs by n steps", "No external grade", "Not judged"
    ofsted_same: bool | None

    @property
    def ofsted_text(self):
        if self.ofsted_same is None:
            return ""
        return "Ofsted grade agrees" if self.ofsted_same else "Ofsted grade differs"


def agreement(ours, external):
    """Our grade for a domain beside the external reviewer's."""
    if external is None:
        return Agreement(None, "No external grade", None)
    if ours is None:
        return Agreement(None, "Not judged", None)
    steps = abs(ours.value - external.value)
    if steps == 0:
        text = "Agrees"
    elif steps == 1:
        text = "Within one step"
    else:
        text = f"Differs by {steps} steps"
    return Agreement(steps, text, ours.ofsted == external.ofsted)


def overall_agreement(pairs):
    """One sentence over the domains with both grades: `pairs` is [(ours, external), ...]. None when no domain
    has both (there is nothing to agree about, and "0 of 0" would read as disagreement)."""
    compared = [agreement(ours, ext) for ours, ext in pairs]
    compared = [a for a in compared if a.steps is not None]
    if not compared:
        return None
    exact = sum(1 for a in compared if a.steps == 0)
    within = sum(1 for a in compared if a.steps <= 1)
    n = len(compared)
    return f"Agreed on {exact} of {n} domain{'' if n == 1 else 's'} exactly, {within} of {n} within one step"
