"""The demo council's workforce story (docs/design/workforce.md §8, W5) on a small demo council: made once, through
the services as named demo accounts, and telling the story it promises — workload the weakest theme, worst in the
strained team's answers, and supervision better than last year after last year's plan."""

from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from triangulate.core.models import AuditEvent
from triangulate.improvement.models import Action
from triangulate.people.models import StaffMember
from triangulate.synth.demo import generate_demo_council
from triangulate.synth.demo_data import demo_story, import_demo_annex_a
from triangulate.synth.workforce import add_demo_workforce
from triangulate.workforce.health_results import results_of
from triangulate.workforce.models import (
    CaseloadTarget,
    HealthCheck,
    HealthLink,
    HealthPlanItem,
    HealthResponse,
    HealthTheme,
    WeightingScheme,
    WeightOverride,
)


def test_the_demo_council_has_its_workforce_story(transactional_db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    council = generate_demo_council(seed=3, children=3_000, as_of=date.today()).council
    import_demo_annex_a(council, seed=3, months=2)
    summary = add_demo_workforce(council, seed=3)
    assert add_demo_workforce(council, seed=3) is None  # once only
    today = timezone.localdate()
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="demo.")}
    psw = users["demo.psw"]

    # targets: the council's 24 (max 30) and the strained team's own 20 (max 24), recorded by the PSW
    default = CaseloadTarget.objects.get(council=council, team=None)
    assert (default.average, default.maximum, default.changed_by) == (24, 30, psw)
    strained = demo_story(council, seed=3, today=today).cast.strained_teams
    own = CaseloadTarget.objects.get(council=council, team__isnull=False)
    assert (own.average, own.maximum) == (20, 24)
    assert (own.team.case_system_name or own.team.name) in strained

    # the scheme, and one manager's override with its reason, on the trail under a named person
    assert WeightingScheme.objects.filter(council=council, is_active=True).count() == 1
    override = WeightOverride.objects.get(council=council)
    assert override.points == 6 and override.reason and override.set_by in (users["demo.teammanager"], psw)
    assert summary["overrides"] == 1

    # ASYE dates as the staff form would accept them: started on or after joining, completed a year on
    asyes = StaffMember.objects.filter(council=council, asye_started_on__isnull=False)
    assert asyes.count() == summary["asye"] > 0
    for staff in asyes:
        assert staff.start_date <= staff.asye_started_on <= today
        if staff.asye_completed_on:
            assert staff.asye_completed_on > staff.asye_started_on and staff.asye_completed_on <= today
    in_year = asyes.filter(role="asye", leave_date__isnull=True)
    assert in_year.exists() and not in_year.filter(asye_completed_on__isnull=False).exists()
    assert asyes.filter(asye_completed_on__isnull=False).exists()

    # last year's check published with its three-row plan (two actions done); this year's open
    last = HealthCheck.objects.get(council=council, year=today.year - 1)
    this = HealthCheck.objects.get(council=council, year=today.year)
    assert (last.status, this.status) == (HealthCheck.Status.PUBLISHED, HealthCheck.Status.OPEN)
    assert last.closes_on < today <= this.closes_on
    items = HealthPlanItem.objects.filter(health_check=last)
    assert items.count() == summary["plan rows"] == 3
    statuses = sorted(Action.objects.filter(finding__in=[i.finding for i in items]).values_list("status", flat=True))
    assert statuses == ["complete", "complete", "not_started"]
    for check in (last, this):
        responses = HealthResponse.objects.filter(health_check=check).count()
        assert responses == summary[f"responses {check.year}"]
        assert responses == HealthLink.objects.filter(health_check=check, used=True).count()
        assert responses < HealthLink.objects.filter(health_check=check).count()

    # the story: workload the weakest theme this year; supervision better than last year
    now, before = results_of(this).results.council.themes, results_of(last).results.council.themes
    assert min(now, key=lambda t: now[t].agree) == HealthTheme.WORKLOAD
    assert now[HealthTheme.SUPERVISION].agree > before[HealthTheme.SUPERVISION].agree

    # every write of the story names a person
    trail = AuditEvent.objects.filter(verb__startswith="workforce_")
    assert trail.exists() and not trail.filter(actor__isnull=True).exists()
