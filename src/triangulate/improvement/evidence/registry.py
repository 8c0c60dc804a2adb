"""The sources of evidence for a pack (design §4.2), registered from above as kpi_links registers the KPI catalogue.

improvement sits below performance, audits and practice in the apps' order, so it cannot read their records. Each
of those apps registers a `Provider` from its `AppConfig.ready`:

    from triangulate.improvement.evidence import registry
    registry.register(AuditsEvidence())

and the pack asks every registered provider, in `ORDER`, for its block and its signals. A provider answers as its
reader may see (its own `visible_to` and disclosure control) and never from figures the reader is not shown.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from triangulate.core.predicates import role_of
from triangulate.core.roles import AGGREGATES_ONLY

# The order the pack shows its sources in; a provider with another key goes after these.
ORDER = ("performance", "audits", "practice", "feedback", "staff_voice", "findings")
VERDICTS = ("positive", "mixed", "negative", "none")
WORDS = {"positive": "Positive", "mixed": "Mixed", "negative": "Negative", "none": "No evidence"}


@dataclass(frozen=True)
class Scope:
    """What a pack is about: its themes, its teams (None: council-wide, every team) and its period."""

    themes: tuple
    teams: tuple | None
    start: date
    end: date
    council: object = None
    kpi_ids: tuple = ()  # a priority's own measures (catalogue ids), beside those whose theme is in scope
    # a copy for a wide audience (the elected members' board paper, design §7): every figure under disclosure
    # control and no words (finding texts, quotes, names), whoever asks for it
    wide: bool = False


def controlled(scope, user):
    """Whether a provider puts its figures under disclosure control: for an aggregate-only reader, and in any copy
    for a wide audience."""
    return scope.wide or role_of(user) in AGGREGATES_ONLY


@dataclass(frozen=True)
class Row:
    label: str
    figure: str  # as shown, disclosure control applied ("[c]" for a suppressed figure)
    url: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Block:
    """One source's evidence for a scope. `verdict` is one of VERDICTS; `basis` the sentence with the figures it
    rests on; `note` says why a figure is missing (never a 0 standing in for "we could not tell")."""

    source: str
    title: str
    verdict: str
    basis: str
    rows: tuple = ()
    note: str = ""
    quotes: tuple = ()

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {VERDICTS}, not {self.verdict!r}")


@dataclass(frozen=True)
class Signal:
    """One piece of evidence for the top 10 (design §5): a strength or an area for development on a theme."""

    kind: str  # strength, area_for_development
    theme: str  # slug
    source: str  # a provider's key
    on: date
    weight: int = 1
    team: str = ""  # team name, "" council-wide
    text: str = ""
    url: str = ""
    extra: dict = field(default_factory=dict, compare=False)


class Provider(Protocol):
    key: str
    title: str

    def block(self, scope: Scope, user) -> Block: ...

    def signals(self, scope: Scope) -> list[Signal]: ...


_providers: dict[str, Provider] = {}


def register(provider):
    """Called from the providing app's `ready`; registering a key again replaces the earlier one (a reload)."""
    _providers[provider.key] = provider


def providers():
    """The registered providers in ORDER, then any others by key."""
    rank = {key: n for n, key in enumerate(ORDER)}
    return [p for _, p in sorted(_providers.items(), key=lambda kv: (rank.get(kv[0], len(ORDER)), kv[0]))]


# Work two providers (or two packs of one board paper) would repeat, done once while `shared_work` is open: audits
# and family feedback read the same audits, and a board paper's council-wide priorities the same cohort. Nothing is
# kept once the block closes, so a page never shows figures older than its request.
_shared = contextvars.ContextVar("evidence_shared_work", default=None)


@contextmanager
def shared_work():
    token = _shared.set({}) if _shared.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _shared.reset(token)


def memo(key, compute):
    """compute() once per `key` inside shared_work(); outside it, every call computes."""
    store = _shared.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]
