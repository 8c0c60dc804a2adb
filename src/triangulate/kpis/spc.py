"""Statistical process control for a KPI's history, the NHS "Making Data Count" way (no Django).

An XmR chart: the mean of the values, the moving ranges between neighbours, and natural process limits
at mean ± 2.66 × the mean moving range. Variation inside the limits with no pattern is "common cause"
(the process as it is); these patterns are "special cause" (something changed), checked in this order,
the first that applies naming a point:

- **outside the limits**: a point above the upper or below the lower process limit;
- **trend**: six or more points in a row each higher (or each lower) than the one before;
- **two of three near a limit**: two of three points in a row beyond two-thirds of the distance from
  the mean to a limit (and inside it), all three on the same side of the mean;
- **shift**: seven or more points in a row on the same side of the mean (a point on the mean ends a run).

The rules, constants and order follow NHS England's Making Data Count guidance as implemented by the
NHS-R community's NHSRplotthedots (the reference implementation), except that a trend is six points
(the issue's and the original guidance's letter) where NHSRplotthedots now uses seven. Written here
rather than taken from a package: the Python ones found either draw with matplotlib (we draw SVG with
Vega-Altair) or give limits without the rules; these are short and pinned by hand-worked tests.

A point is "improvement" or "concern" from the KPI's polarity (higher or lower is better), "neutral"
when the polarity is contextual. Fewer than MIN_POINTS values give no chart (None with a reason):
limits from a handful of months would signal noise.
"""

from dataclasses import dataclass
from statistics import fmean

LIMIT = 2.66  # 3 sigma, from the mean moving range (3 / 1.128)
NEAR = 2 * LIMIT / 3  # 2 sigma
TREND, SHIFT = 6, 7
MIN_POINTS = 12

OUTSIDE, TREND_RULE, TWO_OF_THREE, SHIFT_RULE = "outside", "trend", "two_of_three", "shift"
RULE_TEXT = {
    OUTSIDE: "a point outside the process limits",
    TREND_RULE: f"{TREND} or more points in a row rising or falling",
    TWO_OF_THREE: "two of three points in a row near a process limit",
    SHIFT_RULE: f"{SHIFT} or more points in a row on one side of the mean",
}


@dataclass(frozen=True)
class Point:
    label: str  # the period, as the page shows it
    value: float
    rule: str | None  # the special-cause rule this point is part of, or None (common cause)
    direction: int  # +1 the signal is high (above, rising), -1 low, 0 none
    meaning: str  # "improvement", "concern", "neutral" or "common cause"


@dataclass(frozen=True)
class Chart:
    mean: float
    upper: float
    lower: float
    near_upper: float
    near_lower: float
    points: list

    @property
    def latest(self):
        return self.points[-1]

    def signals(self):
        """The runs of special-cause points, oldest first: (rule, direction, meaning, first, last point)."""
        runs, current = [], None
        for point in self.points:
            key = (point.rule, point.direction) if point.rule else None
            if key and current and current[0] == key:
                current[1].append(point)
            else:
                current = (key, [point]) if key else None
                if current:
                    runs.append(current)
        return [(rule, direction, group[0].meaning, group[0], group[-1]) for (rule, direction), group in runs]


@dataclass(frozen=True)
class NoChart:
    reason: str


def xmr(labels, values, polarity="contextual"):
    """The XmR chart of `values` (oldest first; None values, periods with no figure, are left out), or
    NoChart with the reason."""
    pairs = [(label, float(value)) for label, value in zip(labels, values) if value is not None]
    if len(pairs) < MIN_POINTS:
        return NoChart(f"A control chart needs at least {MIN_POINTS} periods with a figure; this measure has "
                       f"{len(pairs)}.")
    ys = [y for _, y in pairs]
    mean = fmean(ys)
    mean_range = fmean(abs(b - a) for a, b in zip(ys, ys[1:]))
    upper, lower = mean + LIMIT * mean_range, mean - LIMIT * mean_range
    near_upper, near_lower = mean + NEAR * mean_range, mean - NEAR * mean_range
    side = [(y > mean) - (y < mean) for y in ys]
    outside = [y > upper or y < lower for y in ys]
    near = [not out and (y > near_upper or y < near_lower) for y, out in zip(ys, outside)]
    rules = [
        (OUTSIDE, [s if out else 0 for s, out in zip(side, outside)]),
        (TREND_RULE, _trends(ys)),
        (TWO_OF_THREE, _two_of_three(near, side)),
        (SHIFT_RULE, _runs(side, SHIFT)),
    ]
    better = {"higher": 1, "lower": -1}.get(polarity, 0)
    points = []
    for i, (label, y) in enumerate(pairs):
        rule, direction = next(((name, flags[i]) for name, flags in rules if flags[i]), (None, 0))
        points.append(Point(label, y, rule, direction, _meaning(direction, better)))
    return Chart(mean, upper, lower, near_upper, near_lower, points)


def _meaning(direction, better):
    if direction == 0:
        return "common cause"
    if better == 0:
        return "neutral"
    return "improvement" if direction == better else "concern"


def _runs(side, length):
    """+1/-1 for points in a run of at least `length` equal non-zero signs, else 0."""
    flags = [0] * len(side)
    start = 0
    for i in range(1, len(side) + 1):
        if i == len(side) or side[i] != side[start]:
            if side[start] and i - start >= length:
                flags[start:i] = [side[start]] * (i - start)
            start = i
    return flags


def _trends(ys):
    """+1/-1 for points in a run of TREND or more points each higher (lower) than the one before."""
    steps = [(b > a) - (b < a) for a, b in zip(ys, ys[1:])]
    flags = [0] * len(ys)
    # a run of n equal steps covers n + 1 points
    for i, sign in enumerate(_runs(steps, TREND - 1)):
        if sign:
            flags[i] = flags[i + 1] = sign
    return flags


def _two_of_three(near, side):
    """+1/-1 for the near-limit points of any three in a row on one side with two or more near a limit."""
    flags = [0] * len(near)
    for i in range(len(near) - 2):
        window = range(i, i + 3)
        if abs(sum(side[j] for j in window)) == 3 and sum(near[j] for j in window) >= 2:
            for j in window:
                if near[j]:
                    flags[j] = side[j]
    return flags
