"""The health check's results (analytics/health.py, design §5.3), against figures worked out by hand."""

from fractions import Fraction

from triangulate.workforce.analytics.health import (
    OTHER_TEAMS,
    grouping,
    percent,
    points,
    pooled_share,
    question_result,
    response_rate,
    results,
    theme_results,
    year_on_year,
)

SA, A, N, D, SD, DK = 5, 4, 3, 2, 1, 0


def test_a_questions_shares_leave_out_dont_know_but_count_neither():
    # 10 answers: 2 SA + 3 A agree (5), 1 N, 1 D + 1 SD disagree (2), 2 don't know → base 8
    r = question_result("workload", [SA, SA, A, A, A, N, D, SD, DK, DK])
    assert (r.answers, r.answering, r.agree, r.disagree) == (10, 8, 5, 2)
    assert (r.share_agree, r.share_disagree) == (Fraction(5, 8), Fraction(2, 8))
    assert percent(r.share_agree) == "63%"  # 62.5 rounds half up
    nobody = question_result("x", [DK, DK])
    assert (nobody.share_agree, nobody.share_disagree, percent(nobody.share_agree)) == (None, None, "")


def test_a_themes_share_is_the_mean_of_its_questions_shares():
    res = {"a": question_result("a", [A, A, D, D]),  # 1/2 agree, 1/2 disagree
           "b": question_result("b", [A, A, A, N]),  # 3/4, 0
           "c": question_result("c", [DK]),  # no share: left out of the mean
           "d": question_result("d", [SD, SD, A])}  # 1/3, 2/3
    themes = theme_results(res, {"a": "workload", "b": "workload", "c": "workload", "d": "supervision"})
    assert list(themes) == ["workload", "supervision"]
    assert themes["workload"].agree == Fraction(5, 8)  # (1/2 + 3/4) / 2
    assert themes["workload"].disagree == Fraction(1, 4)  # (1/2 + 0) / 2
    assert themes["workload"].questions == 2
    assert (themes["supervision"].agree, themes["supervision"].disagree) == (Fraction(1, 3), Fraction(2, 3))


def test_teams_at_the_minimum_are_shown_and_the_rest_pooled_when_the_pool_reaches_it():
    plan = grouping({"North": 9, "South": 6, "East": 4, "West": 3, "Empty": 0}, minimum=6)
    assert plan.council_shown and plan.shown == ("North", "South")
    assert plan.pooled == ("East", "West") and plan.pooled_count == 7  # 4 + 3 ≥ 6


def test_one_team_alone_under_the_minimum_takes_the_next_smallest_with_it():
    # East's 3 alone would be the council's 25 minus North's 12 and South's 10: South (the smallest shown) joins it
    plan = grouping({"North": 12, "South": 10, "East": 3}, minimum=6)
    assert plan.shown == ("North",) and plan.pooled == ("South", "East") and plan.pooled_count == 13


def test_two_small_teams_short_of_the_minimum_are_pooled_with_the_smallest_shown_too():
    # 2 + 2 = 4 < 6: Central (7, smaller than North's 8) joins; North's 8 = council 19 − pool 11, both ≥ 6
    plan = grouping({"North": 8, "Central": 7, "East": 2, "West": 2}, minimum=6)
    assert plan.shown == ("North",) and plan.pooled == ("Central", "East", "West") and plan.pooled_count == 11


def test_ties_in_size_take_the_first_listed_into_the_pool():
    plan = grouping({"North": 6, "South": 6, "East": 1}, minimum=6)
    assert plan.shown == ("South",) and plan.pooled == ("North", "East")


def test_nothing_is_shown_below_the_minimum_council_wide():
    plan = grouping({"North": 3, "South": 2}, minimum=6)
    assert not plan.council_shown and plan.shown == () and plan.pooled == () and plan.hidden == ("North", "South")
    assert results([("North", {"q": A})] * 5, ["q"], {"q": "workload"}, 6).council is None


def test_every_team_shown_when_every_team_reaches_the_minimum():
    plan = grouping({"North": 6, "South": 7}, minimum=6)
    assert plan.shown == ("North", "South") and plan.pooled == ()


def test_results_give_the_council_the_shown_teams_and_other_teams():
    north = [("North", {"q1": A, "q2": D})] * 6 + [("North", {"q1": SD, "q2": DK})] * 2  # 8
    south = [("South", {"q1": SA, "q2": A})] * 2 + [("South", {"q1": N, "q2": A})]  # 3
    west = [("West", {"q1": D, "q2": D})] * 3  # 3
    out = results(north + south + west, ["q1", "q2"], {"q1": "workload", "q2": "workload"}, 6,
                  teams=["North", "South", "West", "East"])
    assert out.council.responses == 14
    # council q1: agree 6 (N) + 2 (S) = 8 of 14 answering; q2: agree 3 of 12 (2 don't know)
    assert out.council.questions["q1"].share_agree == Fraction(8, 14)
    assert out.council.questions["q2"].share_agree == Fraction(3, 12)
    assert out.council.themes["workload"].agree == (Fraction(8, 14) + Fraction(3, 12)) / 2
    assert [t for t, _ in out.teams] == ["North"] and out.teams[0][1].questions["q1"].share_agree == Fraction(6, 8)
    assert out.other.label == OTHER_TEAMS and out.other.responses == 6
    assert out.other.questions["q1"].share_agree == Fraction(2, 6)  # South's 2 SA; N and 3 D not agreeing
    assert out.grouping.counts["East"] == 0


def test_year_on_year_is_in_percentage_points_by_key():
    this = {"workload": question_result("workload", [A, A, A, D]),  # 75%
            "new": question_result("new", [A]),
            "dk": question_result("dk", [DK])}
    last = {"workload": question_result("workload", [A, A, D, D, D]),  # 40%
            "dk": question_result("dk", [A]), "gone": question_result("gone", [A])}
    change = year_on_year(this, last)
    assert change == {"workload": Fraction(35)}
    assert points(change["workload"]) == "+35 points"
    assert points(Fraction(-5, 2)) == "\u22123 points" and points(Fraction(1, 3)) == "no change"
    assert points(Fraction(1)) == "+1 point"


def test_the_evidence_share_pools_the_questions_and_the_response_rate_uses_the_headcount():
    res = {"a": question_result("a", [A, D, DK]), "b": question_result("b", [SA, SA, N])}
    assert pooled_share(res, ["a", "b", "missing"]) == (3, 5)
    assert response_rate(6, 8) == Fraction(3, 4) and response_rate(3, 0) is None
