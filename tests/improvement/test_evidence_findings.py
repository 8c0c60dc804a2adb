"""improvement's findings and actions as a pack's source (docs/design/improvement.md §4.3, §5, §2.2), on a
hand-worked table. Voice of the child, council-wide, the 12 months to today:

  finding  kind                  source          team    found        in scope
  F1       strength              case file audit own     today − 30   yes
  F2       area for development  practice week   other   today − 10   yes (its action A1 is high priority)
  F3       area for development  case file audit own     today − 400  no (before the period)
  F4       strength              case file audit own     today − 5    no (recording)

  action  team   status       due          milestone                state
  A1      other  in progress  today − 3                             overdue
  A2      own    not started  today + 7                             at risk (due within 14 days, not started)
  A3      own    in progress  today + 60   due today − 1, not done  at risk
  A4      own    in progress  today + 60                            on track
  A5      own    complete     today − 20                            complete
  A6      own    complete     today − 500                           left out (closed, due before the period)
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from triangulate.core.roles import Role
from triangulate.improvement.evidence import registry
from triangulate.improvement.evidence.findings import FindingsEvidence
from triangulate.improvement.evidence.registry import Row, Scope
from triangulate.improvement.models import Action, Finding, Source

from ..factories import theme
from .factories import MilestoneFactory

TODAY = timezone.localdate()


def day(offset):
    return TODAY + timedelta(days=offset)


@pytest.fixture
def table(world):
    qa = world.users[Role.QA_LEAD]
    voice = theme("voice-of-the-child")

    def finding(kind, source, team, offset, on=voice):
        return Finding.objects.create(kind=kind, text="Words of the finding", theme=on, team=team, source=source,
                                      found_on=day(offset), recorded_by=qa)

    def action(title, team, status, offset, **fields):
        return Action.objects.create(title=title, rationale="Because", priority=fields.pop("priority", "medium"),
                                     owner=qa, due_date=day(offset), theme=voice, team=team, status=status,
                                     created_by=qa, **fields)

    world.f1 = finding("strength", Source.CASE_AUDIT, world.own, -30)
    world.f2 = finding("area_for_development", Source.PRACTICE_WEEK, world.other, -10)
    finding("area_for_development", Source.CASE_AUDIT, world.own, -400)
    finding("strength", Source.CASE_AUDIT, world.own, -5, on=theme("recording"))
    world.a1 = action("Visit every child alone", world.other, "in_progress", -3, finding=world.f2, priority="high")
    action("Train on direct work", world.own, "not_started", 7)
    MilestoneFactory(action=action("Audit the new plans", world.own, "in_progress", 60), due_on=day(-1))
    action("Review the child's plan template", world.own, "in_progress", 60)
    action("Start the participation group", world.own, "complete", -20, evidence="Minutes of the first meeting")
    action("An old action", world.own, "complete", -500, evidence="Done")
    return world


def scope(teams=None):
    return Scope(themes=(theme("voice-of-the-child"),), teams=teams, start=day(-365), end=TODAY)


def test_the_provider_is_registered_from_the_improvement_app():
    assert "findings" in [p.key for p in registry.providers()]


def test_the_block_lists_findings_by_kind_and_source_and_actions_by_state_without_a_verdict(table):
    block = FindingsEvidence().block(scope(), table.users[Role.QA_LEAD])
    assert (block.verdict, block.basis) == ("none", "2 findings; 4 actions open, 1 overdue")
    assert block.rows == (
        Row("Strengths found", "1", detail="Case file audit 1"),
        Row("Areas for development found", "1", detail="Practice week or day 1"),
        # the findings themselves, newest first
        Row("Words of the finding", "Area for development", f"/improvement/findings/{table.f2.pk}/",
            f"Practice week or day, Children in Care South, {day(-10):%-d %B %Y}"),
        Row("Words of the finding", "Strength", f"/improvement/findings/{table.f1.pk}/",
            f"Case file audit, Safeguarding North 1, {day(-30):%-d %B %Y}"),
        Row("Actions: overdue", "1"),
        Row("Actions: at risk", "2"),
        Row("Actions: on track", "1"),
        Row("Actions: complete", "1"),
        Row("Actions: cancelled", "0"),
        Row("Overdue: Visit every child alone", f"due {TODAY - timedelta(days=3):%-d %B %Y}",
            f"/improvement/actions/{table.a1.pk}/", "Children in Care South"),
    )


def test_a_team_manager_sees_only_what_they_may_see(table):
    block = FindingsEvidence().block(scope(), table.users[Role.TEAM_MANAGER])
    assert block.basis == "1 finding; 3 actions open, 0 overdue"


def test_a_teams_pack_keeps_to_the_team(table):
    block = FindingsEvidence().block(scope((table.other,)), table.users[Role.QA_LEAD])
    assert block.basis == "1 finding; 1 action open, 1 overdue"


def test_signals_one_per_finding_weighing_2_when_an_action_from_it_is_high_priority(table):
    found = FindingsEvidence().signals(scope())
    assert [(s.kind, s.team, s.weight, s.on, s.extra["finding"]) for s in found] == [
        ("strength", "Safeguarding North 1", 1, day(-30), table.f1.pk),
        ("area_for_development", "Children in Care South", 2, day(-10), table.f2.pk),
    ]
    assert found[1].text == "Practice week or day: area for development on voice of the child"
