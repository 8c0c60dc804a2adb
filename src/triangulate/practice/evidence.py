"""Practice weeks' and days' evidence for improvement's packs and top 10 (docs/design/improvement.md §4.3, §5).

Counted as the analysis page counts (practice design §6.1): each event's handed-in observations and their entries
through gather.event_records, then the pure analysis.counts over the events ending in the period put together (an
observation's and an entry's ids are unique across events, so one cohort of several events is a sound cohort). A
team "had a strength" on the scope's themes when analysis.counts.by_theme puts it among P on any of them, and "an area
for development" when among D. Counts are for every reader; the words (representative entries, quotes) only from
events whose analysis the reader may see (VIEW_ANALYSIS), and never for an aggregate-only reader.
"""

from django.urls import reverse

from triangulate.core import disclosure
from triangulate.improvement.evidence import registry, verdicts
from triangulate.improvement.evidence.registry import Block, Row, Signal

from . import gather
from .analysis import counts, representative
from .analysis.records import AREA_FOR_DEVELOPMENT, NEEDS_AGREEMENT_TO_QUOTE, QUOTE, STRENGTH
from .models import PracticeEvent
from .rules import Perm
from .services import picks

REPRESENTATIVE_PER_KIND = 3


def events_in(scope):
    """Events ending in the period (not cancelled), in date order."""
    events = PracticeEvent.objects.filter(ends_on__gte=scope.start, ends_on__lte=scope.end).exclude(
        status=PracticeEvent.Status.CANCELLED)
    if scope.council is not None:
        events = events.filter(council=scope.council)
    return list(events.order_by("ends_on", "pk"))


def _cohort(records, scope):
    teams = None if scope.teams is None else {t.pk for t in scope.teams}
    observations = [o for r in records for o in r.observations]
    entries = [e for r in records for e in r.entries]
    return counts.cohort(observations, entries, teams=teams)


def _teams_on(c, slugs):
    """(teams with a strength, teams with an area for development) on any of the themes, as team id sets."""
    by_theme = counts.by_theme(c)
    strength = set().union(*(by_theme[s].positive_teams for s in slugs if s in by_theme))
    area = set().union(*(by_theme[s].development_teams for s in slugs if s in by_theme))
    return strength, area


def _small(part, whole):
    """A share an aggregate-only reader may not see (core/disclosure.py rule 1): its part or complement is 1–5."""
    return any(0 < n < disclosure.THRESHOLD for n in (part, whole - part))


def _count(controlled, n):
    if controlled and 0 < n < disclosure.THRESHOLD:
        return disclosure.fewer_than()
    return str(n)


class PracticeEvidence:
    key = "practice"
    title = "Practice observation"

    def block(self, scope, user):
        controlled = registry.controlled(scope, user)
        events = events_in(scope)
        by_event = {event.pk: gather.event_records(event) for event in events}
        c = _cohort(by_event.values(), scope)
        slugs = [t.slug for t in scope.themes]
        strength, area = _teams_on(c, slugs)
        judged = verdicts.practice(len(strength), len(strength | area),
                                   about=verdicts.about([t.name for t in scope.themes]))
        supported = counts.felt_supported(c)
        rows = [Row("Teams with a strength", _count(controlled, len(strength)), detail=_names(c, strength, controlled)),
                Row("Teams with an area for development", _count(controlled, len(area)),
                    detail=_names(c, area, controlled)),
                Row("Felt supported", supported.text if not (controlled and _small(supported.supported, supported.asked))
                    else disclosure.SUPPRESSED)]
        readable = [] if controlled else [e for e in events if user.has_perm(Perm.VIEW_ANALYSIS, e)]
        rows += self._representative(scope, readable, by_event, slugs)
        quotes = tuple(e.text for event in readable for e in _cohort([by_event[event.pk]], scope).entries
                       if e.kind == QUOTE and e.theme in slugs and e.quote_by in NEEDS_AGREEMENT_TO_QUOTE
                       and e.may_quote)
        note = "" if events else "No practice week or day ended in the period."
        if controlled and judged.verdict != "none" and _small(len(strength), len(strength | area)):
            return Block(source=self.key, title=self.title, verdict="none",
                         basis=f"the teams' counts are {disclosure.SUPPRESSED}", rows=tuple(rows),
                         note=disclosure.SUPPRESSED)
        return Block(source=self.key, title=self.title, verdict=judged.verdict, basis=judged.basis, rows=tuple(rows),
                     quotes=quotes, note=note)

    def _representative(self, scope, events, by_event, slugs):
        """A few representative entries (practice §6.3) on the themes, strengths then areas, with the organiser's
        picks first, each linked to its event's analysis."""
        rows = {STRENGTH: [], AREA_FOR_DEVELOPMENT: []}
        for event in events:
            records = by_event[event.pk]
            c = _cohort([records], scope)
            url = reverse("practice:analysis", args=[event.pk])
            for (_, theme, kind), entries in representative.representative(c, picks.picked_ids(event)).items():
                if theme in slugs and kind in rows:
                    rows[kind] += [Row(f"{'Strength' if kind == STRENGTH else 'Area for development'}: "
                                       f"{records.theme_names.get(theme, theme)}", e.text, url,
                                       c.team_names[c.team_of(e)]) for e in entries]
        return rows[STRENGTH][:REPRESENTATIVE_PER_KIND] + rows[AREA_FOR_DEVELOPMENT][:REPRESENTATIVE_PER_KIND]

    def signals(self, scope):
        """One per (event, team, theme) with a strength, and one with an area for development; on the last day."""
        found = []
        for event in events_in(scope):
            c = _cohort([gather.event_records(event)], scope)
            by_theme = counts.by_theme(c)
            url = reverse("practice:analysis", args=[event.pk])
            for theme in scope.themes:
                count = by_theme.get(theme.slug)
                if count is None:
                    continue
                for kind, teams in (("strength", count.positive_teams),
                                    ("area_for_development", count.development_teams)):
                    found += [Signal(kind=kind, theme=theme.slug, source=self.key, on=event.ends_on,
                                     team=c.team_names[team], url=url,
                                     text=f"{event.title}: {'a strength' if kind == 'strength' else 'an area for development'}"
                                          f" on {verdicts.in_sentence(theme.name)}")
                              for team in sorted(teams, key=lambda t: c.team_names[t])]
        return found


def _names(c, teams, controlled):
    return "" if controlled else ", ".join(sorted(c.team_names[t] for t in teams))
