"""Asking the registered providers (registry.py) for a council's signals: the top 10's and the learning loop's
input (design §5, §6). Signals are about the work, not a reader: every provider gives them whole, and the pages that
show them are for roles that see every team (KnowPerm.VIEW_EVIDENCE)."""

from datetime import timedelta

from triangulate.core.selectors import active_themes

from .registry import Scope, providers

RANKING_YEARS_DAYS = 730  # two years: older signals weigh under a sixteenth (six-month half-life)


def council_signals(council, today, *, days=RANKING_YEARS_DAYS):
    """Every provider's signals for every active theme and team over the `days` to `today`."""
    scope = Scope(themes=tuple(active_themes()), teams=None, start=today - timedelta(days=days), end=today,
                  council=council)
    return [signal for provider in providers() for signal in provider.signals(scope)]


def theme_order():
    return [theme.slug for theme in active_themes()]
