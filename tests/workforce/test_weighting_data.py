"""weighting_data.py on real rows: workers placed in teams, overrides applied, each team's totals (design §3)."""

from datetime import date
from decimal import Decimal as D

from triangulate.core.roles import Role
from triangulate.datasets.models import Upload
from triangulate.workforce import weighting_data as data
from triangulate.workforce.models import AllocatedCase, CaseloadSnapshot
from triangulate.workforce.services import weighting as services

from ..factories import StaffFactory, add_to_team


def snapshot_with(world, rows, status=Upload.Status.SUCCEEDED, on=date(2026, 3, 31)):
    upload = Upload.objects.create(council=world.own.council, extract_date=on, original_name="x.xlsx", status=status)
    snapshot = CaseloadSnapshot.objects.create(upload=upload, council=world.own.council, as_at=on)
    for child, kind, worker, team, flags in rows:
        AllocatedCase.objects.create(snapshot=snapshot, child_ref=child, kind=kind, worker=worker, team=team,
                                     **{f: flags.get(f, False) for f in data.CASE_FLAGS})
    return snapshot


def test_workers_are_placed_and_weighed(world):
    # Olive Own (own team, social worker 1.0 FTE: capacity 40): C1 cp+court (4), C2 cin and cla (2, missing
    # unknown) -> 6 = 15%. "ANON LOCUM" unmatched, extract team = the other team's name: no capacity.
    part = StaffFactory(first_name="Pat", last_name="Part", role="senior_practitioner", fte=D("0.5"))
    add_to_team(part, world.own)
    snapshot = snapshot_with(world, [
        ("C1", "cp", "Olive Own", "x", {"court": True}),
        ("C2", "cin", "olive  own", "x", {}),
        ("C2", "cla", "Olive Own", "x", {"missing": None}),
        ("C3", "cla", "ANON LOCUM", world.other.name, {}),
        ("C4", "cp", "Pat Part", "", {}),
        ("C5", "cp", "", "", {}),  # unallocated: nobody's load
    ])
    workers = {x.name: x for x in data.workers_on(world.own.council, snapshot)}
    assert set(workers) == {"Olive Own", "ANON LOCUM", "Pat Part"}
    olive = workers["Olive Own"]
    assert olive.team == world.own and olive.loading.load == D("6") and olive.loading.percent == D("15.0")
    assert olive.loading.unknown == ["missing"]
    locum = workers["ANON LOCUM"]
    assert locum.team == world.other and locum.loading.percent is None and locum.loading.reason
    assert workers["Pat Part"].loading.capacity.points == D("18")  # 36 × 0.5


def test_an_override_replaces_a_childs_points_and_the_team_totals_add_up(world):
    snapshot = snapshot_with(world, [("C1", "cp", "Olive Own", "", {}), ("C2", "cla", "Otto Other", "", {})])
    services.set_override(actor=world.users[Role.TEAM_MANAGER], team=world.own, child_ref="C1",
                          worker_key="olive own", points=D("36"), reason="Complex")
    totals = {t.team: t for t in data.team_totals(world.own.council, snapshot=snapshot)}
    own = totals[world.own]
    assert (own.load, own.capacity, own.percent, own.band) == (D("36"), D("40"), D("90.0"), "amber")
    assert own.bands == {"green": 0, "amber": 1, "red": 0}
    assert totals[world.other].percent == D("5.0")  # 2 / 40
    assert data.team_totals(world.own.council, team_ids={world.own.pk}, snapshot=snapshot)[0].team == world.own


def test_the_latest_published_snapshot_is_read(world):
    published = snapshot_with(world, [], on=date(2026, 1, 31))
    snapshot_with(world, [], status=Upload.Status.HELD, on=date(2026, 2, 28))
    assert data.latest_snapshot(world.own.council) == published


def test_a_sibling_group_lightens_each_of_its_children(world):
    # Olive's two cp children of one family: (2.5 − 0.5) × 2 = 4; her third child, cin alone, 1.5 -> 5.5 of 40
    snapshot = snapshot_with(world, [("S1", "cp", "Olive Own", "", {"sibling": True}),
                                     ("S2", "cp", "Olive Own", "", {"sibling": True}),
                                     ("S3", "cin", "Olive Own", "", {})])
    olive = {x.name: x for x in data.workers_on(world.own.council, snapshot)}["Olive Own"]
    assert olive.loading.load == D("5.5") and olive.loading.percent == D("13.8")  # 13.75, half up
