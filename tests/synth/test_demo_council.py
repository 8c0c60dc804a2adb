from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.improvement.models import Action, Finding
from triangulate.people import selectors
from triangulate.people.models import Council, StaffMember, Team, TeamMembership
from triangulate.synth.demo import generate_demo_council

AS_OF = date(2026, 11, 24)


def snapshot():
    staff = list(StaffMember.objects.order_by("staff_ref").values_list(
        "staff_ref", "first_name", "last_name", "role", "fte", "employment", "start_date", "leave_date"))
    spells = list(TeamMembership.objects.order_by("staff__staff_ref", "start_date").values_list(
        "staff__staff_ref", "team__name", "start_date", "end_date"))
    return staff, spells


def wipe():
    """Delete the council bottom-up (teams are protected while staff spells point at them, and scales while
    tool versions use them)."""
    from triangulate.audits.models import AuditTool, GradeScale, ToolVersion

    ToolVersion.objects.all().delete()
    AuditTool.objects.all().delete()
    GradeScale.objects.all().delete()
    TeamMembership.objects.all().delete()
    StaffMember.objects.all().delete()
    Team.objects.all().delete()
    Council.objects.all().delete()


@pytest.fixture
def demo(db):
    return generate_demo_council(seed=7, as_of=AS_OF)


def test_the_demo_council_has_the_expected_shape(demo):
    assert Team.objects.count() == 25  # four localities at the default 60,000 children
    assert Counter(Team.objects.values_list("team_type", flat=True)) == {
        "locality_safeguarding": 8, "assessment": 4, "other": 3, "children_in_care": 2, "early_help": 2,
        "fostering_adoption": 2, "front_door": 1, "care_leavers": 1, "adolescent": 1, "disabled_children": 1}
    assert 250 <= demo.staff_count <= 350
    assert demo.council.populations.count() == 5
    assert demo.council.statistical_neighbours.count() == 10


def test_the_workforce_looks_like_a_real_council(demo):
    in_post = StaffMember.objects.in_post_on(AS_OF)
    fte = sum(s.fte for s in in_post)
    agency_fte = sum(s.fte for s in in_post if s.employment == "agency")
    establishment = sum(t.establishment_fte for t in Team.objects.all())
    social_workers = in_post.filter(role__in=["social_worker", "asye", "senior_practitioner"]).count()
    assert 0.05 < agency_fte / fte < 0.25  # England: about 18% of children's social workers are agency
    assert 0.03 < (establishment - fte) / establishment < 0.25  # vacancies, counted in FTE
    assert social_workers > in_post.count() / 3
    assert StaffMember.objects.filter(leave_date__isnull=False).count() > 20  # turnover over three years
    assert TeamMembership.objects.filter(end_date__isnull=False, staff__leave_date__isnull=True).exists()  # moves


def test_every_team_has_a_manager_in_post(demo):
    for team in Team.objects.exclude(name__in=["Quality Assurance", "Senior Leadership"]):
        assert StaffMember.objects.in_post_on(AS_OF).filter(
            role="team_manager", memberships__team=team, memberships__end_date__isnull=True).exists(), team.name


def test_the_same_seed_gives_the_same_council(db):
    generate_demo_council(seed=3, as_of=AS_OF, with_accounts=False)
    first = snapshot()
    wipe()
    assert StaffMember.objects.count() == 0
    generate_demo_council(seed=3, as_of=AS_OF, with_accounts=False)
    assert snapshot() == first


def test_a_different_seed_gives_a_different_council(db):
    generate_demo_council(seed=3, as_of=AS_OF, with_accounts=False)
    first = snapshot()
    wipe()
    generate_demo_council(seed=4, as_of=AS_OF, with_accounts=False)
    assert snapshot() != first


def test_a_bigger_council_gets_more_localities_and_staff(db):
    small = generate_demo_council(seed=1, children=30_000, as_of=AS_OF, with_accounts=False).staff_count
    assert Team.objects.count() == 19  # two localities: 25 less two assessment and four safeguarding teams
    wipe()
    large = generate_demo_council(seed=1, children=120_000, as_of=AS_OF, with_accounts=False).staff_count
    assert Team.objects.count() == 31  # six localities: 25 plus two assessment and four safeguarding teams
    assert large > 2 * small


def test_there_is_one_demo_account_per_role_with_the_right_scope(demo):
    assert set(demo.users) == set(Role)
    practitioner = demo.users[Role.PRACTITIONER]
    team = practitioner.profile.staff.current_team(AS_OF)
    assert team.team_type == "locality_safeguarding"
    assert list(selectors.teams_visible_to(practitioner)) == [team]
    assert demo.users[Role.TEAM_MANAGER].profile.staff.current_team(AS_OF) == team
    # their service area's teams, plus the leadership team they sit in themselves
    assert {t.service_area.name for t in selectors.teams_visible_to(demo.users[Role.SERVICE_MANAGER])} == {
        "Safeguarding", "Leadership"}
    assert demo.users[Role.INSPECTOR].profile.expires_at is not None
    assert demo.users[Role.ELECTED_MEMBER].profile.staff is None


def test_demo_findings_and_actions_are_written_through_services(demo):
    assert Finding.objects.count() == 8
    assert Action.objects.count() == Finding.objects.filter(kind="area_for_development").count() == 4
    assert AuditEvent.objects.filter(verb="finding.recorded").count() == 8


def test_a_second_council_is_refused_and_nothing_is_written(demo):
    before = StaffMember.objects.count()
    with pytest.raises(ValueError, match="already exists"):
        generate_demo_council(seed=7, as_of=AS_OF)
    assert StaffMember.objects.count() == before


