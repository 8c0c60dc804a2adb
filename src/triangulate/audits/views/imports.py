"""The historic tracker import pages (design §7, §9.1): the list, the upload, a tracker's status and errors, its
mapping of columns and values, running and discarding it, and a blank tracker for a tool version."""

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse

from triangulate.core import exports
from triangulate.core.access_log import log_child_access
from triangulate.core.concurrency import VERSION, VersionField, version_of
from triangulate.core.formatting import counted
from triangulate.core.forms import GovukForm
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.people.models import Team
from triangulate.people.selectors import the_council

from ..models import ToolVersion, TrackerImport
from ..rules import Perm
from ..services import importer
from ..services import tracker_mapping as tm

EDIT = ("GET", "HEAD", "POST")


def trackers():
    return TrackerImport.objects.filter(council=the_council()).select_related("uploaded_by")


class UploadForm(GovukForm):
    file = forms.FileField(label="Tracker (.xlsx or .csv, at most 10 MB)",
                           help_text="One row per audit, under a heading row such as Child ID, Team, Date of audit, "
                                     "Overall grade.")


@requires(Perm.IMPORT_TRACKER)
def import_list(request):
    versions = (ToolVersion.objects.filter(tool__council=the_council()).exclude(status=ToolVersion.Status.DRAFT)
                .select_related("tool").order_by("tool__name", "number"))
    return render(request, "audits/imports/import_list.html", {"title": "Tracker imports", "trackers": trackers(),
                                                               "versions": versions})


