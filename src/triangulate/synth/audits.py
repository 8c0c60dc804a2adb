"""The demo council's case file audits (design §10, S8): two years of history imported from a generated tracker,
then six monthly rounds of the full case audit, a visits round and an audit surgery in the strained locality,
all made with the audits services by the demo accounts, so the trail is real.

The five older monthly rounds are closed; the latest is in progress, with audits at every stage, one allocated
to demo.auditor and not started, and an open safeguarding flag in demo.teammanager's team. Grades follow the
story's practice quality (audit_draws.py). Deterministic for a given seed and day.

It needs the demo's published Annex A extracts (a round samples from one), so the demo command runs it after
import_demo_annex_a. Each past round samples from the extract of the month before it, as it would have then."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from triangulate.audits.models import AuditRound, AuditTool, CaseAudit, Grade, Moderation, SafeguardingFlag
from triangulate.audits.services import moderation, rounds, sample_changes
from triangulate.audits.services.cases import tables_held
from triangulate.core.models import Theme
from triangulate.core.roles import Role
from triangulate.datasets.models import Upload
from triangulate.kpis.periods import add_months
from triangulate.people.models import Team
from triangulate.people.selectors import home_teams, service_managers, team_managers

from . import audit_draws as draws
from .audit_conduct import (
    STAGES,
    Scene,
    at,
    complete_some_actions,
    conduct_audit,
    moderate_all,
    raise_and_close_flag,
    timeline,
)
from .audit_tracker import import_demo_tracker
from .demo import demo_account_plan
from .demo_data import demo_story

MONTHLY_ROUNDS = 6
LENIENT = Role.SERVICE_MANAGER  # the auditor whose grades moderators bring down
CASE_TEAMS = ("assessment", "locality_safeguarding", "children_in_care", "adolescent", "care_leavers",
              "disabled_children")
# The latest round's audits, in turn, after the one left for demo.auditor: every stage, most of them begun.
LATEST_STAGES = ("moderated", "submitted", "graded", "family_feedback", "worker_conversation", "record_review",
                 "allocated", "submitted", "worker_conversation", "record_review")


@dataclass(frozen=True)
class Plan:
    """One round to make: its name, kind, tool, day sampled, teams [(team, size, every open case)]."""

    name: str
    kind: str
    tool_key: str
    sampled_on: object
    teams: list
    latest: bool = False
    case_types: tuple = ("cin", "cp", "cla", "care_leaver")


def demo_users(council):
    names = {username: role for role, (username, _s, _a) in demo_account_plan(council, timezone.localdate()).items()}
    return {names[u.username]: u for u in get_user_model().objects.filter(username__in=names)}


def upload_for(day, uploads):
    """The extract a round sampled on `day` drew from: the latest published before that day whose tables are
    held, else the earliest held (a demo with few extracts)."""
    before = [u for u in uploads if u.extract_date < day]
    return before[-1] if before else uploads[0]


def _sizes(council, upload):
    """Cases to audit a month per team: one, or two in a team of 50 open cases or more."""
    from triangulate.audits.services.cases import read_extract

    counts = {}
    for case in read_extract(upload, council).cases:
        counts[case.team_id] = counts.get(case.team_id, 0) + 1
    teams = Team.objects.filter(council=council, team_type__in=CASE_TEAMS, pk__in=counts).order_by("name")
    return [(team, max(1, min(2, counts[team.pk] // 25))) for team in teams], counts


def plans(council, cast, first_day, sizes, counts):
    """The eight rounds, oldest first: six monthly, a visits round after the third and a surgery after the
    fourth."""
    monthly = [first_day if k == MONTHLY_ROUNDS - 1 else add_months(first_day, k - MONTHLY_ROUNDS + 1)
               for k in range(MONTHLY_ROUNDS)]
    made = [Plan(f"Monthly audit, {day:%B %Y}", "monthly", "full_case_audit", day, sizes,
                 latest=k == MONTHLY_ROUNDS - 1) for k, day in enumerate(monthly)]
    safeguarding = list(Team.objects.filter(council=council, team_type="locality_safeguarding", pk__in=counts)
                        .order_by("name"))
    made.insert(3, Plan(f"Themed audit: visits and direct work, {monthly[2] + timedelta(days=10):%B %Y}", "themed",
                        "visits_themed", monthly[2] + timedelta(days=10), [(t, 2, False) for t in safeguarding]))
    strained = [t for t in safeguarding if (t.case_system_name or t.name) in cast.strained_teams] or safeguarding
    surgery = min(strained, key=lambda t: (counts.get(t.pk, 0), t.name))
    # A surgery looks quickly at every open case, for whether it should stay open (Herefordshire): the plans tool,
    # over the children in need, whose cases are the likeliest to close or step down.
    made.insert(5, Plan(f"Audit surgery: children in need, {surgery.name}", "surgery", "smart_plans_themed",
                        monthly[3] + timedelta(days=8), [(surgery, 0, True)], case_types=("cin",)))
    return made


@transaction.atomic
def add_demo_audits(council, *, seed=1, today=None):
    """Make the demo council's audits unless it has audit rounds already (returns None then); otherwise returns
    a summary {what: count}. All or nothing."""
    if AuditRound.objects.filter(council=council).exists():
        return None
    today = today or timezone.localdate()
    uploads = [u for u in Upload.objects.filter(council=council, status=Upload.Status.SUCCEEDED)
               .order_by("extract_date", "pk") if tables_held(u)]
    if not uploads:
        raise ValueError("The demo council's audits need a published Annex A extract: import the extracts first.")
    users = demo_users(council)
    story = demo_story(council, seed=seed, today=today)
    scale_grades = {g.value: g for g in Grade.objects.filter(scale__council=council, scale__is_default=True)}
    scene = Scene(seed=seed, story=story, users={"qa": users[Role.QA_LEAD], **users}, grades=scale_grades,
                  themes={t.slug: t for t in Theme.objects.all()}, lenient=users[LENIENT], today=today,
                  owner_for=lambda team: _owner(team, users))
    first_day = today - timedelta(days=21)  # the latest round was sampled three weeks ago
    history_ends = add_months(first_day, -MONTHLY_ROUNDS + 1) - timedelta(days=7)
    tracker = import_demo_tracker(council, scene, uploads, history_ends)
    scene.count("imported", tracker.rows)
    sizes, counts = _sizes(council, uploads[-1])
    pool = [users[r] for r in (Role.AUDITOR, Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.TEAM_MANAGER,
                               Role.SERVICE_MANAGER, Role.SENIOR_LEADER)]
    moderators = [users[r] for r in (Role.PRINCIPAL_SOCIAL_WORKER, Role.QA_LEAD, Role.AUDITOR)]
    for plan in plans(council, story.cast, first_day, [(t, n, False) for t, n in sizes], counts):
        round_ = _sample(scene, council, plan, uploads, pool)
        if plan.latest:
            _latest(scene, round_, plan, moderators)
        else:
            _past(scene, round_, plan, moderators)
    made = CaseAudit.objects.filter(round__council=council).exclude(source=CaseAudit.Source.IMPORTED)
    scene.count("rounds", AuditRound.objects.filter(council=council).exclude(kind=AuditRound.Kind.IMPORTED).count())
    scene.count("audits", made.count())
    _quiet_old_notifications(round_)
    return scene.counts


def _owner(team, users):
    """Who owns a team's audit actions and answers its flags: its team manager's account, else its service
    manager's, else the QA lead."""
    return (team_managers(team).first() or service_managers(team).first() or users[Role.QA_LEAD])


