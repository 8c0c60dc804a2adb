"""The demo council's workforce (docs/design/workforce.md §8, W5), after its extracts: their caseloads are already
derived at import. Replayed through workforce's services as the demo accounts (the PSW above all), so every write
carries a named person on the audit trail:

- the default weighting scheme, with one team manager's override of a heavy case;
- caseload targets: the council's 24 (seed 003) and the strained team's own 20 while it recovers;
- ASYE dates: this year's cohort in post, earlier cohorts of whom some stayed and some left;
- two health checks: last year's, published with its "you said, we will" plan (two actions done), and this year's,
  open with most of its links answered, so the PSW can close it, write its plan and publish it.

Answers are drawn from synth/workforce_data.py so the story shows: workload is worst in the strained locality's
teams; supervision is better than last year. Deterministic for a seed and day; all or nothing; made once."""

import random
from collections import Counter
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from triangulate.datasets.teams.selectors import name_key
from triangulate.improvement import services as improvement
from triangulate.improvement.models import Action
from triangulate.people.models import StaffMember, Team, TeamMembership
from triangulate.people.models import StaffRole as R
from triangulate.workforce.analytics.staffing import OUT_OF_SCOPE_ROLES
from triangulate.workforce.matching import WorkerNames
from triangulate.workforce.models import Agreement, CaseloadSnapshot, HealthCheck, HealthQuestion, WeightingScheme
from triangulate.workforce.services import caseloads, health, health_answer, health_plan, weighting

from . import workforce_data as data
from .demo_data import demo_story


@transaction.atomic
def add_demo_workforce(council, *, seed=1, today=None):
    """Make the demo council's workforce story unless it has one already (returns None then); otherwise a summary
    {what: count}. Needs the demo accounts and, for the override, an imported extract."""
    if (HealthCheck.objects.filter(council=council).exists()
            or WeightingScheme.objects.filter(council=council).exists()):
        return None
    today = today or timezone.localdate()
    rng = random.Random(f"workforce-{seed}")
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="demo.")}
    psw = users["demo.psw"]
    cast = demo_story(council, seed=seed, today=today).cast
    counts = Counter()
    counts["asye"] = _asye_dates(council, rng, today)
    weighting.ensure_scheme.step(actor=psw, council=council)
    caseloads.set_target.step(actor=psw, council=council, average=data.TARGET[0], maximum=data.TARGET[1])
    strained = _strained_team(council, cast)
    if strained is not None:
        caseloads.set_target.step(actor=psw, council=council, team=strained, average=data.STRAINED_TARGET[0],
                                  maximum=data.STRAINED_TARGET[1])
    counts["overrides"] = _override(council, users, strained)
    survey = _Survey(council, rng, cast, today)
    last = survey.run(psw, today.year - 1, opens_on=today - timedelta(days=365 + 14), counts=counts)
    _plan(last, users, today, counts)
    health.publish_check.step(actor=psw, health_check=last)
    HealthCheck.objects.filter(pk=last.pk).update(published_at=timezone.now() - timedelta(days=300))
    survey.run(psw, today.year, opens_on=today - timedelta(days=14), counts=counts, close=False)
    return dict(counts)


def _strained_team(council, cast):
    """The team carrying most of the strained locality's strain (None in a council too small to have one)."""
    if not cast.strained_teams:
        return None
    name = max(sorted(cast.strained_teams), key=lambda t: cast.strained_teams[t])
    return Team.objects.filter(council=council).filter(Q(case_system_name=name) | Q(name=name)).first()


def _asye_dates(council, rng, today):
    """Today's ASYEs started their year in the last eleven months; some social workers who joined one to four years
    ago came as ASYEs and finished it a year later — some are still here, some have left."""
    changed = []
    for staff in StaffMember.objects.filter(council=council, role__in=(R.ASYE, R.SOCIAL_WORKER)).order_by("pk"):
        if staff.role == R.ASYE and staff.leave_date is None:
            staff.asye_started_on = max(staff.start_date, today - timedelta(days=rng.randrange(30, 330)))
        elif (today - timedelta(days=4 * 365) <= staff.start_date <= today - timedelta(days=400)
              and rng.random() < 0.4):
            staff.asye_started_on = staff.start_date
            completed = staff.start_date + timedelta(days=365)
            if staff.leave_date is None or completed < staff.leave_date:
                staff.asye_completed_on = completed
        else:
            continue
        changed.append(staff)
    StaffMember.objects.bulk_update(changed, ["asye_started_on", "asye_completed_on"])
    return len(changed)


