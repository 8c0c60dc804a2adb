"""The workforce records the matrix's issue-13 rows name (docs/design/workforce.md §7). Each slice adds the records its
rows need in its own function below, called from add_workforce_records, with kinds starting "workforce_" (per side:
"own" is the matrix's own team, "other" the other team's)."""


def add_workforce_records(world, out):
    add_weighting_records(world, out)
    add_caseload_records(world, out)
    add_health_records(world, out)
    return out


def add_weighting_records(world, out):
    """W2: a published extract's caseload snapshot with one case for each side's worker (the pages' "staff" and
    "team" are the matrix's own), so the worker pages and the heat map have something to show."""
    from datetime import date

    from triangulate.datasets.models import Upload
    from triangulate.workforce.models import AllocatedCase, CaseloadSnapshot

    upload = Upload.objects.create(council=world.own.council, extract_date=date(2025, 3, 31),
                                   original_name="weighting.xlsx", status=Upload.Status.SUCCEEDED)
    snapshot = CaseloadSnapshot.objects.create(upload=upload, council=world.own.council, as_at=upload.extract_date)
    for ref, worker in (("W2-1", world.own_worker), ("W2-2", world.other_worker)):
        AllocatedCase.objects.create(snapshot=snapshot, child_ref=ref, kind="cp", worker=worker.full_name,
                                     court=True, missing=None, disability=False, out_of_area=False)


def add_caseload_records(world, out):
    """W1: the matrix's published upload gets a caseload snapshot with a worker in each team (matched by name)."""
    from triangulate.workforce.extract_hooks import Derived, store

    store(out["own"]["upload"], Derived(cases=[
        ("A", "cin", world.own_worker.full_name, world.own.name, False, False, False, False),
        ("B", "cla", world.other_worker.full_name, world.other.name, True, False, None, False),
        ("C", "cp", "", world.own.name, False, False, False, False),
    ]))


class _Token:
    """A health-check link's address holds a token, not a key: one that opens nothing (W4)."""

    url_args = ["x" * 43]
    pk = None


def add_health_records(world, out):
    """W4's (council-wide, the same for both sides): a published check, a closed one with a row of its plan, a draft
    and one of its questions, and a link naming no link."""
    from datetime import date

    from triangulate.core.roles import Role
    from triangulate.workforce.services import health, health_plan

    psw = world.users[Role.PRINCIPAL_SOCIAL_WORKER]
    council = world.own.council

    def made(year, *moves):
        check = health.create_check(actor=psw, council=council, year=year)
        for move in moves:
            check = move(actor=psw, health_check=check)
        return check

    published = made(2024, health.open_check, health.close_check, health.publish_check)
    closed = made(2025, health.open_check, health.close_check)
    draft = made(2026)
    item = health_plan.add_plan_item(actor=psw, health_check=closed, theme="workload", you_said="Too much work.",
                                     we_will="Recruit", owner=psw, due_date=date(2027, 3, 31))
    records = {"workforce_health_published": published, "workforce_health_closed": closed,
               "workforce_health_draft": draft, "workforce_health_question": draft.questions.get(number=1),
               "workforce_health_plan_item": item, "workforce_health_bad_token": _Token()}
    for side in ("own", "other"):
        out[side].update(records)
