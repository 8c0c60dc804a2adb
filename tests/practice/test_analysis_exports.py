"""The analysis and comparison downloads open in LibreOffice (design §7.3): each workbook, downloaded through the
test client, is converted by LibreOffice Calc to CSV per sheet as tests/performance/test_exports_open_in_libreoffice
does, and the §6.2 figures appear. The "Entries" sheet is for organisers, QA, PW and inspectors only, and never
holds a child id."""

import pytest
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.practice.models import PracticeEvent

from ..factories import TeamFactory, make_user, theme
from ..performance.test_exports_open_in_libreoffice import convert, download
from .analysis_example import build_example, build_week
from .factories import ObservationEntryFactory

pytestmark = pytest.mark.django_db
VOICE, S, A = "voice-of-the-child", "strength", "area_for_development"


def rows(sheet):
    return [list(map(str, row)) for row in sheet]


def test_the_analysis_workbook(client_for, tmp_path):
    example = build_example()
    ObservationEntryFactory(observation=example.observations["O3"], heading=example.event.headings.get(number=2),
                            kind="exemplar", theme=theme("voice-of-the-child"), child_ref="A07123",
                            text="=SUM(1,2) direct work changed the plan")
    address = reverse("practice:analysis", args=[example.event.pk])
    organiser = download(client_for(example.organiser), tmp_path, "organiser", address, "xlsx")
    manager = make_user(Role.SENIOR_LEADER)  # reads the analysis, not every entry (not an organiser)
    leader = download(client_for(manager), tmp_path, "leader", address, "xlsx")
    sheets = convert(tmp_path, [organiser, leader])
    assert {name for stem, name in sheets if stem == "organiser"} == {"By theme", "Theme by team", "Felt supported",
                                                                     "Entries"}
    assert {name for stem, name in sheets if stem == "leader"} == {"By theme", "Theme by team", "Felt supported"}

    by_theme = rows(sheets[("organiser", "By theme")])
    assert by_theme[0] == ["Theme", "Teams with a strength", "Teams with an area for development", "Teams observed",
                           "Strength %", "Area for development %"]
    assert ["Workforce and caseloads", "0", "2", "3", "0", "67"] in by_theme
    assert ["Voice of the child", "2", "1", "3", "67", "33"] in by_theme
    assert ["Leadership", "2", "0", "3", "67", "0"] in by_theme
    assert not sheets[("organiser", "By theme")][1][1].quoted  # numbers as numbers

    by_team = rows(sheets[("organiser", "Theme by team")])
    assert by_team[0] == ["Heading", "Theme", "Safeguarding North 1", "Safeguarding South 2", "Safeguarding West 1",
                          "Teams with a strength", "Teams with an area for development"]
    assert ["Leadership", "Workforce and caseloads", "", "A 1", "A 2", "0", "2"] in by_team
    assert ["The voice of the child", "Voice of the child", "", "S 1", "S 1 · A 1 · E 1", "2", "1"] in by_team

    supported = rows(sheets[("organiser", "Felt supported")])
    assert supported == [["Team", "Felt supported"], ["Safeguarding North 1", "Not asked"],
                         ["Safeguarding South 2", "Supported"], ["Safeguarding West 1", "Mixed"],
                         ["All teams asked", "1 of 2 teams asked said they felt supported"]]

    entries = rows(sheets[("organiser", "Entries")])
    assert entries[0] == ["Heading", "Kind", "Theme", "Team", "Text"]
    assert ["Leadership", "Area for development", "Workforce and caseloads", "Safeguarding West 1",
            "Senior practitioner carries a full caseload and cannot supervise"] in entries
    assert ["The voice of the child", "Case example", "Voice of the child", "Safeguarding West 1",
            "'=SUM(1,2) direct work changed the plan"] in entries  # not run: core/exports.py's ' prefix
    assert len(entries) == 1 + 12  # e1–e9, e11, e12 and the exemplar; not e10 (draft) or e13 (removed)
    everything = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "converted").glob("*.csv"))
    assert "A07123" not in everything and "Assessor" not in everything


def test_the_comparison_workbook(client_for, tmp_path):
    organiser = make_user(Role.QA_LEAD)
    t = [TeamFactory(name="T1")]
    t += [TeamFactory(council=t[0].council, name=f"T{i}") for i in range(2, 5)]
    b = build_week(council=t[0].council, organiser=organiser, teams=t[:3], answers=["yes", "yes", "no"],
                   entries=[(0, S, VOICE), (1, A, VOICE), (2, A, VOICE)], status=PracticeEvent.Status.COMPLETE)
    c = build_week(council=t[0].council, organiser=organiser, teams=t, answers=["yes", "yes", "yes", "mixed"],
                   entries=[(0, S, VOICE), (1, S, VOICE), (3, S, VOICE), (2, A, VOICE)], benchmark=b)
    address = reverse("practice:comparison", args=[c.pk])
    files = [download(client_for(organiser), tmp_path, "organiser", address, "xlsx"),
             download(client_for(make_user(Role.ELECTED_MEMBER)), tmp_path, "member", address, "xlsx")]
    sheets = convert(tmp_path, files)
    table = rows(sheets[("organiser", "Comparison")])
    assert table[0] == ["Theme", "Teams", "Benchmark strength %", "Benchmark development %", "This week strength %",
                        "This week development %", "Change in strength", "Change in development", "Direction"]
    assert table[1:] == [
        ["Voice of the child", "Teams in both", "33", "67", "67", "33", "34", "-34", "Better"],
        ["Voice of the child", "All teams", "33", "67", "75", "25", "42", "-42", "Better"],
        ["Felt supported (of teams asked)", "All teams", "67", "", "75", "", "8", "", "Better"],
        ["Felt supported (of teams asked)", "Teams in both", "67", "", "100", "", "33", "", "Better"],
    ]
    member = rows(sheets[("member", "Comparison")])
    assert [row[1] for row in member[1:]] == ["All teams", "All teams"]
