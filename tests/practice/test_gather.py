"""gather.event_records turns an event's models into the analysis's plain records (design §6.1): the §6.2 worked
example built with the factories (tests/practice/analysis_example.py) gives the design's numbers."""

import pytest

from triangulate.practice import gather
from triangulate.practice.analysis.counts import by_theme, cells, cohort, felt_supported, heard_directly
from triangulate.practice.analysis.representative import representative
from triangulate.practice.models import Observation

from .analysis_example import LEADERSHIP, build_example

pytestmark = pytest.mark.django_db


@pytest.fixture
def example():
    return build_example()


def test_only_handed_in_observations_are_read(example):
    records = gather.event_records(example.event)
    o = example.observations
    assert [r.id for r in records.observations] == sorted(o[k].pk for k in ("O1", "O2", "O3", "O5"))
    e = example.entries
    assert e["e10"].pk not in {r.id for r in records.entries}  # on the draft: out of the analysis
    removed = next(r for r in records.entries if r.id == e["e13"].pk)
    assert removed.removed  # a tombstone, left out by counts.cohort
    assert [d.pk for d in gather.drafts(example.event)] == [o["O4"].pk]  # A7, listed apart


def test_records_carry_what_the_counts_need(example):
    records = gather.event_records(example.event)
    o1 = next(r for r in records.observations if r.id == example.observations["O1"].pk)
    assert (o1.team_id, o1.team_name, o1.state, o1.felt_supported, o1.heard_from) == (
        example.teams["South 2"].pk, "Safeguarding South 2", "handed_in", "yes", frozenset({"child"}))
    e5 = next(r for r in records.entries if r.id == example.entries["e5"].pk)
    assert (e5.heading, e5.kind, e5.theme) == (example.event.headings.get(number=LEADERSHIP).pk,
                                               "area_for_development", "workforce-and-caseloads")
    assert [h.number for h in records.headings] == [1, 2, 3, 4]
    assert records.theme_names["voice-of-the-child"] == "Voice of the child"


def test_the_worked_example_gives_the_designs_figures(example):
    records = gather.event_records(example.event)
    c = cohort(records.observations, records.entries)
    assert c.teams_observed == 3
    shown = {theme: (count.positive.text, count.development.text) for theme, count in by_theme(c).items()}
    assert shown == {
        "leadership": ("2 of 3 (67%)", "0 of 3 (0%)"),
        "management-oversight-and-supervision": ("0 of 3 (0%)", "1 of 3 (33%)"),
        "multi-agency-working": ("1 of 3 (33%)", "0 of 3 (0%)"),
        "parent-and-carer-experience": ("1 of 3 (33%)", "0 of 3 (0%)"),
        "voice-of-the-child": ("2 of 3 (67%)", "1 of 3 (33%)"),
        "workforce-and-caseloads": ("0 of 3 (0%)", "2 of 3 (67%)"),
    }
    leadership = example.event.headings.get(number=LEADERSHIP).pk
    a1 = {key: cell.text for key, cell in cells(c).items()}
    assert a1[(leadership, "workforce-and-caseloads", example.teams["South 2"].pk)] == "A 1"
    assert a1[(leadership, "workforce-and-caseloads", example.teams["West 1"].pk)] == "A 2"
    assert felt_supported(c).text == "1 of 2 teams asked said they felt supported"
    heard = heard_directly(c)
    assert (heard.child.text, heard.parent_carer.text) == ("2 of 4 (50%)", "2 of 4 (50%)")
    e = example.entries
    group = representative(c)[(leadership, "workforce-and-caseloads", "area_for_development")]
    assert [x.id for x in group] == [e["e5"].pk, e["e2"].pk]


def test_a_returned_observation_leaves_the_analysis(example):
    Observation.objects.filter(pk=example.observations["O5"].pk).update(state=Observation.State.DRAFT)
    records = gather.event_records(example.event)
    c = cohort(records.observations, records.entries)
    assert c.teams_observed == 2  # North 1 has no handed-in observation now
    assert by_theme(c)["leadership"].positive.text == "1 of 2 (50%)"
