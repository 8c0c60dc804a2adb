"""The health check's plan beyond its page (design §5.4, §7): the Word and PDF copies, and correcting or removing a
row.

- The copies: a published check's plan is everyone's with VIEW_HEALTH, a check before publishing only the health
  leads' (views.health.check_for), as the plan page. Not child-level: no access log.
- Correcting a row (one page a row): "you said", each of its "we will" actions (title, owner, due date) and "we
  expect you", against the row's version; a stale save is refused with what is stored now beside what was entered
  (core/views/forms.service_form). Removing: a confirmation page saying what happens to the actions and the finding.
  Both are the health leads' (MANAGE_HEALTH) while the plan can be written (the check closed or published)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone

from triangulate.core.concurrency import StaleEdit, VersionField, submitted_values, version_of
from triangulate.core.forms import GovukDateField, GovukForm
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form
from triangulate.improvement.forms import OwnerChoiceField
from triangulate.improvement.selectors import possible_owners
from triangulate.reports import docx, pdf

from .. import health_plan_export as export
from ..models import HealthPlanItem
from ..rules import Perm
from ..services import health_plan as services
from .health import check_for

EDIT = ("GET", "HEAD", "POST")
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CACHE = ("cache", "health-plans")


def _plan_url(check):
    return reverse("workforce:health_plan", args=[check.pk])


def _download(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _name(check, ext):
    return f"health-check-{check.year}-plan.{ext}"


@requires(Perm.VIEW_HEALTH)
def health_plan_docx(request, pk):
    check = check_for(request, pk)
    doc = export.document_for(check)
    return _download(docx.document(doc.title, doc.blocks()), WORD, _name(check, "docx"))


@requires(Perm.VIEW_HEALTH)
def health_plan_pdf(request, pk):
    check = check_for(request, pk)
    doc = export.document_for(check)
    html = render_to_string("workforce/health/plan_print.html", {"doc": doc, "columns": export.COLUMNS})
    document = pdf.cached_html_to_pdf(html, pdf.PRINT_CSS, title=doc.title,
                                      folder=settings.DATA_DIR.joinpath(*PDF_CACHE))
    return _download(document, "application/pdf", _name(check, "pdf"))


def _item(request, pk):
    """The row (404 if there is none), its check the reader's to change (403 otherwise)."""
    item = get_object_or_404(HealthPlanItem.objects.select_related("health_check", "finding"), pk=pk)
    check_for(request, item.health_check_id, manage=True)
    return item


def _closed_to_writing(request, item):
    check = item.health_check
    if check.status in services.PLANNING:
        return None
    messages.error(request, f"{check.title} is {check.get_status_display().lower()}: its plan is written once it "
                            "is closed.")
    return redirect(_plan_url(check))