@requires(Perm.IMPORT_TRACKER, methods=EDIT)
def import_create(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    return service_form(
        request, form,
        save=lambda form: importer.upload_tracker(actor=request.user, council=the_council(),
                                                  uploaded=form.cleaned_data["file"]),
        success_message="Tracker uploaded. Check what each column means",
        success_url=lambda t: reverse("audits:import_mapping", args=[t.pk]), template="audits/imports/import_upload.html",
        context={"title": "Import a tracker", "submit_text": "Upload", "back_url": reverse("audits:import_list"),
                 "back_text": "Back to tracker imports",
                 "intro": "Bring in audits done before Triangulate, from an Excel or CSV tracker. Nothing is saved "
                          "until every row can be read."})


@requires(Perm.IMPORT_TRACKER)
def import_detail(request, pk):
    tracker = get_object_or_404(trackers().select_related("round"), pk=pk)
    errors = list(tracker.errors.all())
    child_heading = next((tracker.headings[int(c)] for c, t in tracker.mapping.items()
                          if t == tm.CHILD_ID and int(c) < len(tracker.headings)), None)
    children = [e.value for e in errors if e.column == child_heading and e.value]
    fmt = exports.requested(request)
    if fmt:
        return exports.download(request, fmt, filename=f"tracker-{tracker.pk}-errors",
                                headers=["Row", "Column", "Value", "Problem"],
                                rows=[[e.row, e.column, e.value, e.problem] for e in errors],
                                children=children, resource="tracker_errors")
    if children:
        log_child_access(request, children, resource="tracker_errors")
    return render(request, "audits/imports/import_detail.html", {
        "title": tracker.original_name, "tracker": tracker, "errors": errors,
        "has_file": importer.reading.has_file(tracker), "missing": importer.missing_targets(tracker),
        "can_change": tracker.status in importer.OPEN})


class MappingForm(GovukForm):
    header_row = forms.IntegerField(label="Heading row", min_value=1, max_value=10,
                                    help_text="The row of the sheet holding the column headings")
    default_tool_version = forms.ModelChoiceField(queryset=ToolVersion.objects.none(), required=False,
                                                  label="Tool used, when the tracker has no tool column")
    version = VersionField()

    def __init__(self, *args, tracker, versions, values, spellings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_tool_version"].queryset = ToolVersion.objects.filter(pk__in=[v.pk for v in versions])
        self.fields["default_tool_version"].label_from_instance = lambda v: f"{v.tool.name}, version {v.number}"
        targets = [("", "Ignore this column")] + list(tm.FIXED_TARGETS.items()) + sorted(
            {(tm.QUESTION + q.key, f"Question: {q.key}") for v in versions for s in v.sections.all()
             for q in s.questions.all()}, key=lambda c: c[1])
        self.columns = []
        for index, heading in enumerate(tracker.headings):
            if not heading:
                continue
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(label=heading, choices=targets, required=False,
                                                  initial=tracker.mapping.get(str(index), ""))
            self.columns.append(name)
        scale = importer.default_version(tracker, versions)
        grade_choices = [(str(g.value), g.label) for g in scale.grade_scale.grades.all()] if scale else []
        teams = [(str(t.pk), t.name) for t in Team.objects.filter(council=tracker.council).order_by("name")]
        tools = [(str(v.pk), f"{v.tool.name}, version {v.number}") for v in versions]
        grade_questions, yes_no_questions = importer.question_targets(versions)
        self.values = []
        for target, counts in values.items():
            if tm.is_grade_target(target, grade_questions):
                codes = grade_choices
            elif target == tm.TEAM:
                codes = teams
            elif target == tm.TOOL:
                codes = tools
            elif target in yes_no_questions:
                codes = list(tm.YES_NO.items())
            else:
                codes = list(tm.CODES.get(target, {}).items())
            for text, count in sorted(counts.items()):
                name = f"value_{len(self.values)}"
                current = tracker.value_maps.get(target, {}).get(text)
                self.fields[name] = forms.ChoiceField(
                    label=f"{tm.FIXED_TARGETS.get(target, target.removeprefix(tm.QUESTION))}: “{spellings[text]}” "
                          f"({count} {'row' if count == 1 else 'rows'})",
                    choices=[("?", "Not yet chosen"), ("", "Blank (no value)")] + codes, required=False,
                    initial="?" if current is None else current)
                self.values.append((name, target, text))


@requires(Perm.IMPORT_TRACKER, methods=EDIT)
def import_mapping(request, pk):
    tracker = get_object_or_404(trackers(), pk=pk)
    back = {"back_url": reverse("audits:import_detail", args=[pk]), "back_text": "Back to the tracker"}
    if tracker.status not in importer.OPEN:
        return render(request, "audits/imports/import_closed.html", {"title": tracker.original_name, **back,
                      "message": "This tracker has been imported or discarded, so its mapping cannot change."})
    versions = importer.versions_of(tracker.council)
    try:
        _, rows = importer.read(tracker)
    except ValidationError as error:
        return render(request, "audits/imports/import_closed.html", {"title": tracker.original_name, **back,
                      "message": error.messages[0]})
    values, spellings = importer.distinct_values(tracker, rows, versions)
    form = MappingForm(request.POST or None, tracker=tracker, versions=versions, values=values, spellings=spellings,
                       initial={"header_row": tracker.header_row, VERSION: tracker.version,
                                "default_tool_version": tracker.default_tool_version_id})

    def save(form):
        data = form.cleaned_data
        mapping = {name.removeprefix("column_"): data.get(name, "") for name in form.columns}
        value_maps = {}
        for name, target, text in form.values:
            if data.get(name) != "?":
                value_maps.setdefault(target, {})[text] = data.get(name) or ""
        return importer.save_mapping(actor=request.user, tracker=tracker, expected_version=version_of(form),
                                     header_row=data["header_row"], mapping=mapping, value_maps=value_maps,
                                     default_tool_version=data["default_tool_version"])

    return service_form(request, form, template="audits/imports/import_mapping.html", save=save,
                        success_message="Mapping saved", success_url=reverse("audits:import_mapping", args=[pk]),
                        context={"title": "What each column means", "caption": tracker.original_name,
                                 "submit_text": "Save the mapping", "tracker": tracker, **back})


@requires(Perm.IMPORT_TRACKER, methods=("POST",))
def import_run(request, pk):
    tracker = get_object_or_404(trackers(), pk=pk)

    def run():
        result = importer.run_import(actor=request.user, tracker=tracker)
        if result.status != TrackerImport.Status.IMPORTED:  # its problems are kept: said as an error, not a success
            raise ValidationError(f"Nothing was imported: {counted(result.errors.count(), 'problem')} found. "
                                  "Correct them and try again")
        return result

    return service_action(request, run, success_message=lambda result: f"Imported {counted(result.rows, 'audit')}",
                          redirect_to=reverse("audits:import_detail", args=[pk]))


@requires(Perm.IMPORT_TRACKER, methods=("POST",))
def import_discard(request, pk):
    tracker = get_object_or_404(trackers(), pk=pk)
    return service_action(request, lambda: importer.discard_tracker(actor=request.user, tracker=tracker),
                          success_message="Tracker discarded and its file deleted",
                          redirect_to=reverse("audits:import_list"))


@requires(Perm.IMPORT_TRACKER)
def import_template(request, pk):
    """A blank tracker for one tool version: the required columns, then one column per question key."""
    version = get_object_or_404(ToolVersion.objects.filter(tool__council=the_council()).select_related("tool"), pk=pk)
    questions = [q for s in version.sections.prefetch_related("questions").all() for q in s.questions.all()]
    headers = ["Child Unique ID", "Team", "Date completed", "Auditor", "Worker", "Case type", "Overall grade"]
    headers += [q.key for q in questions] + ["Moderated grade", "Moderator", "Next steps"]
    fmt = exports.requested(request) or "xlsx"
    return exports.download(request, fmt, filename=f"tracker-template-{version.tool.key.replace('_', '-')}"
                            f"-v{version.number}", headers=headers, rows=[])


urlpatterns = [
    path("imports/", import_list, name="import_list"),
    path("imports/new/", import_create, name="import_create"),
    path("imports/<int:pk>/", import_detail, name="import_detail"),
    path("imports/<int:pk>/mapping/", import_mapping, name="import_mapping"),
    path("imports/<int:pk>/run/", import_run, name="import_run"),
    path("imports/<int:pk>/discard/", import_discard, name="import_discard"),
    path("imports/template/<int:pk>/", import_template, name="import_template"),
]
