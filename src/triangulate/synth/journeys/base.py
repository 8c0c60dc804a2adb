"""Shared pieces of the journey generator: day arithmetic on numpy arrays (days since 1970-01-01),
the working-day calendar, children's attributes and the council's teams and workers."""

from datetime import date, timedelta

import numpy as np

from triangulate.kpis.calendar import bank_holidays
from triangulate.synth.names import FIRST_NAMES, LAST_NAMES

from . import codes

NEVER = 10**7  # a day number far after any extract date: "has not happened"
EPOCH = date(1970, 1, 1)
YEAR = 365.25


def day(d):
    return (d - EPOCH).days


def to_date(n):
    return EPOCH + timedelta(days=int(n))


class WorkingDays:
    """Working days (Mon-Fri less England and Wales bank holidays) as a sorted array of day numbers."""

    def __init__(self, first, last):
        span = np.arange(day(first), day(last) + 1, dtype=np.int64)
        hols = np.array([day(h) for h in bank_holidays() if first <= h <= last], dtype=np.int64)
        weekday = (span + 3) % 7  # 1970-01-01 was a Thursday: Monday = 0
        mask = (weekday < 5) & ~np.isin(span, hols)
        self.days = span[mask]

    def _at(self, i):
        return self.days[np.clip(i, 0, len(self.days) - 1)]

    def next(self, d):
        """The working day on or after d."""
        return self._at(np.searchsorted(self.days, d, side="left"))

    def prev(self, d):
        """The working day on or before d."""
        return self._at(np.searchsorted(self.days, d, side="right") - 1)

    def add(self, d, n):
        """The working day n working days after d (d itself snapped back to a working day first)."""
        return self._at(np.searchsorted(self.days, d, side="right") - 1 + n)

    def between(self, a, b):
        """wd(a, b): working days x with a < x <= b."""
        return np.searchsorted(self.days, b, side="right") - np.searchsorted(self.days, a, side="right")


def years_between(dob, ref):
    """Completed years from dob (day numbers) to ref (a date)."""
    d = dob.astype("datetime64[D]")
    y = d.astype("datetime64[Y]").astype(np.int64) + 1970
    md = (d - d.astype("datetime64[M]")).astype(np.int64) + 1 + 100 * (
        d.astype("datetime64[M]").astype(np.int64) % 12 + 1)
    ref_md = ref.month * 100 + ref.day
    return (ref.year - y - (md > ref_md)).astype(np.int64)


def in_window(rng, lo, hi, n):
    return lo + (rng.random(n) * (hi - lo)).astype(np.int64)


def bins(rng, n, table):
    """Draw from (lo, hi, weight) bins, uniform within a bin (integers lo..hi)."""
    lo = np.array([b[0] for b in table])
    hi = np.array([b[1] for b in table])
    w = np.array([b[2] for b in table], dtype=float)
    k = rng.choice(len(table), size=n, p=w / w.sum())
    return lo[k] + (rng.random(n) * (hi[k] - lo[k] + 1)).astype(np.int64)


class Children:
    """Per-child attributes, indexed by a dense child number."""

    def __init__(self):
        self.parts = []
        self.n = 0

    def add(self, rng, dob, male_share=None, uasc=None, ethnicity=None):
        n = len(dob)
        gender = codes.GENDER.draw(rng, n)
        if male_share is not None:
            gender = np.where(rng.random(n) < male_share, 0, 1)
        eth = codes.ETHNICITY.draw(rng, n) if ethnicity is None else ethnicity
        part = {
            "dob": np.asarray(dob, dtype=np.int64), "gender": gender, "ethnicity": eth,
            "disabled": rng.random(n) < 0.09, "locality": rng.integers(0, 1 << 30, n),
            "uasc": np.zeros(n, bool) if uasc is None else uasc,
        }
        self.parts.append(part)
        self.__dict__.update({k: np.concatenate([p[k] for p in self.parts]) for k in part})
        first = self.n
        self.n += n
        return np.arange(first, first + n)

    def finish(self, rng, id_base=1_000_000):
        # Case-system ids: unique 7-digit numbers in no particular order.
        span = max(9 * self.n, 1000)
        self.ids = (id_base + rng.choice(span, size=self.n, replace=False)).astype(str).astype(object)


def default_teams(localities=("North", "South", "East", "West")):
    """Team names by team type, mirroring synth/structure.py for the given localities."""
    half = (len(localities) + 1) // 2
    halves = [" and ".join(localities[:half]), " and ".join(localities[half:])]
    return {
        "front_door": ["Front Door and MASH"],
        "assessment": [f"Assessment {loc}" for loc in localities],
        "locality_safeguarding": [f"Safeguarding {loc} {n}" for loc in localities for n in (1, 2)],
        "children_in_care": [f"Children in Care {h}" for h in halves],
        "care_leavers": ["Care Leavers 18+"],
        "adolescent": ["Adolescent Service"],
        "fostering_adoption": ["Fostering", "Adoption and Permanence"],
        "early_help": [f"Early Help {h}" for h in halves],
        "disabled_children": ["Disabled Children's Team"],
    }


class Org:
    """Teams by type and generated workers per team; allocates children to teams and workers."""

    def __init__(self, rng, teams=None, workers=None, localities=4):
        self.teams = {k: list(v) for k, v in (teams or default_teams()).items() if v}
        self.localities = max(1, len(self.teams.get("assessment", [])) or localities)
        self.workers = {}
        names_rng = np.random.default_rng(rng.integers(1 << 62))
        for names in self.teams.values():
            for team in names:
                if workers and workers.get(team):
                    self.workers[team] = list(workers[team])
                    continue
                k = int(names_rng.integers(6, 11))
                first = names_rng.choice(FIRST_NAMES, k)
                last = names_rng.choice(LAST_NAMES, k)
                self.workers[team] = sorted({f"{f} {s}" for f, s in zip(first, last)})

    def team_names(self, type_):
        for t in (type_, "locality_safeguarding", "assessment", "front_door"):
            if self.teams.get(t):
                return self.teams[t]
        return [next(iter(self.teams.values()))[0]]

    def allocate(self, type_, locality, salt=0):
        """Team and worker names (object arrays) for children of a given locality key."""
        names = self.team_names(type_)
        loc = locality % self.localities
        per = max(1, len(names) // self.localities) if len(names) >= self.localities else 1
        if len(names) >= self.localities:
            t = loc * (len(names) // self.localities) + (locality // 7 + salt) % per
        else:
            t = (loc * len(names)) // self.localities
        t = np.minimum(t, len(names) - 1)
        team = np.array(names, dtype=object)[t]
        worker = np.empty(len(t), dtype=object)
        for i, name in enumerate(names):
            sel = t == i
            pool = np.array(self.workers[name], dtype=object)
            worker[sel] = pool[(locality[sel] // 3 + salt * 7) % len(pool)]
        return team, worker
