"""The action plan pages (design §7.2, §7.3, §9.1): the plan with its Word, Excel and CSV, and the organiser's
add, edit, move and remove.

The plan is improvement's findings and actions: the page shows each action's status and links to improvement's
action page, where status and evidence are changed. Events are council-wide records, so an event is found by pk
and the permission is then asked about it (403), as the analysis pages do. Downloads are answered by the page's
own view and carry its permission (§7.3). Elected members never see the plan: it names owners (§8.1)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone

from triangulate.core import exports
from triangulate.core.formatting import counted, date_uk
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.reports import docx

from ..forms_plan import PlanItemEditForm, PlanItemForm
from ..models import Observation, ObservationEntry, PlanItem, PracticeEvent
from ..rules import Perm
from ..services import plan as services
from .common import download_name, event_for

EDIT = ("GET", "HEAD", "POST")
# §7.3: the sheet's columns, exactly
COLUMNS = ["Category", "No.", "Issue identified", "Action to be taken", "Anticipated risk if not completed",
           "Priority", "Proposed date for completion", "Responsibility for completion", "Status", "Evidence"]
# the Word tables: the seed's columns plus Status (the category is the table's heading)
WORD_COLUMNS = ["No.", "Issue identified", "Action to be taken", "Anticipated risk if not completed", "Priority",
                "Proposed date for completion", "Responsibility for completion", "Status"]



def _item(request, pk):
    item = get_object_or_404(PlanItem.objects.select_related("event", "heading", "action"), pk=pk)
    if not request.user.has_perm(Perm.EDIT_REPORT, item):
        raise PermissionDenied(Perm.EDIT_REPORT)
    return item



def plan_items(event):
    return list(PlanItem.objects.filter(event=event)
                .select_related("heading", "action", "action__owner", "action__team", "action__theme")
                .order_by("heading__number", "number"))


def responsibility(item):
    owner = item.action.owner
    name = owner.get_full_name() or owner.get_username()
    return f"{name} ({item.responsibility_note})" if item.responsibility_note else name


def category(heading):
    return f"{heading.number}. {heading.title}"


def export_rows(items):
    return [[category(i.heading), i.number, i.issue_identified, i.action.title, i.action.rationale,
             i.action.get_priority_display(), i.action.due_date, responsibility(i), i.action.get_status_display(),
             i.action.evidence] for i in items]


def by_heading(items):
    groups = []
    for item in items:
        if not groups or groups[-1][0].pk != item.heading_id:
            groups.append((item.heading, []))
        groups[-1][1].append(item)
    return groups


@requires(Perm.VIEW_PLAN)
def plan(request, pk):
    event = event_for(request, pk, Perm.VIEW_PLAN)
    items = plan_items(event)
    fmt = exports.requested(request)
    if fmt:
        return exports.download(request, fmt, filename=download_name(event, "action-plan"), headers=COLUMNS,
                                rows=export_rows(items), sheet="Action plan")
    organiser = request.user.has_perm(Perm.EDIT_REPORT, event)
    return render(request, "practice/plan/plan.html", {
        "title": f"Action plan: {event.title}",
        "event": event,
        "groups": by_heading(items),
        "responsibility": responsibility,
        "can_edit": organiser and event.status == PracticeEvent.Status.ANALYSIS,
        "today": timezone.localdate(),
        "back_url": reverse("practice:event_detail", args=[event.pk]),
    })


@requires(Perm.VIEW_PLAN)
def plan_docx(request, pk):
    event = event_for(request, pk, Perm.VIEW_PLAN)
    groups = by_heading(plan_items(event))
    blocks = [docx.Para(f"{event.get_kind_display()}, {date_uk(event.starts_on)} to {date_uk(event.ends_on)}. "
                        f"Focus: {event.focus}")]
    for heading, items in groups:
        blocks.append(docx.Heading(1, category(heading)))
        blocks.append(docx.Table(WORD_COLUMNS, [
            [i.number, i.issue_identified, i.action.title, i.action.rationale, i.action.get_priority_display(),
             date_uk(i.action.due_date), responsibility(i), i.action.get_status_display()] for i in items]))
    if not groups:
        blocks.append(docx.Para("The action plan has no items."))
    response = HttpResponse(docx.document(f"Action plan: {event.title}", blocks),
                            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="{download_name(event, "action-plan")}.docx"'
    response["Cache-Control"] = "private, no-store"
    return response


def chosen_entries(event, ids):
    """The entries asked for (the analysis page's ticks), in the order asked, that the plan may come from:
    this event's, from handed-in observations, not removed. Anything else in the address is left out."""
    wanted = [int(i) for i in ids if str(i).isdigit()]
    found = {e.pk: e for e in ObservationEntry.objects.filter(
        pk__in=wanted, observation__event=event, observation__state=Observation.State.HANDED_IN,
        removed_at__isnull=True).select_related("heading", "theme", "observation__team")}
    return [found[i] for i in dict.fromkeys(wanted) if i in found]


@requires(Perm.EDIT_REPORT, methods=EDIT)
def plan_item_create(request, pk):
    event = event_for(request, pk, Perm.EDIT_REPORT)
    pool = ObservationEntry.objects.filter(observation__event=event, observation__state=Observation.State.HANDED_IN,
                                           removed_at__isnull=True)
    if request.method == "POST":
        form = PlanItemForm(request.POST, event=event, entries=pool)
        entries = chosen_entries(event, request.POST.getlist("entries"))
    else:
        entries = chosen_entries(event, request.GET.getlist("entry"))
        filled = services.prefill(entries)
        form = PlanItemForm(event=event, entries=pool, initial={**filled, "entries": [e.pk for e in entries]})

    def save(form):
        data = form.cleaned_data
        return services.add_item(actor=request.user, event=event, heading=data["heading"],
                                 issue_identified=data["issue_identified"], title=data["title"],
                                 rationale=data["rationale"], priority=data["priority"], owner=data["owner"],
                                 due_date=data["due_date"], theme=data["theme"], team=data["team"],
                                 responsibility_note=data["responsibility_note"], entries=list(data["entries"]))

    return service_form(
        request, form, save=save, template="practice/plan/item_form.html",
        success_message=lambda item: f"Item {item.heading.number}.{item.number} added to the action plan",
        success_url=reverse("practice:plan", args=[event.pk]),
        context={"title": "Add to the action plan", "caption": event.title, "event": event, "entries": entries,
                 "entries_counted": counted(len(entries), "entry", "entries"),
                 "back_url": reverse("practice:plan", args=[event.pk]), "back_text": "Back to the action plan",
                 "submit_text": "Add to the action plan"})


@requires(Perm.EDIT_REPORT, methods=EDIT)
def plan_item_edit(request, pk):
    item = _item(request, pk)
    event = item.event
    form = PlanItemEditForm(request.POST or None, event=event, initial={
        "heading": item.heading, "issue_identified": item.issue_identified,
        "responsibility_note": item.responsibility_note})

    def save(form):
        data = form.cleaned_data
        return services.edit_item(actor=request.user, item=item, heading=data["heading"],
                                  issue_identified=data["issue_identified"],
                                  responsibility_note=data["responsibility_note"])

    return service_form(
        request, form, save=save, success_message="Action plan item updated",
        success_url=reverse("practice:plan", args=[event.pk]),
        context={"title": f"Change item {item.heading.number}.{item.number}", "caption": event.title,
                 "intro": f"Action: {item.action.title}. The action's owner, date, status and evidence are "
                          "changed on its action page.",
                 "back_url": reverse("practice:plan", args=[event.pk]), "back_text": "Back to the action plan",
                 "submit_text": "Save item"})


@requires(Perm.EDIT_REPORT, methods=("POST",))
def plan_item_remove(request, pk):
    item = _item(request, pk)
    event_pk, label = item.event_id, f"{item.heading.number}.{item.number}"
    return service_action(request, lambda: services.remove_item(actor=request.user, item=item),
                          success_message=f"Item {label} removed from the action plan; its action is cancelled",
                          redirect_to=reverse("practice:plan", args=[event_pk]))


@requires(Perm.EDIT_REPORT, methods=("POST",))
def plan_item_move(request, pk):
    item = _item(request, pk)
    up = request.POST.get("direction") == "up"
    return service_action(request, lambda: services.move_item(actor=request.user, item=item, up=up),
                          success_message="Action plan item moved",
                          redirect_to=reverse("practice:plan", args=[item.event_id]))


urlpatterns = [
    path("<int:pk>/plan/", plan, name="plan"),
    path("<int:pk>/plan.docx", plan_docx, name="plan_docx"),
    path("<int:pk>/plan/new/", plan_item_create, name="plan_item_create"),
    path("plan/<int:pk>/edit/", plan_item_edit, name="plan_item_edit"),
    path("plan/<int:pk>/remove/", plan_item_remove, name="plan_item_remove"),
    path("plan/<int:pk>/move/", plan_item_move, name="plan_item_move"),
]
