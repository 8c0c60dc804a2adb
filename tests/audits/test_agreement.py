"""Agreement between moderators and auditors (design §5.2), pinned to its worked example: A09 (bob) agreed; C01
(bob) re-graded up to RI; A10 (cat) agreed; B04 (ann) re-graded down to Inadequate.

| | overall | bob | cat | ann |
| moderated, agreed | 4, 2 | 2, 1 | 1, 1 | 1, 0 |
| agreement | 50% | 50% | 100% | 0% |
| direction | 1 up, 1 down | 1 up | | 1 down |"""

import pytest

from triangulate.audits.services.agreement import (
    ModerationOutcome,
    agreement,
    agreement_figures,
    whole_percent,
)

INAD, RI, GOOD, OUTST = 1, 2, 3, 4  # places on the four-point scale
EXAMPLE = [
    ModerationOutcome("bob", given=INAD, moderated=INAD),  # A09 agreed
    ModerationOutcome("bob", given=INAD, moderated=RI),  # C01 up
    ModerationOutcome("cat", given=GOOD, moderated=GOOD),  # A10 agreed
    ModerationOutcome("ann", given=RI, moderated=INAD),  # B04 down
]


def test_the_worked_example_overall():
    overall = agreement_figures(EXAMPLE).overall
    assert (overall.moderated, overall.agreed, overall.up, overall.down) == (4, 2, 1, 1)
    assert overall.rate.value == 50 and str(overall.rate) == "50%"
    assert overall.direction == "1 up, 1 down"
    assert (overall.up_rate.value, overall.down_rate.value) == (25, 25)
    assert overall.two_or_more_steps == 0


def test_the_worked_example_per_auditor():
    by_auditor = agreement_figures(EXAMPLE).by_auditor
    assert list(by_auditor) == ["ann", "bob", "cat"]
    shown = {name: ((a.moderated, a.agreed), str(a.rate), a.direction) for name, a in by_auditor.items()}
    assert shown == {
        "bob": ((2, 1), "50%", "1 up"),
        "cat": ((1, 1), "100%", ""),
        "ann": ((1, 0), "0%", "1 down"),
    }


def test_unfinished_moderations_are_left_out_and_none_moderated_is_not_zero():
    figures = agreement_figures([ModerationOutcome("dee", given=GOOD, moderated=None), *EXAMPLE])
    assert figures.overall.moderated == 4  # dee's is not finished
    dee = figures.by_auditor["dee"]
    assert dee.moderated == 0
    assert dee.rate.value is None and str(dee.rate) == "none moderated"
    assert dee.direction is None and dee.up_rate.value is None


def test_nothing_moderated_at_all_gives_no_rate():
    overall = agreement([])
    assert overall.rate.value is None and overall.rate.reason == "none moderated"


def test_regrades_of_two_or_more_steps_are_counted():
    outcomes = [ModerationOutcome("eve", given=OUTST, moderated=RI), ModerationOutcome("eve", given=INAD, moderated=OUTST),
                ModerationOutcome("eve", given=GOOD, moderated=RI)]
    eve = agreement(outcomes)
    assert (eve.up, eve.down, eve.two_or_more_steps) == (1, 2, 2)
    assert eve.direction == "1 up, 2 down"


@pytest.mark.parametrize(("n", "d", "shown"), [
    (1, 8, 13),  # 12.5 rounds half up (Python's round gives 12)
    (1, 3, 33),
    (2, 3, 67),
    (5, 6, 83),
    (0, 4, 0),  # a computed 0% is a real 0
    (4, 4, 100),
])
def test_whole_percentages_round_half_up(n, d, shown):
    assert whole_percent(n, d).value == shown
