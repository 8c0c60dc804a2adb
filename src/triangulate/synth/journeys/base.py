"""Shared pieces of the journey generator: day arithmetic on numpy arrays (days since 1970-01-01),
the working-day calendar, children's attributes and the council's teams and workers."""

import re
from datetime import date

import numpy as np

from triangulate.kpis.calendar import bank_holidays
from triangulate.synth.names import FIRST_NAMES, LAST_NAMES

from . import codes

NEVER = 10**7  # a day number far after any extract date: "has not happened"
EPOCH = date(1970, 1, 1)
YEAR = 365.25


def day(d):
    return (d - EPOCH).days


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

    def add(self, rng, dob, male_share=None, uasc=None, ethnicity=None, locality_weights=None):
        """locality_weights: share of these children in each locality (index = locality key modulo the
        number of localities); default: any locality alike."""
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
        if locality_weights is not None:
            count = len(locality_weights)
            part["locality"] += rng.choice(count, size=n, p=locality_weights) - part["locality"] % count
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
    """Teams by type and generated workers per team; allocates children to teams and workers.

    Team names are kept in name order, so the same teams allocate children the same way whichever order
    they are given in (default_teams(), or the demo council's database); a child's locality is its
    locality key modulo the number of localities (the assessment teams)."""

    def __init__(self, rng, teams=None, workers=None, localities=4):
        self.teams = {k: sorted(v) for k, v in (teams or default_teams()).items() if v}
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

    def locality_labels(self):
        """Each locality's name as its assessment team spells it: the words of that team's name that are not
        in every assessment team's name ("Assessment West" -> "West")."""
        names = self.teams.get("assessment", [])
        if len(names) != self.localities:
            return [""] * self.localities
        common = set.intersection(*(set(n.split()) for n in names))
        return [" ".join(w for w in n.split() if w not in common) for n in names]

    def _shared_team_index(self, names):
        """For teams fewer than the localities (children in care for two localities each...): the team for
        each locality, the one whose name names that locality ("Children in Care East and West" takes East
        and West) where exactly one does, else by position."""
        out = []
        for i, label in enumerate(self.locality_labels()):
            hits = [k for k, name in enumerate(names) if label and re.search(rf"\b{re.escape(label)}\b", name)]
            out.append(hits[0] if len(hits) == 1 else (i * len(names)) // self.localities)
        return np.array(out, dtype=np.int64)

    def serving(self, locality_index):
        """Names of the teams that take children of one locality (wholly or with other localities)."""
        keys = np.arange(locality_index, locality_index + self.localities * 7 * 64, self.localities)
        return {str(name) for type_ in self.teams for name in self.allocate(type_, keys)[0]}

    def allocate(self, type_, locality, salt=0):
        """Team and worker names (object arrays) for children of a given locality key."""
        names = self.team_names(type_)
        loc = locality % self.localities
        rest = locality // self.localities  # the rest of the key, independent of the locality: team and worker
        per = max(1, len(names) // self.localities) if len(names) >= self.localities else 1
        if len(names) >= self.localities:
            t = loc * (len(names) // self.localities) + (rest + salt) % per
        else:
            t = self._shared_team_index(names)[loc]
        t = np.minimum(t, len(names) - 1)
        team = np.array(names, dtype=object)[t]
        worker = np.empty(len(t), dtype=object)
        for i, name in enumerate(names):
            sel = t == i
            pool = np.array(self.workers[name], dtype=object)
            worker[sel] = pool[(rest[sel] // per + salt * 7) % len(pool)]
        return team, worker
