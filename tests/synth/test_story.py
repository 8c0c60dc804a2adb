"""The synthetic council's story (synth/journeys/story.py): its effects are real signals, not noise.

Run at the demo's default size (60,000 children, 24 monthly extracts cut from one simulation, seed 1): the
strained locality against the strong team, the new front door as a step in the monthly series, the drifting
team's slide, the school year in referrals, and practice quality agreeing with the KPIs except in the one
planted team. "Beyond noise" is a two-proportion z statistic (pooled binomial standard error) over 4.
"""

import math
from collections import defaultdict
from datetime import date

import numpy as np
import pytest

from triangulate.kpis.engine import Engine
from triangulate.kpis.periods import Period, calendar_months
from triangulate.synth.journeys import cut_extract, generate, simulate_journeys
from triangulate.synth.journeys.base import Org, default_teams
from triangulate.synth.journeys.story import BASE_QUALITY, MEASURES, VISITS, Story, StoryParams, council_story

N = 60_000
LAST = date(2026, 10, 31)
CUTS = [p.end for p in calendar_months(LAST, 24)]  # 30 Nov 2024 ... 31 Oct 2026
SNAPSHOT = ["cp_visits_in_timescale_pct", "cin_plan_seen_in_timescale_pct", "unallocated_open"]


@pytest.fixture(scope="module")
def council():
    """The journeys, the latest extract, and each extract's snapshot KPIs by team: {kpi: {team: [Figure]}}."""
    journeys = simulate_journeys(N, 1, LAST, earliest=CUTS[0])
    by_team = defaultdict(lambda: defaultdict(list))
    tables = None
    for cut in CUTS:
        tables = cut_extract(journeys, cut)
        results = Engine(tables, population=N).run([Period(cut.replace(day=1), cut)], kpi_ids=SNAPSHOT, by="team")
        for team, kpis in results.by_team.items():
            for kpi_id, figures in kpis.items():
                by_team[kpi_id][team].append(figures[0])
    return journeys, tables, by_team


def _z(a_num, a_den, b_num, b_den):
    """Two-proportion z statistic (a minus b) with the pooled binomial standard error."""
    pooled = (a_num + b_num) / (a_den + b_den)
    return (a_num / a_den - b_num / b_den) / math.sqrt(pooled * (1 - pooled) * (1 / a_den + 1 / b_den))


def _pool(figures):
    return sum(f.numerator for f in figures), sum(f.denominator for f in figures)


def _slope(values):
    x = np.arange(len(values))
    return float(np.polyfit(x, np.asarray(values, dtype=float), 1)[0])


def test_the_parts_are_cast_from_the_team_names_whatever_their_order():
    story = council_story(None, 1, LAST)
    c = story.cast
    assert c.strained_locality_name == "West"
    assert set(c.strained_teams) == {"Assessment West", "Safeguarding West 1", "Safeguarding West 2",
                                     "Children in Care East and West", "Early Help East and West"}
    assert c.strained_teams["Safeguarding West 1"] == 1 and c.strained_teams["Children in Care East and West"] == 0.5
    assert (c.strong_team, c.drifting_team, c.mismatched_team) == (
        "Safeguarding East 1", "Safeguarding North 2", "Safeguarding South 1")
    reversed_teams = {kind: list(reversed(names)) for kind, names in default_teams().items()}
    assert council_story(reversed_teams, 1, LAST).cast == c
    assert story.front_door_opens == date(2025, 11, 1) and story.drift_starts == date(2025, 8, 1)
    # a children in care team named for two localities takes those localities' children
    org = Org(np.random.default_rng(0))
    assert "Children in Care East and West" in org.serving(org.locality_labels().index("West"))
    assert "Children in Care North and South" in org.serving(org.locality_labels().index("North"))


