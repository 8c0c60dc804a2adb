"""The workforce records the matrix's issue-13 rows name (docs/design/workforce.md §7). Each slice adds the records its
rows need in its own function below, called from add_workforce_records, with kinds starting "workforce_" (per side:
"own" is the matrix's own team, "other" the other team's)."""


def add_workforce_records(world, out):
    return out
