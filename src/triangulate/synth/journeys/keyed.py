"""Random draws tied to the rows they describe, so an extract cut at any date is consistent with the others.

One simulation gives every child's journey; an extract is then cut from it at each month end. Facts fixed
once they happen (a child's legal route, a placement's provider, an episode's first review date) must read
the same in every extract that shows them, while facts "as at the extract date" (date last seen, the last
visit, missing episodes in the last 12 months) are drawn afresh for each extract. numpy's Generator cannot
do either: its draws depend on how many rows came before. `KeyedRandom` mimics the parts of its API the
builders use, but row i's value depends only on (seed of the row, how many draws the builder made before,
key of row i): a hash (splitmix64), not a stream.
"""

import zlib

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_TOP53 = 1.0 / (1 << 53)


def _mix(x):
    """splitmix64's finaliser, elementwise on uint64 (wrap-around arithmetic is intended)."""
    with np.errstate(over="ignore"):  # numpy warns of wrap-around on scalars only
        x = np.asarray(x, dtype=np.uint64) + _GOLDEN
        x = (x ^ (x >> np.uint64(30))) * _M1
        x = (x ^ (x >> np.uint64(27))) * _M2
        return x ^ (x >> np.uint64(31))


def seed_of(*parts):
    """A 64-bit seed from ints and strings (the same parts give the same seed in every process)."""
    out = np.uint64(0)
    for part in parts:
        value = zlib.crc32(part.encode()) if isinstance(part, str) else int(part) & 0xFFFFFFFFFFFFFFFF
        out = _mix(np.uint64(out) ^ np.uint64(value))
    return np.uint64(out)


def mix_seed(seed, values):
    """One seed per value (an int array), from a seed: seed_of(seed, value) elementwise."""
    with np.errstate(over="ignore"):
        return _mix(np.uint64(seed) ^ np.asarray(values).astype(np.uint64))


class KeyedRandom:
    """Draws for `len(keys)` rows; each draw call takes size = that number of rows.

    seeds: one seed, or one per row (rows closed by an extract date keep the seed of their final state,
    rows still open get the extract's own; see Frame.as_at)."""

    def __init__(self, seeds, keys):
        self.keys = np.asarray(keys).astype(np.uint64)
        self.seeds = np.broadcast_to(np.asarray(seeds, dtype=np.uint64), self.keys.shape)
        self.n = len(self.keys)
        self.calls = 0

    def _u(self, size):
        if size != self.n:
            raise ValueError(f"keyed draws are one per row: size {size} for {self.n} rows")
        self.calls += 1
        with np.errstate(over="ignore"):
            x = _mix(_mix(self.seeds ^ np.uint64(self.calls)) ^ (self.keys * _GOLDEN))
        return (x >> np.uint64(11)).astype(np.float64) * _TOP53

    def random(self, size=None):
        return self._u(size)

    def integers(self, low, high=None, size=None):
        if high is None:
            low, high = 0, low
        low, high = np.asarray(low), np.asarray(high)
        return (low + np.floor(self._u(size) * (high - low))).astype(np.int64)

    def choice(self, a, size=None, p=None, replace=True):
        if not replace:
            raise ValueError("keyed draws are with replacement")
        options = np.arange(a) if np.ndim(a) == 0 else np.asarray(a)
        u = self._u(size)
        if p is None:
            index = np.floor(u * len(options)).astype(np.int64)
        else:
            cumulative = np.cumsum(np.asarray(p, dtype=float))
            index = np.searchsorted(cumulative / cumulative[-1], u, side="right")
        return options[np.minimum(index, len(options) - 1)]

    def exponential(self, scale=1.0, size=None):
        return -np.log1p(-self._u(size)) * scale

    def geometric(self, p, size=None):
        """Trials up to and including the first success (numpy's convention: 1, 2, ...)."""
        return np.maximum(np.ceil(np.log1p(-self._u(size)) / np.log1p(-p)), 1).astype(np.int64)

    def poisson(self, lam=1.0, size=None):
        """By inverting the cumulative distribution (the means used here are small)."""
        u = self._u(size)
        lam = np.broadcast_to(np.asarray(lam, dtype=float), u.shape)
        k = np.zeros(u.shape, dtype=np.int64)
        term = np.exp(-lam)
        total = term.copy()
        for i in range(1, 200):
            more = u > total
            if not more.any():
                break
            k += more
            term = term * lam / i
            total = total + term
        return k