def _sample(scene, council, plan, uploads, pool):
    qa = scene.users["qa"]
    tool = AuditTool.objects.get(council=council, key=plan.tool_key)
    due = plan.sampled_on + timedelta(days=28)
    round_ = rounds.create_round.step(
        actor=qa, council=council, teams=plan.teams, today=plan.sampled_on, name=plan.name, kind=plan.kind,
        tool_version=tool.versions.get(status="live"), audits_due=due, moderation_share=Decimal("0.20"),
        seed=int(draws.rng_for(scene.seed, "round seed", plan.name).randrange(1, 2**31 - 1)),
        exclude_months=0 if plan.kind == "surgery" else 12, case_types=list(plan.case_types))
    rounds.set_auditors.step(actor=qa, round=round_, auditors=[(u, None) for u in pool])
    rounds.draw_sample.step(actor=qa, round=round_, upload=upload_for(plan.sampled_on, uploads),
                            today=plan.sampled_on)
    rounds.allocate_round.step(actor=qa, round=round_)
    AuditRound.objects.filter(pk=round_.pk).update(created_at=at(plan.sampled_on - timedelta(days=3)),
                                                   sampled_at=at(plan.sampled_on, 30))
    CaseAudit.objects.filter(round=round_).update(allocated_at=at(plan.sampled_on, 45))
    round_.refresh_from_db()
    return round_


