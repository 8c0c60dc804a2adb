"""What the apps above datasets derive from an imported extract, registered here rather than imported.

datasets sits below kpis and performance in the dependency order (docs/architecture.md), so it never
imports them. An app that derives something from each extract (performance: its KPI values) registers a
Deriver in its AppConfig.ready; the import job then runs it at the right moments:

    compute(tables, extract_date, population) -> result   in the import's child process (isolation.py);
                                                           the result must be small and picklable
    issues(result) -> [{"list", "row", "column", "problem"}]   problems to store with the reader's, first
    store(upload, result)                                   inside the import's transaction
    discard(upload)                                         delete what store wrote (a held extract discarded)
    review(upload, user) -> dict                            extra context for a held extract's review panel

For example (performance/apps.py):

    derived.register(derived.Deriver("kpis", compute=..., issues=..., store=..., discard=..., review=...))
"""

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Deriver:
    name: str
    compute: Callable
    store: Callable
    discard: Callable
    issues: Callable = lambda result: []
    review: Callable | None = None


_DERIVERS = {}


def register(deriver):
    """Add (or replace, by name) a deriver; called from an AppConfig.ready, so once per process."""
    _DERIVERS[deriver.name] = deriver


def derivers():
    return list(_DERIVERS.values())
