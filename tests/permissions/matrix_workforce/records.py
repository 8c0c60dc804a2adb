"""The workforce records the matrix's issue-13 rows name (docs/design/workforce.md §7). Each slice adds the records its
rows need in its own function below, called from add_workforce_records, with kinds starting "workforce_" (per side:
"own" is the matrix's own team, "other" the other team's)."""


def add_workforce_records(world, out):
    add_health_records(world, out)
    return out


class _Token:
    """A health-check link's address holds a token, not a key: one that opens nothing (W4)."""

    url_args = ["x" * 43]
    pk = None


def add_health_records(world, out):
    """W4's: a link naming no link."""
    for side in ("own", "other"):
        out[side]["workforce_health_bad_token"] = _Token()