def _audits(round_):
    return list(CaseAudit.objects.filter(round=round_).exclude(state="withdrawn")
                .select_related("team", "auditor", "tool_version").order_by("team__name", "case_type", "pk"))


def _past(scene, round_, plan, moderators):
    """A finished round: every audit submitted (one in ten after its due date), one withdrawn now and then
    because its case closed, a flag or two raised and dealt with, moderation done, the round closed."""
    rng = draws.rng_for(scene.seed, "round", plan.name)
    audits = _audits(round_)
    if len(audits) > 6 and rng.random() < 0.5:
        gone = audits.pop(rng.randrange(len(audits)))
        sample_changes.withdraw_entry.step(actor=scene.users["qa"], round=round_, entry=gone.sample_entry,
                                   reason="case_closed", today=plan.sampled_on + timedelta(days=5))
        scene.count("withdrawn")
    last = round_.audits_due + timedelta(days=4)
    for audit in audits:
        arng = draws.rng_for(scene.seed, "audit", round_.seed, audit.child_id)
        late = arng.random() < 0.1
        days = timeline(arng, plan.sampled_on + timedelta(days=2), last if late else round_.audits_due - timedelta(1))
        conduct_audit(scene, audit, until="submitted", days=days, rng=arng, surgery=plan.kind == "surgery")
        if arng.random() < 0.04 and _flaggable(scene, audit):
            raise_and_close_flag(scene, audit, days.shared, close=True)
    rounds.close_round.step(actor=scene.users["qa"], round=round_)
    closed = max([a.completed_on for a in audits if a.completed_on] + [round_.audits_due])
    AuditRound.objects.filter(pk=round_.pk).update(closed_at=at(closed, 300))
    Moderation.objects.filter(audit__round=round_, reason="top_up").update(selected_at=at(closed, 301))
    moderate_all(scene, round_, moderators, rng, done_by=min(scene.today, closed + timedelta(days=12)))
    complete_some_actions(scene, audits, rng)


def _flaggable(scene, audit):
    """A flag needs someone to answer it: a manager whose scope covers the team."""
    return team_managers(audit.team).exists() or service_managers(audit.team).exists()


