"""An evidence pack (design §4): a theme's, a team's or a priority's evidence from every registered source, as the
reader may see it, with the sources' agreement, the draft paragraph and the lead's saved one. Computed on request
from stored results; only the lead's paragraph is stored (EvidenceNote)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from triangulate.core.selectors import active_themes

from .evidence.agreement import agreement_of
from .evidence.findings import action_counts
from .evidence.registry import Scope, providers, shared_work
from .evidence.summary import draft_paragraph
from .evidence_notes import note_for

PERIOD_DAYS = 365


@dataclass
class Pack:
    kind: str  # theme, team, priority (EvidenceNote.ScopeKind)
    obj: object
    heading: str  # "Voice of the child"
    subject: str  # "voice of the child", for the paragraph
    scope: Scope
    blocks: list
    agreement: object
    draft: str
    note: object  # EvidenceNote or None

    @property
    def sources(self):
        """The blocks with a verdict to compare: every source but findings and actions."""
        return [b for b in self.blocks if b.source != "findings"]


def default_period(today=None):
    today = today or timezone.localdate()
    return today - timedelta(days=PERIOD_DAYS - 1), today


def period_from(query, today=None):
    """(start, end) from ?from=YYYY-MM-DD&to=YYYY-MM-DD, each falling back to the default year to today; a start
    after the end is swapped (the reader meant the span)."""
    start, end = default_period(today)

    def read(name, fallback):
        try:
            return date.fromisoformat(query.get(name, ""))
        except ValueError:
            return fallback

    start, end = read("from", start), read("to", end)
    return (end, start) if start > end else (start, end)


def scope_for(kind, obj, council, start, end, wide=False):
    """A pack's scope: a theme's council-wide, a team's on every theme, a priority's or a self-assessment domain's
    on its themes (a priority's on its teams too, and its own measures)."""
    if kind == "theme":
        return Scope(themes=(obj,), teams=None, start=start, end=end, council=council, wide=wide)
    if kind == "team":
        return Scope(themes=tuple(active_themes()), teams=(obj,), start=start, end=end, council=council, wide=wide)
    if kind == "domain":
        return Scope(themes=tuple(obj.themes.all()), teams=None, start=start, end=end, council=council, wide=wide)
    teams = tuple(obj.teams.all())
    return Scope(themes=tuple(obj.themes.all()), teams=teams or None, start=start, end=end, council=council,
                 kpi_ids=tuple(obj.kpi_ids or ()), wide=wide)


def heading_of(kind, obj):
    return obj.name if kind in ("theme", "team") else obj.title


def build_pack(kind, obj, user, council, start, end, wide=False):
    """`wide`: the figures under disclosure control and without words, for a wide audience's copy (design §7).
    A self-assessment domain's pack ("domain") has no saved paragraph: the domain's own text is its words."""
    scope = scope_for(kind, obj, council, start, end, wide)
    with shared_work():
        blocks = [provider.block(scope, user) for provider in providers()]
    agreement = agreement_of([b for b in blocks if b.source != "findings"])
    open_actions, overdue = action_counts(scope, user)
    heading = heading_of(kind, obj)
    subject = heading[0].lower() + heading[1:] if kind in ("theme", "domain") else heading
    draft = draft_paragraph(subject, agreement.state, blocks, open_actions=open_actions, overdue_actions=overdue,
                            verdict=agreement.verdict)
    return Pack(kind=kind, obj=obj, heading=heading, subject=subject, scope=scope, blocks=blocks,
                agreement=agreement, draft=draft,
                note=None if kind == "domain" else note_for(council, kind, obj.pk))
