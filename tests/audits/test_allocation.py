"""§4.3's example, by hand: ann is in North 1, bob in South 2, cat in no case team; capacity ⌈10/3⌉ = 4."""

from triangulate.audits.services.allocation import Auditor, Entry, allocate, entry_order

NORTH, SOUTH, WEST = 1, 2, 3
SAMPLE = [  # the §4.1 sample, in the order drawn
    Entry("A02", NORTH, "North 1", "cin", 1), Entry("A11", NORTH, "North 1", "cin", 2),
    Entry("A09", NORTH, "North 1", "cp", 1), Entry("A10", NORTH, "North 1", "cla", 1),
    Entry("B04", SOUTH, "South 2", "cin", 1), Entry("B05", SOUTH, "South 2", "cp", 1),
    Entry("B06", SOUTH, "South 2", "cla", 1), Entry("B03", SOUTH, "South 2", "care_leaver", 1),
    Entry("C01", WEST, "West 1", "cin", 1), Entry("C02", WEST, "West 1", "cp", 2),
]
ANN = Auditor("ann", "ann", frozenset({NORTH}))
BOB = Auditor("bob", "bob", frozenset({SOUTH}))
CAT = Auditor("cat", "cat")


def by_auditor(allocation):
    result = {}
    for entry, auditor in allocation.assigned.items():
        result.setdefault(auditor, []).append(entry)
    return result


def test_the_worked_example():
    allocation = allocate(list(reversed(SAMPLE)), [CAT, BOB, ANN])
    assert by_auditor(allocation) == {"ann": ["B04", "B05", "B03", "C02"], "bob": ["A02", "A09", "C01"],
                                      "cat": ["A11", "A10", "B06"]}
    assert allocation.capacity == {"ann": 4, "bob": 4, "cat": 4}
    assert allocation.unallocated == []


def test_entries_go_by_team_name_then_fixed_type_order_then_position():
    assert [e.key for e in entry_order(reversed(SAMPLE))] == [e.key for e in SAMPLE]


def test_own_team_allowed_lets_ann_take_north_1():
    allocation = allocate(SAMPLE, [ANN, BOB, CAT], allow_own_team=True)
    assert allocation.assigned["A02"] == "ann"  # all tie at 0: username


def test_an_auditor_never_gets_their_own_case():
    mine = Entry("Z1", WEST, "West 1", "cin", 1, worker_id=99)
    allocation = allocate([mine], [Auditor("ann", "ann", staff_id=99), CAT])
    assert allocation.assigned == {"Z1": "cat"}


def test_capacity_is_respected_and_the_rest_is_listed():
    allocation = allocate(SAMPLE[:4], [Auditor("bob", "bob", frozenset({SOUTH}), capacity=1), ANN])
    assert allocation.assigned == {"A02": "bob"}
    assert allocation.unallocated == ["A11", "A09", "A10"]  # ann is conflicted on North 1, bob full


def test_no_auditors_leaves_everything_unallocated():
    assert allocate(SAMPLE[:2], []).unallocated == ["A02", "A11"]
