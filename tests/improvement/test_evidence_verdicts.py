"""Each source's verdict (docs/design/improvement.md §4.3), pinned by hand-worked tables with the boundary rows:
exactly 0.70 and 0.50, 4 against 5 answers, exactly 2/3 and 1/3."""

import pytest

from triangulate.improvement.evidence import verdicts


@pytest.mark.parametrize(("directions", "verdict", "basis"), [
    ([1, 0, 0], "positive", "3 measures: 1 improving, 2 with no special cause"),
    ([1], "positive", "1 measure: 1 improving"),
    ([-1, 0], "negative", "2 measures: 1 of concern, 1 with no special cause"),
    ([1, -1, 0], "mixed", "3 measures: 1 improving, 1 of concern, 1 with no special cause"),
    ([0, 0], "mixed", "2 measures: 2 with no special cause"),
    ([], "none", "no measure in scope has a figure"),
])
def test_performance(directions, verdict, basis):
    assert verdicts.performance(directions) == verdicts.Judged(verdict, basis)


def test_performance_refuses_a_direction_that_is_not_one_step():
    with pytest.raises(ValueError, match="direction"):
        verdicts.performance([2])


@pytest.mark.parametrize(("good", "answers", "verdict", "basis"), [
    (7, 10, "positive", "70% of answers good or better (n = 10)"),   # exactly 0.70
    (69, 100, "mixed", "69% of answers good or better (n = 100)"),
    (5, 10, "mixed", "50% of answers good or better (n = 10)"),      # exactly 0.50 is not below it
    (49, 100, "negative", "49% of answers good or better (n = 100)"),
    (14, 35, "negative", "40% of answers good or better (n = 35)"),
    (5, 5, "positive", "100% of answers good or better (n = 5)"),    # 5 answers: enough
    (4, 4, "none", "too few answers to judge: 4"),                   # 4 answers: too few
    (3, 3, "none", "too few answers to judge: 3"),
    (0, 0, "none", "no graded answers in this period"),
    (0, 6, "negative", "0% of answers good or better (n = 6)"),
])
def test_audits(good, answers, verdict, basis):
    assert verdicts.audits(good, answers) == verdicts.Judged(verdict, basis)


def test_audits_name_what_the_answers_were_about():
    assert verdicts.audits(14, 35, about="visits").basis == "40% of answers on visits good or better (n = 35)"


def test_a_share_above_one_is_refused():
    with pytest.raises(ValueError, match="part <= whole"):
        verdicts.audits(6, 5)


@pytest.mark.parametrize(("positive", "families", "verdict", "basis"), [
    (7, 10, "positive", "70% of families said the work made a positive difference (n = 10)"),
    (6, 10, "mixed", "60% of families said the work made a positive difference (n = 10)"),
    (5, 10, "mixed", "50% of families said the work made a positive difference (n = 10)"),
    (2, 5, "negative", "40% of families said the work made a positive difference (n = 5)"),
    (4, 4, "none", "too few families to judge: 4"),
    (0, 0, "none", "no family reached and consenting in this period"),
])
def test_feedback(positive, families, verdict, basis):
    assert verdicts.feedback(positive, families) == verdicts.Judged(verdict, basis)


@pytest.mark.parametrize(("strength", "either", "verdict", "basis"), [
    (2, 3, "positive", "2 of 3 teams observed had a strength"),      # exactly 2/3
    (3, 3, "positive", "3 of 3 teams observed had a strength"),
    (1, 2, "mixed", "1 of 2 teams observed had a strength"),
    (3, 5, "mixed", "3 of 5 teams observed had a strength"),          # 0.6, below 2/3
    (1, 3, "negative", "1 of 3 teams observed had a strength"),      # exactly 1/3
    (0, 1, "negative", "0 of 1 team observed had a strength"),
    (0, 0, "none", "no team was observed with a strength or an area for development"),
])
def test_practice(strength, either, verdict, basis):
    assert verdicts.practice(strength, either) == verdicts.Judged(verdict, basis)


@pytest.mark.parametrize(("part", "whole", "shown"), [(2, 3, "67%"), (1, 3, "33%"), (1, 8, "13%"), (1, 200, "1%")])
def test_percent_rounds_half_up(part, whole, shown):
    assert verdicts.percent(part, whole) == shown


@pytest.mark.parametrize(("names", "text"), [
    (["Voice of the child"], "voice of the child"),
    (["Planning (SMART)", "Recording"], "planning (SMART) and recording"),
    (["ICPCs within 15 working days"], "ICPCs within 15 working days"),
    (["Leadership", "Recording", "Timeliness"], "leadership, recording and timeliness"),
    ([], ""),
])
def test_names_inside_a_sentence(names, text):
    assert verdicts.about(names) == text