@pytest.mark.parametrize("localities", [2, 3, 6])
def test_every_size_of_council_gets_distinct_parts(localities):
    names = ("North", "South", "East", "West", "Central", "Coast")[:localities]
    c = council_story(default_teams(names), 1, LAST).cast
    parts = [c.strong_team, c.drifting_team, c.mismatched_team]
    assert None not in parts and len(set(parts)) == 3
    assert c.strong_team not in c.strained_teams and c.drifting_team not in c.strained_teams
    assert all(c.strained_locality_name in team.split() for team in c.strained_teams)


def test_a_flat_story_makes_every_team_alike():
    story = Story(Org(np.random.default_rng(0)), 1, LAST, StoryParams.flat())
    teams = np.array(["Safeguarding West 1", "Safeguarding East 1", "Safeguarding North 2", "Safeguarding South 1"],
                     dtype=object)
    for measure, (_theme, base) in MEASURES.items():
        assert story.shares(teams, measure, np.full(4, 20_000)) == pytest.approx([base] * 4)
    assert story.locality_weights().tolist() == [0.25] * 4
    assert story.season_weight(np.arange(20_000, 20_365)).min() == 1.0
    assert story.unallocated_factor(teams).tolist() == [1.0] * 4


def test_the_strained_locality_differs_from_the_strong_team_beyond_noise(council):
    journeys, tables, by_team = council
    c = journeys.story.cast
    strained = [t for t in c.strained_teams if t.startswith("Safeguarding")]
    for kpi_id in ("cp_visits_in_timescale_pct", "cin_plan_seen_in_timescale_pct"):
        weak = [_pool(by_team[kpi_id][t]) for t in strained]
        strong = _pool(by_team[kpi_id][c.strong_team])
        weak_num, weak_den = sum(n for n, _ in weak), sum(d for _, d in weak)
        assert _z(strong[0], strong[1], weak_num, weak_den) > 4, kpi_id
    # more cases wait for a worker there, month after month
    waiting = {t: np.mean([f.value for f in figures]) for t, figures in by_team["unallocated_open"].items()}
    assert min(waiting[t] for t in strained) > 2 * waiting[c.strong_team], waiting
    # demand and timeliness at the front of the system, over the last 12 months
    year = Engine(tables, population=N).run([Period(date(2025, 11, 1), LAST)], by="team",
                                            kpi_ids=["referrals", "assessments_within_45wd_pct", "cp_repeat_pct"])
    referrals = {t: k["referrals"][0].value for t, k in year.by_team.items() if t.startswith("Assessment")}
    others = [v for t, v in referrals.items() if t != "Assessment West"]
    assert referrals["Assessment West"] > max(others) + 4 * math.sqrt(max(others))  # Poisson noise
    assessed = year.by_team["Assessment West"]["assessments_within_45wd_pct"][0]
    rest = [year.by_team[t]["assessments_within_45wd_pct"][0] for t in referrals if t != "Assessment West"]
    assert _z(sum(f.numerator for f in rest), sum(f.denominator for f in rest),
              assessed.numerator, assessed.denominator) > 4
    # more repeat child protection plans, over the two years (a year holds too few plans per team)
    two_years = Engine(tables, population=N).run([Period(date(2024, 11, 1), LAST)], by="team",
                                                 kpi_ids=["cp_repeat_pct"])
    repeat = [two_years.by_team[t]["cp_repeat_pct"][0] for t in strained]
    repeat_rest = [k["cp_repeat_pct"][0] for t, k in two_years.by_team.items()
                   if t.startswith("Safeguarding") and t not in strained]
    assert _z(sum(f.numerator for f in repeat), sum(f.denominator for f in repeat),
              sum(f.numerator for f in repeat_rest), sum(f.denominator for f in repeat_rest)) > 3


