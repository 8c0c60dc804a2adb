"""The comparison with the benchmark week (design §6.6, §8.1), on a small hand-worked pair of weeks.

B observed T1, T2, T3 (N 3); C observed T1–T4 (N 4); 3 are in both, so "teams in both" is the headline.
Voice of the child: B strength in T1, development in T2 and T3; C strength in T1, T2 and T4, development in T3.
- all teams: p 1 of 3 (33%) → 3 of 4 (75%), +42; d 2 of 3 (67%) → 1 of 4 (25%), −42: better.
- teams in both: p 33% → 2 of 3 (67%), +34; d 67% → 1 of 3 (33%), −34: better.
Workforce: B development in T1 only; C development in T1 and T2 → all: d 33% → 50%, +17, p 0 → 0: worse;
both: d 33% → 67%, +34: worse.
Felt supported: B yes, yes, no → 2 of 3 (67%); C yes, yes, yes, mixed → 3 of 4 (75%), +8; both: 67% → 3 of 3
(100%), +33."""

import pytest
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.practice.models import PracticeEvent

from ..factories import TeamFactory, make_user
from .analysis_example import build_week
from .page_text import words

pytestmark = pytest.mark.django_db
VOICE, WORKFORCE = "voice-of-the-child", "workforce-and-caseloads"
S, A = "strength", "area_for_development"


@pytest.fixture
def weeks():
    organiser = make_user(Role.QA_LEAD)
    t = [TeamFactory(name=f"T{i}") for i in range(1, 2)]
    t += [TeamFactory(council=t[0].council, name=f"T{i}") for i in range(2, 5)]
    council = t[0].council
    b = build_week(council=council, organiser=organiser, teams=t[:3], answers=["yes", "yes", "no"],
                   entries=[(0, S, VOICE), (1, A, VOICE), (2, A, VOICE), (0, A, WORKFORCE)],
                   status=PracticeEvent.Status.COMPLETE)
    c = build_week(council=council, organiser=organiser, teams=t, answers=["yes", "yes", "yes", "mixed"],
                   entries=[(0, S, VOICE), (1, S, VOICE), (3, S, VOICE), (2, A, VOICE), (0, A, WORKFORCE),
                            (1, A, WORKFORCE)], benchmark=b)
    return organiser, b, c


def test_the_organiser_sees_both_sets_with_like_for_like_as_the_headline(weeks, client_for):
    organiser, b, c = weeks
    text = words(client_for(organiser).get(reverse("practice:comparison", args=[c.pk])).content)
    assert "3 teams were observed in both weeks: the like-for-like rows (\"Teams in both\") are the headline." in text
    assert ("Voice of the child Teams in both (headline) 1 of 3 (33%) 2 of 3 (67%) +34 2 of 3 (67%) 1 of 3 (33%) "
            "−34 Better") in text
    assert "Voice of the child All teams 1 of 3 (33%) 3 of 4 (75%) +42 2 of 3 (67%) 1 of 4 (25%) −42 Better" in text
    assert "Workforce and caseloads All teams 0 of 3 (0%) 0 of 4 (0%) 0 1 of 3 (33%) 2 of 4 (50%) +17 Worse" in text
    assert "Workforce and caseloads Teams in both (headline) 0 of 3 (0%) 0 of 3 (0%) 0 1 of 3 (33%) 2 of 3 (67%) +34 Worse" \
        in text
    assert "All teams 2 of 3 (67%) 3 of 4 (75%) +8 Better" in text
    assert "Teams in both 2 of 3 (67%) 3 of 3 (100%) +33 Better" in text
    # the headline rows lead each theme
    assert text.index("Voice of the child Teams in both") < text.index("Voice of the child All teams")


def test_an_elected_member_sees_only_the_all_teams_rows(weeks, client_for):
    _, _, c = weeks
    response = client_for(make_user(Role.ELECTED_MEMBER)).get(reverse("practice:comparison", args=[c.pk]))
    assert response.status_code == 200
    text = words(response.content)
    assert "Teams in both" not in text
    assert "Voice of the child All teams 1 of 3 (33%) 3 of 4 (75%) +42 2 of 3 (67%) 1 of 4 (25%) −42 Better" in text
    assert "All teams 2 of 3 (67%) 3 of 4 (75%) +8 Better" in text
    assert "T1" not in text and "T4" not in text  # no team is named


def test_fewer_than_three_common_teams_leaves_all_teams_as_the_headline(client_for):
    organiser = make_user(Role.QA_LEAD)
    t1 = TeamFactory(name="T1")
    t2, t3 = TeamFactory(council=t1.council, name="T2"), TeamFactory(council=t1.council, name="T3")
    b = build_week(council=t1.council, organiser=organiser, teams=[t1, t2], answers=["yes", "no"],
                   entries=[(0, S, VOICE)], status=PracticeEvent.Status.COMPLETE)
    c = build_week(council=t1.council, organiser=organiser, teams=[t1, t3], answers=["yes", "yes"],
                   entries=[(1, S, VOICE)], benchmark=b)
    text = words(client_for(organiser).get(reverse("practice:comparison", args=[c.pk])).content)
    assert "The rows for all teams are the headline: fewer than 3 teams were observed in both weeks." in text
    assert "Voice of the child All teams 1 of 2 (50%) 1 of 2 (50%) 0 0 of 2 (0%) 0 of 2 (0%) 0 Same" in text
    assert "Voice of the child Teams in both 1 of 1 (100%) 0 of 1 (0%) −100" in text


def test_a_week_without_a_benchmark_says_so(weeks, client_for):
    organiser, b, _ = weeks
    response = client_for(organiser).get(reverse("practice:comparison", args=[b.pk]))
    assert "This event has no benchmark week" in words(response.content)
    assert client_for(organiser).get(reverse("practice:comparison", args=[b.pk]), {"format": "xlsx"}).status_code \
        == 200  # the page itself: there is no table to download


def test_who_may_read_it(weeks, client_for):
    _, _, c = weeks
    address = reverse("practice:comparison", args=[c.pk])
    for role, status in ((Role.PRACTITIONER, 403), (Role.TEAM_MANAGER, 403), (Role.AUDITOR, 403),
                         (Role.SENIOR_LEADER, 200), (Role.INSPECTOR, 200), (Role.SYSTEM_ADMIN, 403)):
        assert client_for(make_user(role)).get(address).status_code == status, role
