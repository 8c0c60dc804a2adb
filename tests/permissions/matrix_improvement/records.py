"""The improvement records the matrix's issue-12 rows name (docs/design/improvement.md §8). Each slice adds the
records its rows need in its own function below, called from add_improvement_records, with kinds starting
"improvement_" (per side: "own" is the matrix's own team, "other" the other team's)."""


def add_improvement_records(world, out):
    return out