class PlanRowForm(GovukForm):
    """A row's parts, with three fields for each of its actions (`we_will_<id>`, `owner_<id>`, `due_date_<id>`)
    between "you said" and "we expect you", as the plan reads across."""

    version = VersionField()
    you_said = forms.CharField(label="You said", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                               help_text="What staff told us, in their words where you can. Never a name.",
                               error_messages={"required": "Enter what staff said",
                                               "max_length": "What staff said must be 2000 characters or fewer"})
    we_expect_you = forms.CharField(label="We expect you (optional)", required=False, max_length=2000,
                                    widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = actions
        owners = possible_owners()
        many = len(actions) > 1
        for n, action in enumerate(actions, start=1):
            which = f" {n}" if many else ""
            self.fields[f"we_will_{action.pk}"] = forms.CharField(
                label=f"We will{which}", max_length=200, help_text=f"Status: {action.get_status_display()}",
                error_messages={"required": "Enter what we will do",
                                "max_length": "What we will do must be 200 characters or fewer"})
            self.fields[f"owner_{action.pk}"] = OwnerChoiceField(
                label=f"Owner of action{which}" if many else "Owner", queryset=owners, empty_label="Select an owner",
                error_messages={"required": "Select who owns the action"})
            self.fields[f"due_date_{action.pk}"] = GovukDateField(
                label=f"Due date of action{which}" if many else "Due date",
                label_lower=f"due date of action{which}" if many else "due date")
        self.order_fields(["you_said", *[f"{part}_{a.pk}" for a in actions for part in ("we_will", "owner",
                                                                                         "due_date")],
                           "we_expect_you"])

    def changes(self):
        """The service's arguments from the fields the POST carried."""
        sent = submitted_values(self)
        out = {k: sent[k] for k in ("you_said", "we_expect_you") if k in sent}
        we_will = {}
        for action in self.actions:
            for part, key in (("we_will", "title"), ("owner", "owner"), ("due_date", "due_date")):
                if f"{part}_{action.pk}" in sent:
                    we_will.setdefault(action.pk, {})[key] = sent[f"{part}_{action.pk}"]
        if we_will:
            out["we_will"] = we_will
        return out


def row_values(item, actions):
    values = {"you_said": item.you_said, "we_expect_you": item.we_expect_you}
    for action in actions:
        values |= {f"we_will_{action.pk}": action.title, f"owner_{action.pk}": action.owner,
                   f"due_date_{action.pk}": action.due_date}
    return values


@requires(Perm.MANAGE_HEALTH, methods=EDIT)
def health_plan_edit(request, pk):
    item = _item(request, pk)
    check = item.health_check
    refused = _closed_to_writing(request, item)
    if refused:
        return refused
    actions = services.row_actions(item)
    form = PlanRowForm(request.POST or None, actions=actions,
                       initial={"version": item.version, **row_values(item, actions)})
    return service_form(
        request, form,
        save=lambda form: services.update_plan_item(actor=request.user, item=item, expected_version=version_of(form),
                                                    **form.changes()),
        success_message=f"Row {item.number} saved", success_url=_plan_url(check),
        stored_values=lambda stored: row_values(stored, services.row_actions(stored)),
        context={"title": f"Change row {item.number} of the plan", "caption": check.title,
                 "back_url": _plan_url(check), "submit_text": "Save the row"})


@requires(Perm.MANAGE_HEALTH, methods=EDIT)
def health_plan_remove(request, pk):
    item = _item(request, pk)
    check = item.health_check
    refused = _closed_to_writing(request, item)
    if refused:
        return refused
    if request.method == "POST":
        version = request.POST.get("version", "")
        try:
            cancelled = services.remove_plan_item(actor=request.user, item=item,
                                                  expected_version=int(version) if version.isdigit() else None)
        except StaleEdit:
            messages.error(request, "Someone changed this row after you opened the page, so it was not removed. "
                                    "Check it below, then remove it again if you still mean to.")
            return redirect(reverse("workforce:health_plan_remove", args=[item.pk]))
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(_plan_url(check))
        done = f"Row {item.number} removed from the plan"
        if cancelled:
            done += f": {len(cancelled)} open action{'s' if len(cancelled) != 1 else ''} cancelled"
        messages.success(request, done)
        return redirect(_plan_url(check))
    actions = services.row_actions(item)
    return render(request, "workforce/health/plan_remove.html", {
        "title": f"Remove row {item.number} of the plan", "check": check, "item": item, "actions": actions,
        "open_actions": [a for a in actions if a.is_open], "today": timezone.localdate(),
        "back_url": _plan_url(check)})


urlpatterns = [
    path("health-check/<int:pk>/plan.docx", health_plan_docx, name="health_plan_docx"),
    path("health-check/<int:pk>/plan.pdf", health_plan_pdf, name="health_plan_pdf"),
    path("health-check/plan/<int:pk>/", health_plan_edit, name="health_plan_edit"),
    path("health-check/plan/<int:pk>/remove/", health_plan_remove, name="health_plan_remove"),
]