def _latest(scene, round_, plan, moderators):
    """The round in progress: audits at every stage, demo.auditor's first audit not started, and an open flag
    in demo.teammanager's team."""
    qa, auditor = scene.users["qa"], scene.users[Role.AUDITOR]
    manager_team = home_teams(scene.users[Role.TEAM_MANAGER]).filter(team_type="locality_safeguarding").first()
    audits = _audits(round_)
    if manager_team and not any(a.team_id == manager_team.pk for a in audits):
        _add_child_of(scene, round_, manager_team)
        audits = _audits(round_)
    if not any(a.auditor_id == auditor.pk for a in audits) and audits:
        rounds.allocate_by_hand.step(actor=qa, round=round_, entry=audits[-1].sample_entry, auditor=auditor)
        audits = _audits(round_)
    reserved = next((a for a in audits if a.auditor_id == auditor.pk and a.team_id != getattr(manager_team, "pk", 0)),
                    None)
    flagged = next((a for a in audits if manager_team and a.team_id == manager_team.pk and a is not reserved), None)
    others = [a for a in audits if a is not reserved]
    stage_of = {a.pk: LATEST_STAGES[n % len(LATEST_STAGES)] for n, a in enumerate(others)}
    if reserved is not None:
        stage_of[reserved.pk] = "allocated"
    if flagged is not None and STAGES.index(stage_of[flagged.pk].replace("moderated", "submitted")) < 2:
        stage_of[flagged.pk] = "worker_conversation"
    for audit in audits:
        arng = draws.rng_for(scene.seed, "audit", round_.seed, audit.child_id)
        days = timeline(arng, plan.sampled_on + timedelta(days=1), scene.today)
        until = stage_of[audit.pk].replace("moderated", "submitted")
        conduct_audit(scene, audit, until=until, days=days, rng=arng)
        if audit is flagged:  # raised today, so the team manager has it to acknowledge when the demo starts
            raise_and_close_flag(scene, audit, scene.today, close=False)
    submitted = [a for a in audits if stage_of[a.pk] == "moderated"]
    for audit in submitted:
        if not Moderation.objects.filter(audit=audit).exists():
            moderation.request_moderation.step(actor=qa, audit=audit)
    rng = draws.rng_for(scene.seed, "round", plan.name)
    moderate_all(scene, round_, moderators, rng, done_by=None)
    for audit in submitted:  # the ones chosen to show a finished moderation
        item = Moderation.objects.get(audit=audit)
        given = item.auditor_grade.value
        value = draws.moderator_value(rng, scene.deserved.get(audit.pk, given), given)
        moderation.moderate.step(actor=item.moderator, moderation=item, grade=scene.grades[value],
                                 reason_text="" if value == given else "The record supports a different grade.")
        scene.count("moderated")


def _add_child_of(scene, round_, team):
    """The team manager asked for one of their cases to be audited this month ("Add a child", §4.2)."""
    from triangulate.audits.services.cases import read_extract

    taken = set(CaseAudit.objects.filter(round__council=round_.council).exclude(state__in=CaseAudit.DONE_STATES)
                .exclude(state="withdrawn").values_list("child_id", flat=True))
    case = next((c for c in read_extract(round_.upload, round_.council).cases
                 if c.team_id == team.pk and c.child_id not in taken), None)
    if case is None:
        return
    sample_changes.add_child.step(actor=scene.users["qa"], round=round_, child_id=case.child_id,
                          reason="The team manager asked for this case to be audited this month.")
    rounds.allocate_round.step(actor=scene.users["qa"], round=round_)


def _quiet_old_notifications(latest):
    """The notifications the past rounds made would each have been read long ago: mark them read once they
    are delivered (on commit, after this transaction), leaving unread only those the demo's present made."""
    from triangulate.core.models import Notification

    start = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    keep = {reverse("audits:audit_detail", args=[a.pk]) for a in latest.audits.all()}
    keep |= {reverse("audits:round_detail", args=[latest.pk])}
    keep |= {reverse("audits:flag_detail", args=[f.pk]) for f in SafeguardingFlag.objects.filter(audit__round=latest)}
    keep |= {reverse("audits:moderation_detail", args=[m.pk]) for m in Moderation.objects.filter(audit__round=latest)}

    def mark_read():
        Notification.objects.filter(pk__gt=start, read_at__isnull=True).exclude(url__in=keep).update(
            read_at=timezone.now())

    transaction.on_commit(mark_read)
