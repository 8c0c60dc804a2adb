"""The health check's plan (design §5.4): "you said, we will, we expect you".

A row's "you said" is recorded as an improvement Finding (source staff survey, an area for development, council-wide,
its theme mapped from the health theme by defaults.PRACTICE_THEME) and each "we will" as an improvement Action under
that finding, so the plan's progress is tracked with every other action and reaches the evidence packs. improvement's
own services make them, as steps of ours (`fn.step`): their checks and trail, inside this one transaction, so a row
is saved whole or not at all.

A row is made once the check is closed (its results are in) and stays editable after publishing: the plan is
worked through the year. Its edit page corrects every part of it (design is silent; a plan is typed in a hurry and
read by everyone): "you said" with its finding's text (and the actions' rationale that quotes it), "we expect you",
and each "we will" action's title, owner and due date, all in one transaction against the row's version. Adding a
"we will" moves the row's version on too, so an edit page drawn before it is refused rather than missing an action.

Removing a row takes it off the plan; its actions still open are cancelled through improvement's own status change
(dated today, with a note saying why), so they leave the open-action lists and the board paper's next steps. The
finding and the actions' history stay: improvement keeps every finding and action it was given (nothing there is
deleted), and what staff said was said. The trail records ids, numbers, owners, dates and states, never the
words."""

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

REMOVED_NOTE = "Cancelled: its row was removed from the {title}'s plan"
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
    lock(item)
    claim(item, None)  # an edit page drawn before this action was added is stale
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


def _rationale(check, you_said):
    return f"Staff said in the {check.title}: {you_said}"


def row_actions(item):
    return list(Action.objects.filter(finding_id=item.finding_id).order_by("due_date", "pk")) if item.finding_id \
        else []


@service(Perm.MANAGE_HEALTH, on="item")
def update_plan_item(*, actor, item, you_said=None, we_expect_you=None, we_will=None, expected_version=None):
    """Correct a row. `we_will`: {action id: {"title", "owner", "due_date"}} for the row's own actions (any of
    the three may be left out); None for a part means "not sent", left as it is. A page drawn from an earlier
    version is refused (StaleEdit) and nothing is written."""
    check = item.health_check
    _refuse_unless_planning(check)
    lock(item)
    errors = {}
    if you_said is not None:
        you_said = you_said.strip()
        if not you_said:
            errors["you_said"] = "Enter what staff said"
    actions = {a.pk: a for a in row_actions(item)}
    for pk, values in (we_will or {}).items():
        if pk not in actions:
            raise ValidationError("That action is not one of this row's.")
        if "title" in values and not (values["title"] or "").strip():
            errors[f"we_will_{pk}"] = "Enter what we will do"
    if errors:
        raise ValidationError(errors)
    row = {}
    if you_said is not None and you_said != item.you_said:
        row["you_said"] = you_said
    if we_expect_you is not None and we_expect_you.strip() != item.we_expect_you:
        row["we_expect_you"] = we_expect_you.strip()
    changed = []
    for pk, values in (we_will or {}).items():
        action = actions[pk]
        new = {"title": (values.get("title") or action.title).strip(), "owner": values.get("owner") or action.owner,
               "due_date": values.get("due_date") or action.due_date}
        if (new["title"], new["owner"].pk, new["due_date"]) != (action.title, action.owner_id, action.due_date):
            changed.append((action, new))
    if not row and not changed:
        return item
    claim(item, expected_version)
    if "you_said" in row:
        old = _rationale(check, item.you_said)
        if item.finding_id:
            Finding.objects.filter(pk=item.finding_id).update(text=row["you_said"])
        # the actions' rationale quotes what staff said: kept in step unless someone has rewritten it
        Action.objects.filter(finding_id=item.finding_id, rationale=old).update(
            rationale=_rationale(check, row["you_said"]))
    for name, value in row.items():
        setattr(item, name, value)
    item.save(update_fields=[*row, "version"])
    for action, new in changed:
        lock(action)
        claim(action, None)  # a status page drawn before this change is stale
        trail = {"number": item.number}
        if new["title"] != action.title:
            trail["title"] = "changed"
        if new["owner"].pk != action.owner_id:
            trail["owner"] = [action.owner_id, new["owner"].pk]
        if new["due_date"] != action.due_date:
            trail["due_date"] = [action.due_date, new["due_date"]]
        action.title, action.owner, action.due_date = new["title"], new["owner"], new["due_date"]
        action.save(update_fields=["title", "owner", "due_date", "version"])
        audit.record(actor, Verb.HEALTH_PLAN_ACTION_CHANGED, action, **trail)
    # on the row every time its version moves, so a refused save names who changed it last
    audit.record(actor, Verb.HEALTH_PLAN_ITEM_CHANGED, item, number=item.number, **dict.fromkeys(row, "changed"),
                 **({"actions": [a.pk for a, _ in changed]} if changed else {}))
    return item


@service(Perm.MANAGE_HEALTH, on="item")
def remove_plan_item(*, actor, item, expected_version=None):
    """Take the row off the plan (see the module's docstring): its open actions cancelled, the rows after it
    renumbered. Returns the actions cancelled."""
    check = item.health_check
    _refuse_unless_planning(check)
    lock(item)
    claim(item, expected_version)
    cancelled = []
    for action in row_actions(item):
        if action.is_open:
            cancelled.append(improvement.change_action_status.step(
                actor=actor, action=action, status=Action.Status.CANCELLED, changed_on=timezone.localdate(),
                note=REMOVED_NOTE.format(title=check.title)))
    audit.record(actor, Verb.HEALTH_PLAN_ITEM_REMOVED, item, number=item.number, theme=item.theme,
                 finding=item.finding_id, cancelled=[a.pk for a in cancelled])
    number = item.number
    item.delete()
    for later in check.plan_items.filter(number__gt=number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number"])
    return cancelled


def plan_rows(check):
    """[(item, [actions])] in order: the plan as its pages and exports show it."""
    items = list(check.plan_items.select_related("finding").order_by("number"))
    finding_ids = [i.finding_id for i in items if i.finding_id]
    actions = {}
    for action in (Action.objects.filter(finding_id__in=finding_ids).select_related("owner")
                   .order_by("due_date", "pk")):
        actions.setdefault(action.finding_id, []).append(action)
    return [(item, actions.get(item.finding_id, [])) for item in items]
