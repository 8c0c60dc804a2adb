"""The practice evidence provider for improvement's packs (docs/design/improvement.md §4.3, §5), on a hand-worked
week. Voice of the child, handed-in observations of the week of 2–6 February 2026:

  team                     entries on voice of the child     P   D   felt supported
  Safeguarding North 1     strength                          P       yes
  Children in Care South   area for development                  D   no
  Adoption Team            strength, area for development    P   D   not asked
→ teams with a strength 2, with either 3: 2 of 3 (exactly 2/3) → positive; 1 of 2 teams asked felt supported.
Not counted: a draft observation's area (Safeguarding North 1), a strength on recording (another theme), a week that
ended before the period. Quotes: a child who agreed (kept), a parent who did not and a member of staff (left out).
"""

from dataclasses import replace
from datetime import date

import pytest

from triangulate.core.roles import Role
from triangulate.improvement.evidence import registry
from triangulate.improvement.evidence.registry import Row, Scope
from triangulate.practice.evidence import PracticeEvidence
from triangulate.practice.models import EventTeam, Observation

from ..factories import TeamFactory, theme
from .factories import (
    EventHeadingFactory,
    EventTeamFactory,
    ObservationEntryFactory,
    ObservationFactory,
    PracticeEventFactory,
    VisitFactory,
)

START, END = date(2025, 12, 1), date(2026, 11, 30)
CHILD = "I liked that she came to see me at school."


def observe(event, team, felt="", state=Observation.State.HANDED_IN):
    event_team = (EventTeam.objects.filter(event=event, team=team).first()
                  or EventTeamFactory(event=event, team=team))
    return ObservationFactory(visit=VisitFactory(event=event, event_team=event_team), state=state,
                              felt_supported=felt)


@pytest.fixture
def week(world):
    adoption = TeamFactory(name="Adoption Team")
    event = PracticeEventFactory(council=world.own.council, title="February practice week")
    heading = EventHeadingFactory(event=event, title="What we saw")
    voice = theme("voice-of-the-child")

    def entry(observation, kind, text, on=voice, **fields):
        return ObservationEntryFactory(observation=observation, heading=heading, kind=kind, theme=on, text=text,
                                       **fields)

    own = observe(event, world.own, felt="yes")
    entry(own, "strength", "Direct work with the child was creative and well recorded")
    entry(own, "quote", CHILD, quote_by="child", may_quote=True)
    entry(own, "quote", "She never listens to us.", quote_by="parent_carer", may_quote=False)
    entry(own, "quote", "We plan the visit around school.", quote_by="staff")
    other = observe(event, world.other, felt="no")
    entry(other, "area_for_development", "Children's wishes were not recorded")
    entry(other, "strength", "Chronologies are current", on=theme("recording"))
    third = observe(event, adoption)
    entry(third, "strength", "Life story work was begun early")
    entry(third, "area_for_development", "The child's views were not in the plan")
    entry(observe(event, world.own, state=Observation.State.DRAFT), "area_for_development", "A draft's words")
    earlier = PracticeEventFactory(council=world.own.council, starts_on=date(2025, 11, 3), ends_on=date(2025, 11, 7))
    ObservationEntryFactory(observation=observe(earlier, world.own), heading=EventHeadingFactory(event=earlier),
                            kind="area_for_development", theme=voice)
    world.adoption, world.event = adoption, event
    return world


def scope(teams=None):
    return Scope(themes=(theme("voice-of-the-child"),), teams=teams, start=START, end=END)


def test_the_provider_is_registered_from_the_practice_app():
    assert "practice" in [p.key for p in registry.providers()]


def test_council_wide_two_of_three_teams_had_a_strength(week):
    block = PracticeEvidence().block(scope(), week.users[Role.QA_LEAD])
    assert (block.verdict, block.basis) == ("positive", "2 of 3 teams observed on voice of the child had a strength")
    analysis = f"/practice/{week.event.pk}/analysis/"
    assert block.rows == (
        Row("Teams with a strength", "2", detail="Adoption Team, Safeguarding North 1"),
        Row("Teams with an area for development", "2", detail="Adoption Team, Children in Care South"),
        Row("Felt supported", "1 of 2 teams asked said they felt supported"),
        # practice §6.3: one entry a team, teams by their entries in the group (one each), then by name
        Row("Strength: Voice of the child", "Life story work was begun early", analysis, "Adoption Team"),
        Row("Strength: Voice of the child", "Direct work with the child was creative and well recorded", analysis,
            "Safeguarding North 1"),
        Row("Area for development: Voice of the child", "The child's views were not in the plan", analysis,
            "Adoption Team"),
        Row("Area for development: Voice of the child", "Children's wishes were not recorded", analysis,
            "Children in Care South"),
    )
    assert block.quotes == (CHILD,)


def test_a_teams_pack_counts_that_team_alone(week):
    block = PracticeEvidence().block(scope((week.other,)), week.users[Role.QA_LEAD])
    assert (block.verdict, block.basis) == ("negative", "0 of 1 team observed on voice of the child had a strength")


def test_a_reader_who_may_not_see_the_analysis_gets_the_counts_without_the_words(week):
    block = PracticeEvidence().block(scope(), week.users[Role.PRACTITIONER])
    assert block.verdict == "positive"
    assert [r.label for r in block.rows] == ["Teams with a strength", "Teams with an area for development",
                                             "Felt supported"]
    assert block.quotes == ()


def test_an_elected_member_gets_no_verdict_from_counts_they_are_not_shown(week):
    block = PracticeEvidence().block(scope(), week.users[Role.ELECTED_MEMBER])
    assert block.verdict == "none"
    assert [r.figure for r in block.rows] == ["fewer than 6", "fewer than 6", "suppressed to protect small numbers"]
    assert all(r.detail == "" for r in block.rows)


def test_a_period_without_an_event_has_no_verdict(week):
    block = PracticeEvidence().block(Scope((theme("voice-of-the-child"),), None, date(2027, 1, 1),
                                           date(2027, 3, 31)), week.users[Role.QA_LEAD])
    assert (block.verdict, block.note) == ("none", "No practice week or day ended in the period.")


def test_signals_one_per_team_with_a_strength_and_one_per_team_with_an_area(week):
    found = PracticeEvidence().signals(scope())
    assert [(s.kind, s.team, s.on, s.weight) for s in found] == [
        ("strength", "Adoption Team", date(2026, 2, 6), 1),
        ("strength", "Safeguarding North 1", date(2026, 2, 6), 1),
        ("area_for_development", "Adoption Team", date(2026, 2, 6), 1),
        ("area_for_development", "Children in Care South", date(2026, 2, 6), 1),
    ]
    assert found[0].text == "February practice week: a strength on voice of the child"


def test_a_copy_for_a_wide_audience_is_controlled_for_the_qa_lead_as_for_an_elected_member(week):
    lead = PracticeEvidence().block(replace(scope(), wide=True), week.users[Role.QA_LEAD])
    assert lead == PracticeEvidence().block(scope(), week.users[Role.ELECTED_MEMBER])
    assert [r.figure for r in lead.rows] == ["fewer than 6", "fewer than 6", "suppressed to protect small numbers"]
    assert lead.quotes == ()
