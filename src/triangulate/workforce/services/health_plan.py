"""The health check's plan (design §5.4): "you said, we will, we expect you".

A row's "you said" is recorded as an improvement Finding (source staff survey, an area for development, council-wide,
its theme mapped from the health theme by defaults.PRACTICE_THEME) and each "we will" as an improvement Action under
that finding, so the plan's progress is tracked with every other action and reaches the evidence packs. improvement's
own services make them, as steps of ours (`fn.step`): their checks and trail, inside this one transaction, so a row
is saved whole or not at all.

A row is made once the check is closed (its results are in) and stays editable after publishing: the plan is
worked through the year. "You said" is fixed once made (it is the finding's text, and a finding is not rewritten);
"we expect you" may change, and more "we will" actions may be added."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from triangulate.core import audit
from triangulate.core.authority import service
from triangulate.core.concurrency import claim, lock
from triangulate.core.models import Theme
from triangulate.improvement import services as improvement
from triangulate.improvement.models import Action, Finding, Source

from ..defaults import PRACTICE_THEME
from ..models import HealthCheck, HealthPlanItem, HealthTheme
from ..rules import Perm
from ..verbs import Verb

PLANNING = (HealthCheck.Status.CLOSED, HealthCheck.Status.PUBLISHED)


def practice_theme(health_theme):
    return Theme.objects.get(slug=PRACTICE_THEME[HealthTheme(health_theme)])


def _refuse_unless_planning(check):
    if check.status not in PLANNING:
        raise ValidationError("Close the health check before writing its plan: the plan answers its results.")


def _we_will(actor, check, finding, theme, title, owner, due_date):
    title = (title or "").strip()
    if not title:
        raise ValidationError({"we_will": "Enter what we will do"})
    return improvement.create_action.step(
        actor=actor, title=title, rationale=f"Staff said in the {check.title}: {finding.text}",
        priority=Action.Priority.MEDIUM, owner=owner, due_date=due_date, theme=theme, finding=finding)


@service(Perm.MANAGE_HEALTH, on="health_check")
def add_plan_item(*, actor, health_check, theme, you_said, we_will, owner, due_date, we_expect_you=""):
    """A new row at the end of the plan: the finding, its first action, and the row."""
    _refuse_unless_planning(health_check)
    you_said = (you_said or "").strip()
    if not you_said:
        raise ValidationError({"you_said": "Enter what staff said"})
    practice = practice_theme(theme)
    finding = improvement.record_finding.step(
        actor=actor, kind=Finding.Kind.AREA_FOR_DEVELOPMENT, text=you_said, theme=practice, team=None,
        source=Source.STAFF_SURVEY, found_on=min(health_check.closes_on or timezone.localdate(), timezone.localdate()))
    _we_will(actor, health_check, finding, practice, we_will, owner, due_date)
    last = health_check.plan_items.order_by("-number").values_list("number", flat=True).first() or 0
    item = HealthPlanItem.objects.create(health_check=health_check, number=last + 1, theme=theme, you_said=you_said,
                                         we_expect_you=(we_expect_you or "").strip(), finding=finding)
    audit.record(actor, Verb.HEALTH_PLAN_ITEM_CHANGED, item, number=item.number, theme=theme, finding=finding,
                 added=True)
    return item


@service(Perm.MANAGE_HEALTH, on="item")
def add_we_will(*, actor, item, we_will, owner, due_date):
    """Another "we will" on a row: an action under its finding."""
    check = item.health_check
    _refuse_unless_planning(check)
    if item.finding is None:
        raise ValidationError("This row's finding has been removed, so no action can be added under it.")
    action = _we_will(actor, check, item.finding, item.finding.theme, we_will, owner, due_date)
    audit.record(actor, Verb.HEALTH_PLAN_ITEM_CHANGED, item, number=item.number, action=action)
    return action


@service(Perm.MANAGE_HEALTH, on="item")
def update_we_expect_you(*, actor, item, we_expect_you, expected_version=None):
    """Change a row's "we expect you" (the trail says that it changed, not the words)."""
    _refuse_unless_planning(item.health_check)
    lock(item)
    text = (we_expect_you or "").strip()
    if text == item.we_expect_you:
        return item
    claim(item, expected_version)
    item.we_expect_you = text
    item.save(update_fields=["we_expect_you", "version"])
    audit.record(actor, Verb.HEALTH_PLAN_ITEM_CHANGED, item, number=item.number, we_expect_you="changed")
    return item


def plan_rows(check):
    """[(item, [actions])] in order: the plan as its pages and exports show it."""
    items = list(check.plan_items.select_related("finding").order_by("number"))
    finding_ids = [i.finding_id for i in items if i.finding_id]
    actions = {}
    for action in (Action.objects.filter(finding_id__in=finding_ids).select_related("owner")
                   .order_by("due_date", "pk")):
        actions.setdefault(action.finding_id, []).append(action)
    return [(item, actions.get(item.finding_id, [])) for item in items]
