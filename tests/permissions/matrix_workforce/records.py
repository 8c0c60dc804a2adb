"""The workforce records the matrix's issue-13 rows name (docs/design/workforce.md §7). Each slice adds the records its
rows need in its own function below, called from add_workforce_records, with kinds starting "workforce_" (per side:
"own" is the matrix's own team, "other" the other team's)."""


def add_workforce_records(world, out):
    add_caseload_records(world, out)
    return out


def add_caseload_records(world, out):
    """W1: the matrix's published upload gets a caseload snapshot with a worker in each team (matched by name)."""
    from triangulate.workforce.extract_hooks import Derived, store

    store(out["own"]["upload"], Derived(cases=[
        ("A", "cin", world.own_worker.full_name, world.own.name, False, False, False, False),
        ("B", "cla", world.other_worker.full_name, world.other.name, True, False, None, False),
        ("C", "cp", "", world.own.name, False, False, False, False),
    ]))