def test_the_new_front_door_shows_as_a_step_in_the_monthly_series(council):
    journeys, tables, _ = council
    months = calendar_months(LAST, 24)
    opened = [m.start >= journeys.story.front_door_opens for m in months]
    assert opened == [False] * 12 + [True] * 12
    series = Engine(tables, population=N).run(months, kpi_ids=["rereferral_pct", "assessments_within_45wd_pct"])
    for kpi_id, better in (("rereferral_pct", -1), ("assessments_within_45wd_pct", 1)):
        figures = series.kpis[kpi_id]
        before, after = figures[:12], figures[12:]
        z = _z(*_pool(after), *_pool(before))
        assert better * z > 4, (kpi_id, z)
        # an SPC shift (NHS "Making Data Count": 7 or more points in a row on one side of the mean): after the
        # change, a run of 7 months or more on the better side of the year before's mean
        baseline = sum(f.value for f in before) / 12
        runs, run = [], 0
        for f in after:
            run = run + 1 if better * (f.value - baseline) > 0 else 0
            runs.append(run)
        assert max(runs) >= 7, (kpi_id, baseline, [f.value for f in after])


def test_the_drifting_team_slips_month_by_month(council):
    journeys, _, by_team = council
    drifting = journeys.story.cast.drifting_team
    for kpi_id in ("cp_visits_in_timescale_pct", "cin_plan_seen_in_timescale_pct"):
        slopes = {t: _slope([f.value for f in figures]) for t, figures in by_team[kpi_id].items()
                  if t.startswith("Safeguarding")}
        assert slopes[drifting] < -0.8, (kpi_id, slopes)  # points a month (the story: 2 a month over the last 15)
        assert all(s > -0.6 for t, s in slopes.items() if t != drifting), (kpi_id, slopes)
        first, last = _pool(by_team[kpi_id][drifting][:6]), _pool(by_team[kpi_id][drifting][-6:])
        assert _z(*first, *last) > 4, kpi_id


def test_referrals_and_contacts_follow_the_school_year(council):
    _, tables, _ = council
    for number, column in ((1, "contact_date"), (3, "referral_date")):
        by_month = defaultdict(int)
        for d in tables[number].column(column).to_pylist():
            if d is not None and d > date(2023, 10, 31):  # the three whole years of the window
                by_month[d.month] += 1
        term = sum(by_month[m] for m in (1, 2, 3, 5, 6, 9, 10, 11)) / 8
        assert by_month[8] < 0.85 * term, (number, dict(by_month))
        assert by_month[12] < 0.92 * term, (number, dict(by_month))


def test_practice_quality_agrees_with_the_kpis_except_in_the_planted_team(council):
    journeys, _, by_team = council
    story, c = journeys.story, journeys.story.cast
    visits = {t: _pool(f) for t, f in by_team["cp_visits_in_timescale_pct"].items() if t.startswith("Safeguarding")}
    share = {t: n / d for t, (n, d) in visits.items()}
    quality = {t: np.mean([story.quality(t, VISITS, cut) for cut in CUTS]) for t in visits}
    honest = [t for t in visits if t != c.mismatched_team]
    ranks = np.argsort(np.argsort([quality[t] for t in honest])), np.argsort(np.argsort([share[t] for t in honest]))
    assert np.corrcoef(*ranks)[0, 1] > 0.8  # Spearman: better practice, better figures
    ordinary = [t for t in honest if t != c.strong_team]
    # the planted team's visits look better than every ordinary team's ...
    assert all(_z(*visits[c.mismatched_team], *visits[t]) > 2 for t in ordinary)
    # ... while an audit of its visits finds them the worst of all
    assert quality[c.mismatched_team] < min(quality[t] for t in honest)
    assert quality[c.mismatched_team] < BASE_QUALITY[VISITS] - 0.2


def test_the_same_seed_gives_the_same_story_and_another_seed_a_different_one():
    a, b = generate(5_000, 4, LAST), generate(5_000, 4, LAST)
    assert all(a[n].equals(b[n]) for n in a)
    one, two = council_story(None, 4, LAST), council_story(None, 5, LAST)
    assert one.quality("Safeguarding North 1", "recording", LAST) == \
        council_story(None, 4, LAST).quality("Safeguarding North 1", "recording", LAST)
    assert one.quality("Safeguarding North 1", "recording", LAST) != \
        two.quality("Safeguarding North 1", "recording", LAST)
