"""The performance evidence provider for improvement's packs (docs/design/improvement.md §4.3, §5), on the KPI
page's own worked series (tests/performance/test_kpi_page.py), read from stored values of the March 2025 upload.

Timeliness measures (act_on_number's theme of the Assessments and Section 47 and ICPC sections):
  assessments within 45 working days: SHIFT, seven 83s below the average of 85.2% from September 2024 → concern −1
  ICPCs within 15 working days: the mirror, seven 87s above the average of 84.8%               → improvement +1
  the other 15 timeliness measures: nothing stored, so no chart and no direction
→ over the year to March 2025: mixed; before September 2024 neither signal is in the period: 0 and 0 → mixed.
"""

from dataclasses import replace
from datetime import date

import pytest

from triangulate.core.roles import Role
from triangulate.improvement.evidence import registry
from triangulate.improvement.evidence.registry import Scope
from triangulate.kpis.registry import all_kpis
from triangulate.performance.evidence import PerformanceEvidence

from ..factories import theme
from .test_kpi_page import KPI, SHIFT, store_months
from .test_pages import MARCH, extract, store

ICPC = "icpc_within_15wd_pct"
MIRROR = [(83, 100), (85, 100)] * 8 + [(83, 100)] + [(87, 100)] * 7


@pytest.fixture
def upload(world):
    upload = extract(world, MARCH)
    store_months(upload, KPI, SHIFT)
    store(upload, KPI, 100 * 1012 / 1200, 1012, 1200)
    return upload


def scope(*slugs, start=date(2024, 4, 1), end=MARCH, teams=None, kpi_ids=()):
    return Scope(themes=tuple(theme(s) for s in slugs), teams=teams, start=start, end=end, kpi_ids=kpi_ids)


def row_for(block, kpi_id):
    title = all_kpis()[kpi_id].title
    return next(r for r in block.rows if r.label == title)


def test_the_provider_is_registered_from_the_performance_app():
    assert "performance" in [p.key for p in registry.providers()]


def test_one_measure_of_concern_makes_the_block_negative(world, upload):
    block = PerformanceEvidence().block(scope("timeliness"), world.users[Role.QA_LEAD])
    assert (block.verdict, block.basis) == (
        "negative", "1 measure: 1 of concern (assessments completed within 45 working days: of concern)")
    row = row_for(block, KPI)
    assert (row.figure, row.url) == ("84.3%", f"/performance/kpis/{KPI}/")
    # England is the figure shipped with Triangulate, as the KPI page shows it beside the council's
    assert row.detail == ("England: 85.7% (2024-25). Special cause of concern: the last 7 months were all below the "
                          "average of 85.2% (from September 2024 to March 2025).")
    assert len(block.rows) == 16  # the timeliness measures, less "assessments: child seen" (voice of the child)
    assert block.note == "15 of 16 measures have no control chart for this reader, so no direction is taken from them."


def test_a_measure_improving_beside_one_of_concern_is_mixed(world, upload):
    store_months(upload, ICPC, MIRROR)
    block = PerformanceEvidence().block(scope("timeliness"), world.users[Role.QA_LEAD])
    assert block.verdict == "mixed"
    assert block.basis.startswith("2 measures: 1 improving, 1 of concern (")


def test_a_signal_that_ended_before_the_period_counts_as_none(world, upload):
    block = PerformanceEvidence().block(scope("timeliness", end=date(2024, 8, 31)), world.users[Role.QA_LEAD])
    assert (block.verdict, block.basis) == (
        "mixed", "1 measure: 1 with no special cause (assessments completed within 45 working days: no special cause)")


def test_a_priority_brings_its_own_measures_and_a_team_pack_says_the_figures_are_the_councils(world, upload):
    block = PerformanceEvidence().block(scope("leadership", kpi_ids=(KPI, "no_such_kpi"), teams=(world.own,)),
                                        world.users[Role.QA_LEAD])
    assert [r.label for r in block.rows] == ["Assessments completed within 45 working days"]
    assert block.verdict == "negative"
    assert block.note == "The measures are the council's as a whole: they are not split by team here."


def test_a_theme_without_measures_has_no_verdict(world, upload):
    block = PerformanceEvidence().block(scope("leadership"), world.users[Role.QA_LEAD])
    assert (block.verdict, block.basis) == ("none", "no measure is linked to these themes")


def test_an_elected_member_gets_no_direction_from_a_chart_they_are_not_shown(world, upload):
    counts = [7] * 12 + [8, 2, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]  # the page's test: two months hidden
    store_months(upload, "referrals", counts)
    store(upload, "referrals", sum(counts[12:]), sum(counts[12:]))
    lead = PerformanceEvidence().block(scope("multi-agency-working"), world.users[Role.QA_LEAD])
    assert lead.verdict == "mixed"  # referrals' polarity is contextual: a signal is neither better nor worse
    member = PerformanceEvidence().block(scope("multi-agency-working"), world.users[Role.ELECTED_MEMBER])
    assert (member.verdict, member.basis) == ("none", "no measure in scope has a figure")
    assert row_for(member, "referrals").detail.endswith(
        "No control chart is shown: 2 months are suppressed to protect small numbers, and an average and limits "
        "worked out without them would mislead.")


def test_without_an_upload_there_is_no_verdict(world):
    block = PerformanceEvidence().block(scope("timeliness"), world.users[Role.QA_LEAD])
    assert (block.verdict, block.note) == ("none", "No extract has been loaded.")


def test_signals_one_per_measure_with_a_special_cause_weighing_2(world, upload):
    store_months(upload, ICPC, MIRROR)
    found = PerformanceEvidence().signals(scope("timeliness"))
    assert [(s.kind, s.theme, s.weight, s.on, s.extra["kpi"]) for s in found] == [
        ("area_for_development", "timeliness", 2, date(2025, 3, 1), KPI),
        ("strength", "timeliness", 2, date(2025, 3, 1), ICPC),
    ]


def test_a_copy_for_a_wide_audience_is_controlled_for_the_qa_lead_as_for_an_elected_member(world, upload):
    counts = [7] * 12 + [8, 2, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]  # two months hidden under control
    store_months(upload, "referrals", counts)
    store(upload, "referrals", sum(counts[12:]), sum(counts[12:]))
    lead = PerformanceEvidence().block(replace(scope("multi-agency-working"), wide=True), world.users[Role.QA_LEAD])
    assert lead == PerformanceEvidence().block(scope("multi-agency-working"), world.users[Role.ELECTED_MEMBER])
    assert (lead.verdict, lead.basis) == ("none", "no measure in scope has a figure")
