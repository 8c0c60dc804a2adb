"""Every KPI has a plain-English description (kpis/descriptions.py) for the top of its page."""

from triangulate.kpis.descriptions import BETTER, describe, described_ids
from triangulate.kpis.registry import all_kpis


def test_every_kpi_says_what_it_counts_out_of_what_and_which_way_is_better():
    specs = all_kpis()
    for kpi_id, spec in specs.items():
        text = describe(spec)
        assert text.summary.endswith(".") and text.numerator.endswith("."), kpi_id
        assert text.better == BETTER[spec.polarity], kpi_id
        # a count's value is the number counted; everything else is out of something
        assert bool(text.denominator) == (spec.unit != "count"), kpi_id
    # only rates are described from their counts; nothing described is missing from the catalogue
    assert {k for k, s in specs.items() if s.unit != "rate"} <= described_ids() <= set(specs)


def test_a_rate_is_described_from_its_count():
    specs = all_kpis()
    rate, count = describe(specs["referrals_rate"]), describe(specs["referrals"])
    assert rate.numerator == count.numerator
    assert "per 10,000" in rate.denominator and "scaled up to a year" in rate.summary
    assert "scaled up" not in describe(specs["cla_rate"]).summary  # a snapshot rate is not annualised
