"""Year on year and agreement (design §3.2), on hand-worked rows of the default six-point scale."""

import pytest

from triangulate.improvement.assessment_compare import Grade, agreement, overall_agreement, year_on_year

INADEQUATE = Grade(1, "inadequate")
RSI = Grade(2, "requires_improvement")
RI = Grade(3, "requires_improvement")
GOOD = Grade(4, "good")
SECURE_GOOD = Grade(5, "good")
OUTSTANDING = Grade(6, "outstanding")


@pytest.mark.parametrize(("this_year", "last_year", "had_domain", "steps", "text", "ofsted_same"), [
    (GOOD, RI, True, 1, "up 1", False),  # 4 − 3; good vs RI
    (RI, RI, True, 0, "no change", True),
    (RSI, GOOD, True, -2, "down 2", False),  # 2 − 4
    (SECURE_GOOD, GOOD, True, 1, "up 1", True),  # a step up inside Ofsted's good
    (RI, RSI, True, 1, "up 1", True),  # both map to requires improvement
    (OUTSTANDING, INADEQUATE, True, 5, "up 5", False),
    (GOOD, None, False, None, "new domain", None),
    (None, GOOD, True, None, "not judged", None),
    (GOOD, None, True, None, "not judged last year", None),
])
def test_year_on_year(this_year, last_year, had_domain, steps, text, ofsted_same):
    change = year_on_year(this_year, last_year, had_domain=had_domain)
    assert (change.steps, change.text, change.ofsted_same) == (steps, text, ofsted_same)


@pytest.mark.parametrize(("ours", "external", "steps", "text", "ofsted_text"), [
    (GOOD, GOOD, 0, "Agrees", "Ofsted grade agrees"),
    (GOOD, SECURE_GOOD, 1, "Within one step", "Ofsted grade agrees"),
    (RI, GOOD, 1, "Within one step", "Ofsted grade differs"),
    (RSI, SECURE_GOOD, 3, "Differs by 3 steps", "Ofsted grade differs"),
    (RSI, RI, 1, "Within one step", "Ofsted grade agrees"),
    (GOOD, None, None, "No external grade", ""),
    (None, GOOD, None, "Not judged", ""),
])
def test_agreement(ours, external, steps, text, ofsted_text):
    result = agreement(ours, external)
    assert (result.steps, result.text, result.ofsted_text) == (steps, text, ofsted_text)


def test_overall_agreement_counts_exact_and_within_one_step():
    pairs = [
        (GOOD, GOOD),  # exact
        (RI, RI),  # exact
        (SECURE_GOOD, SECURE_GOOD),  # exact
        (OUTSTANDING, OUTSTANDING),  # exact
        (RI, GOOD),  # 1 step
        (RSI, RI),  # 1 step
        (GOOD, None),  # no external grade: not counted
    ]
    assert overall_agreement(pairs) == "Agreed on 4 of 6 domains exactly, 6 of 6 within one step"


def test_overall_agreement_with_a_wide_difference_and_one_domain():
    assert overall_agreement([(RSI, SECURE_GOOD)]) == "Agreed on 0 of 1 domain exactly, 0 of 1 within one step"


def test_overall_agreement_is_none_without_an_external_grade():
    assert overall_agreement([(GOOD, None), (None, RI)]) is None
    assert overall_agreement([]) is None
