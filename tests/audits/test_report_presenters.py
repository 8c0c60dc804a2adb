"""Disclosure control on §6's worked example (presenters.py): an elected member sees "11 planned" and nothing else,
because the complement of completion is 1; other readers see every figure."""

from triangulate.audits.presenters import COMPLETED_HIDDEN, Audience, one_decimal, present, summary_rows

from .test_figures import example

CONTROLLED = Audience(controlled=True, may_read_words=False, per_auditor=False)
OPEN = Audience(controlled=False, may_read_words=True, per_auditor=True)


def test_an_elected_member_sees_eleven_planned_and_nothing_else():
    view = present(example(), CONTROLLED)
    assert view["planned"] == 11
    numbers = [row[4] for row in summary_rows(view)]
    assert all(n is None or n == 0 for n in numbers), numbers  # only true zeros (none found for transfer)
    shown = {s.label: s for s in view["summary"]}
    assert shown["Good or better"].reason == COMPLETED_HIDDEN
    assert shown["Completed of planned"].of == "of 11"
    assert view["quotes"] == [] and view["auditors"] == []
    assert all(t["examples"] == [] for t in view["themes"])


def test_completed_hidden_hides_every_figure_on_the_completed_count():
    view = present(example(), CONTROLLED)
    for group in ("grades", "found_for"):
        assert all(s.hidden and s.reason == COMPLETED_HIDDEN for s in view[group])


def test_other_readers_see_the_figures_with_one_decimal_for_excel():
    view = present(example(), OPEN)
    shown = {s.label: s for s in view["summary"]}
    assert (shown["Completed of planned"].value, shown["Completed of planned"].number) == ("91%", 90.9)
    assert shown["Families who said the social worker made a positive difference"].value == "67%"
    assert view["quotes"] == ["She listened."]
    assert [name for name, _ in view["auditors"]] == ["ann", "bob", "cat"]


def test_one_decimal_rounds_half_up():
    assert one_decimal(1, 8) == 12.5
    assert one_decimal(1, 16) == 6.3  # 6.25
    assert one_decimal(0, 0) is None
