"""improvement's own source for a pack (docs/design/improvement.md §4.3, §5): findings and actions on the scope's
themes and teams in its period, no verdict, and one signal per finding (weight 2 behind a high-priority action)."""

from datetime import date

from triangulate.core.roles import Role
from triangulate.improvement import services
from triangulate.improvement.evidence.findings import FindingsEvidence
from triangulate.improvement.evidence.registry import Scope, providers

from ..factories import theme

START, END = date(2026, 1, 1), date(2026, 11, 30)


def record(world, kind, slug, team, on, text="A finding"):
    return services.record_finding(actor=world.users[Role.QA_LEAD], kind=kind, text=text, theme=theme(slug),
                                   team=team, source="case_audit", found_on=on)


def test_the_block_and_signals_count_the_scopes_findings_only(world):
    qa = world.users[Role.QA_LEAD]
    visits = record(world, "area_for_development", "visits-and-direct-work", world.own, date(2026, 5, 1), "Thin notes")
    record(world, "strength", "visits-and-direct-work", None, date(2026, 6, 1), "Packs help")  # council-wide
    record(world, "area_for_development", "visits-and-direct-work", world.other, date(2026, 7, 1))  # another team
    record(world, "area_for_development", "leadership", world.own, date(2026, 7, 1))  # another theme
    record(world, "area_for_development", "visits-and-direct-work", world.own, date(2025, 12, 31))  # before
    services.create_action(actor=qa, title="Read five notes a month", rationale="Thin visits", priority="high",
                           owner=qa, due_date=date(2026, 1, 31), theme=theme("visits-and-direct-work"),
                           team=world.own, finding=visits)
    scope = Scope(themes=(theme("visits-and-direct-work"),), teams=(world.own,), start=START, end=END)
    block = FindingsEvidence().block(scope, qa)
    assert (block.verdict, block.basis) == ("none", "1 strength and 1 area for development recorded; 1 action open, "
                                                    "1 overdue")
    signals = FindingsEvidence().signals(scope)
    assert sorted((s.kind, s.weight, s.team, s.on) for s in signals) == [
        ("area_for_development", 2, "Safeguarding North 1", date(2026, 5, 1)),
        ("strength", 1, "", date(2026, 6, 1))]
    # council-wide scope: every team's
    everyone = Scope(themes=(theme("visits-and-direct-work"),), teams=None, start=START, end=END)
    assert len(FindingsEvidence().signals(everyone)) == 3


def test_the_findings_source_is_registered_by_improvement():
    assert "findings" in [p.key for p in providers()]
