"""The top 10 strengths and areas for development (design §5) and the learning loop's recurring themes (§6), ranked
from the evidence providers' signals. Pure: signals in, ranked candidates out; the pages and the saved TopTen are
built on top.

A candidate is a (kind, theme) pair. Its score is

    Σ weight × 0.5 ** (age_days / HALF_LIFE_DAYS)  ×  (1 + BREADTH × (sources − 1))

over its signals: frequency (the sum), severity (the weight), recency (a signal six months old counts half) and
breadth (a theme that audits, observations and KPIs all name outranks one source shouting). Ties go to the candidate
with more signals, then to the theme that comes first in the theme order."""

from collections import defaultdict
from dataclasses import dataclass

HALF_LIFE_DAYS = 182
BREADTH = 0.5
TOP = 10
RECURRING_SOURCES = ("audits", "practice", "findings")  # where the learning loop looks for areas that recur
RECURRING_MONTHS_DAYS = 183
RECURRING_MIN_SIGNALS = 3


@dataclass(frozen=True)
class Ranked:
    kind: str
    theme: str
    score: float
    signals: tuple  # newest first
    sources: tuple  # distinct, in order of first appearance among the newest-first signals

    @property
    def latest(self):
        return self.signals[0].on

    def explained(self):
        """"4 signals from 3 sources, latest 12 Oct 2026" (the score's parts, for the page)."""
        many = "s" if len(self.signals) != 1 else ""
        kinds = "s" if len(self.sources) != 1 else ""
        return (f"{len(self.signals)} signal{many} from {len(self.sources)} source{kinds}, "
                f"latest {self.latest.day} {self.latest:%b %Y}")


def recency(signal, today):
    age = max(0, (today - signal.on).days)
    return 0.5 ** (age / HALF_LIFE_DAYS)


def rank(signals, today, *, theme_order=None, top=TOP):
    """{kind: [Ranked, best first, at most `top`]} for kind in (strength, area_for_development). `theme_order`:
    theme slugs in the council's order (ties); signals dated after `today` are left out (a ranking as of a date)."""
    order = {slug: n for n, slug in enumerate(theme_order or ())}
    groups = defaultdict(list)
    for signal in signals:
        if signal.on <= today:
            groups[(signal.kind, signal.theme)].append(signal)
    ranked = defaultdict(list)
    for (kind, theme), group in groups.items():
        group.sort(key=lambda s: (s.on, s.weight), reverse=True)
        sources = tuple(dict.fromkeys(s.source for s in group))
        base = sum(s.weight * recency(s, today) for s in group)
        ranked[kind].append(Ranked(kind, theme, round(base * (1 + BREADTH * (len(sources) - 1)), 6), tuple(group),
                                   sources))
    return {kind: sorted(ranked[kind], key=lambda r: (-r.score, -len(r.signals), order.get(r.theme, len(order)),
                                                      r.theme))[:top]
            for kind in ("strength", "area_for_development")}


def recurring(signals, today):
    """Themes that recur as areas for development (design §6): named by at least two of RECURRING_SOURCES, with at
    least RECURRING_MIN_SIGNALS of those sources' signals in the last six months. [(theme, its signals newest
    first)], the most signals first."""
    recent = defaultdict(list)
    for signal in signals:
        age = (today - signal.on).days
        if (signal.kind == "area_for_development" and signal.source in RECURRING_SOURCES
                and 0 <= age <= RECURRING_MONTHS_DAYS):
            recent[signal.theme].append(signal)
    found = [(theme, sorted(group, key=lambda s: s.on, reverse=True)) for theme, group in recent.items()
             if len({s.source for s in group}) >= 2 and len(group) >= RECURRING_MIN_SIGNALS]
    return sorted(found, key=lambda item: (-len(item[1]), item[0]))