def test_the_demo_command_generates_once_and_lists_logins(db, capsys, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("demo_council", "--seed", "5", "--children", "5000", "--extracts", "2")
    out = capsys.readouterr().out
    assert "Generated Aldermoor Council: 19 teams" in out
    assert "Imported 2 monthly synthetic Annex A extracts" in out
    assert "demo.practitioner" in out and "demo.admin" in out and "triangulate-demo" in out
    call_command("demo_council")
    assert "Using the existing council" in capsys.readouterr().out
    assert Council.objects.count() == 1


def test_only_social_workers_move_between_social_work_teams(demo):
    moved = TeamMembership.objects.filter(end_date__isnull=False, staff__leave_date__isnull=True)
    assert moved.exists()
    assert set(moved.values_list("staff__role", flat=True)) <= {
        "social_worker", "senior_practitioner", "asye", "deputy_team_manager"}
    assert set(moved.values_list("team__team_type", flat=True)) <= {
        "assessment", "locality_safeguarding", "children_in_care", "adolescent"}


def test_the_demo_council_gets_monthly_synthetic_extracts_with_kpis(db, settings, tmp_path,
                                                                    django_capture_on_commit_callbacks):
    from triangulate.datasets.models import Upload
    from triangulate.performance import history
    from triangulate.performance.models import KpiValue
    from triangulate.synth.demo_data import import_demo_annex_a

    settings.DATA_DIR = tmp_path
    demo = generate_demo_council(seed=3, children=5_000, as_of=AS_OF, with_accounts=False)
    with django_capture_on_commit_callbacks(execute=True):
        upload = import_demo_annex_a(demo.council, seed=3, today=AS_OF, months=3)
    uploads = list(Upload.objects.order_by("extract_date"))
    assert [(u.status, u.extract_date) for u in uploads] == [
        (Upload.Status.SUCCEEDED, date(2026, 8, 31)), (Upload.Status.SUCCEEDED, date(2026, 9, 30)),
        (Upload.Status.SUCCEEDED, date(2026, 10, 31))]
    assert uploads[-1] == upload
    assert all(u.rows_read > 1_000 and u.issues.exists() for u in uploads)  # messy on purpose, like real ones
    assert uploads[0].original_name == "annex_a_2026_08_31" and upload.original_name.endswith(".xlsx")
    teams = set(KpiValue.objects.filter(upload=upload).exclude(team="").values_list("team", flat=True))
    assert teams <= set(Team.objects.values_list("name", flat=True)) | {"Unallocated"}
    assert set(upload.teams) <= set(Team.objects.values_list("name", flat=True))
    assert KpiValue.objects.get(upload=upload, kpi_id="referrals", team="", period_start=date(2025, 11, 1),
                                period_end=date(2026, 10, 31)).value > 0
    # a snapshot KPI's history comes from the extracts themselves: one value at each extract date
    visits = history.series("cla_visits_in_timescale_pct", months=3)
    assert [p.extract_date for p in visits] == [u.extract_date for u in uploads]
    assert all(60 <= p.value <= 100 for p in visits), visits  # of about 26 children in care at this size
    assert history.series("referrals")[-1].extract_date is None and len(history.series("referrals")) == 24
    assert import_demo_annex_a(demo.council, seed=3, today=AS_OF) is None  # once only


def test_the_strained_locality_is_short_of_permanent_staff_and_the_strong_team_is_not(db):
    """Pooled over three seeds (a locality has about 30 posts, too few to judge one council by)."""
    from triangulate.synth.journeys.story import council_story

    def staffing(names):
        posts = float(sum(t.establishment_fte for t in Team.objects.filter(name__in=names)))
        staff = list(StaffMember.objects.in_post_on(AS_OF).filter(memberships__team__name__in=names,
                                                                    memberships__end_date__isnull=True))
        permanent = sum(1 for s in staff if s.employment == "permanent")
        leavers = StaffMember.objects.filter(memberships__team__name__in=names, leave_date__isnull=False).count()
        return posts, permanent, leavers

    totals = {"strained": [0, 0, 0], "ordinary": [0, 0, 0], "strong": [0, 0, 0]}
    for seed in (1, 2, 3):
        generate_demo_council(seed=seed, as_of=AS_OF, with_accounts=False)
        teams = {}
        for team in Team.objects.all():
            teams.setdefault(team.team_type, []).append(team.case_system_name)
        cast = council_story(teams, seed, AS_OF).cast
        groups = {
            "strained": [t for t, share in cast.strained_teams.items() if share == 1],
            "ordinary": [t.name for t in Team.objects.filter(team_type__in=["assessment", "locality_safeguarding"])
                         if t.name not in cast.strained_teams and t.name != cast.strong_team],
            "strong": [cast.strong_team],
        }
        assert len(groups["strained"]) == 3 and len(groups["ordinary"]) == 8
        for group, names in groups.items():
            totals[group] = [a + b for a, b in zip(totals[group], staffing(names), strict=True)]
        wipe()
    not_permanent = {g: 1 - permanent / posts for g, (posts, permanent, _) in totals.items()}
    leavers = {g: left / posts for g, (posts, _, left) in totals.items()}
    assert not_permanent["strained"] > not_permanent["ordinary"] + 0.12, not_permanent
    assert leavers["strained"] > 1.5 * leavers["ordinary"], leavers
    assert not_permanent["strong"] < not_permanent["ordinary"] and leavers["strong"] < leavers["ordinary"]