def _override(council, users, strained):
    """The team manager's judgement that one heavy case (in care proceedings, if any) weighs more than its points: on
    the latest extract, a case of one of their own team's workers (else of the strained team's, set by the PSW)."""
    snapshot = CaseloadSnapshot.objects.filter(council=council).first()
    if snapshot is None:
        return 0
    names = WorkerNames(council)
    manager = users.get("demo.teammanager")
    for actor, team in ((manager, manager and _team_managed_by(manager)), (users["demo.psw"], strained)):
        if team is None:
            continue
        cases = sorted(snapshot.cases.exclude(worker="").filter(kind__in=("cin", "cp", "cla")),
                       key=lambda c: (c.court is not True, c.kind != "cp", c.child_ref))
        for case in cases:
            staff = names.resolve(case.worker).staff
            if staff is not None and staff.current_team() == team:
                weighting.set_override.step(actor=actor, team=team, child_ref=case.child_ref,
                                            worker_key=name_key(case.worker), points=data.OVERRIDE_POINTS,
                                            reason=data.OVERRIDE_REASON)
                return 1
    return 0


def _team_managed_by(user):
    profile = getattr(user, "profile", None)
    staff = profile and profile.staff
    return staff.current_team() if staff is not None else None


class _Survey:
    """Runs one year's health check as a PSW would: links for every team with social work staff in post, handed
    out and mostly answered."""

    def __init__(self, council, rng, cast, today):
        self.council, self.rng, self.cast, self.today = council, rng, cast, today

    def run(self, psw, year, *, opens_on, counts, close=True):
        check = health.create_check.step(actor=psw, council=self.council, year=year)
        check = health.open_check.step(actor=psw, health_check=check)
        questions = list(HealthQuestion.objects.filter(health_check=check).order_by("number"))
        for team, headcount in self._teams(opens_on):
            tokens = health.make_links.step(actor=psw, health_check=check, team=team, count=headcount)
            for token in tokens:
                if self.rng.random() < data.RESPONSE_RATE:
                    health_answer.answer.step(token, self._answers(questions, team, year))
                    counts[f"responses {year}"] += 1
        if close:
            check = health.close_check.step(actor=psw, health_check=check)
        # the demo's history: a check made today stands for one run at its own time (dates are a draft's to edit)
        HealthCheck.objects.filter(pk=check.pk).update(opens_on=opens_on, closes_on=opens_on + timedelta(days=28))
        check.refresh_from_db()
        return check

    def _teams(self, on):
        """(team, social work staff in post on `on`) for each team with any."""
        spells = (TeamMembership.objects.current(on).filter(team__council=self.council, staff__start_date__lte=on)
                  .filter(Q(staff__leave_date__isnull=True) | Q(staff__leave_date__gt=on))
                  .exclude(staff__role__in=OUT_OF_SCOPE_ROLES).select_related("team"))
        heads = Counter(s.team for s in spells)
        return sorted(heads.items(), key=lambda item: item[0].name)

    def _answers(self, questions, team, year):
        return {q.pk: (self._agreement(q.theme, team, year) if q.kind == HealthQuestion.Kind.AGREE
                       else self._comment()) for q in questions}

    def _agreement(self, theme, team, year):
        chance = data.AGREEING[theme]
        if year < self.today.year:
            chance += data.LAST_YEAR.get(theme, 0)
        strain = self.cast.strained_teams.get(team.case_system_name or team.name, 0.0)
        chance += strain * data.STRAIN.get(theme, data.STRAIN_OTHERS)
        if (team.case_system_name or team.name) == self.cast.strong_team:
            chance += data.STRONG
        rng = self.rng
        if rng.random() < data.DONT_KNOW:
            return Agreement.DONT_KNOW
        if rng.random() < chance:
            return Agreement.STRONGLY_AGREE if rng.random() < data.STRONGLY else Agreement.AGREE
        if rng.random() < data.NEITHER:
            return Agreement.NEITHER
        return Agreement.STRONGLY_DISAGREE if rng.random() < data.STRONGLY else Agreement.DISAGREE

    def _comment(self):
        return self.rng.choice(data.COMMENTS) if self.rng.random() < data.COMMENTING else ""


def _plan(check, users, today, counts):
    """Last year's plan (made today: a plan row's finding and action are dated as they are made), two of its actions
    done."""
    psw = users["demo.psw"]
    for theme, you_said, we_will, we_expect_you, owner, done in data.PLAN:
        item = health_plan.add_plan_item.step(actor=psw, health_check=check, theme=theme, you_said=you_said,
                                              we_will=we_will, we_expect_you=we_expect_you,
                                              owner=users.get(owner, psw),
                                              due_date=today + timedelta(days=120))
        counts["plan rows"] += 1
        if done:
            action = Action.objects.filter(finding=item.finding).first()
            improvement.change_action_status.step(actor=action.owner, action=action, status=Action.Status.COMPLETE,
                                                  changed_on=today, note="Done.",
                                                  evidence="The PSW's quarterly check and the staff forum's notes.")
