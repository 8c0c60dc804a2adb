"""The tool builder's tool and version pages (design §1.1, §9.1): the list of tools, one tool with its versions,
and one version, which is both a readable preview and a printable blank form (print CSS hides the rest).
A draft's version page also carries the builder's buttons: add, change, move and delete sections and questions,
publish, discard. Everyone with a role reads tools (VIEW_TOOLS); QA leads and PSWs change them (MANAGE_TOOLS).
Sections and questions have their own pages in tool_content.py."""

from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse

from triangulate.core.concurrency import VERSION, submitted_values, version_of
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.people.selectors import the_council

from ..forms_tools import ToolCreateForm, ToolForm, VersionForm
from ..models import AuditTool, CaseType, GradeScale, ToolVersion
from ..rules import Perm
from ..services import tools as services

Status = ToolVersion.Status
GET, EDIT, POST = ("GET", "HEAD"), ("GET", "HEAD", "POST"), ("POST",)


def council_tools():
    return AuditTool.objects.filter(council=the_council())


def council_versions():
    return ToolVersion.objects.filter(tool__council=the_council()).select_related("tool", "grade_scale")


def version_url(version):
    return reverse("audits:version_detail", args=[version.pk])


def tool_url(tool):
    return reverse("audits:tool_detail", args=[tool.pk])


@requires(Perm.VIEW_TOOLS)
def tool_list(request):
    tools = list(council_tools().prefetch_related("versions"))
    for tool in tools:
        versions = {v.status: v for v in tool.versions.all() if v.status != Status.RETIRED}
        tool.live, tool.draft = versions.get(Status.LIVE), versions.get(Status.DRAFT)
    return render(request, "audits/tools/tool_list.html", {
        "title": "Audit tools", "tools": tools, "can_manage": request.user.has_perm(Perm.MANAGE_TOOLS),
    })


@requires(Perm.MANAGE_TOOLS, methods=EDIT)
def tool_create(request):
    council = the_council()
    default = GradeScale.objects.filter(council=council, is_default=True).first()
    form = ToolCreateForm(request.POST or None, council=council, initial={
        "kind": AuditTool.Kind.FULL, "population": "open_cases", "grade_scale": default.pk if default else None})

    def save(form):
        data = form.cleaned_data
        return services.create_tool(actor=request.user, council=council, name=data["name"], key=data["key"],
                                    kind=data["kind"], population=data["population"],
                                    description=data["description"], grade_scale=data["grade_scale"])

    return service_form(
        request, form, save=save,
        success_message=lambda tool: f"Tool “{tool.name}” added: add its sections and questions to draft version 1",
        success_url=lambda tool: version_url(tool.versions.get()),
        context={"title": "Add an audit tool", "back_url": reverse("audits:tool_list"),
                 "back_text": "Back to audit tools", "submit_text": "Add tool"})


@requires(Perm.VIEW_TOOLS)
def tool_detail(request, pk):
    tool = get_object_or_404(council_tools(), pk=pk)
    versions = list(tool.versions.select_related("grade_scale", "created_by", "published_by", "retired_by"))
    return render(request, "audits/tools/tool_detail.html", {
        "title": tool.name, "tool": tool, "versions": versions,
        "draft": next((v for v in versions if v.status == Status.DRAFT), None),
        "live": next((v for v in versions if v.status == Status.LIVE), None),
        "can_manage": request.user.has_perm(Perm.MANAGE_TOOLS),
    })


@requires(Perm.MANAGE_TOOLS, methods=EDIT)
def tool_edit(request, pk):
    tool = get_object_or_404(council_tools(), pk=pk)
    form = ToolForm(request.POST or None, initial={**model_to_dict(tool, services.TOOL_FIELDS),
                                                   VERSION: tool.version})
    return service_form(
        request, form,
        save=lambda form: services.edit_tool(actor=request.user, tool=tool, expected_version=version_of(form),
                                             **submitted_values(form, services.TOOL_FIELDS)),
        success_message=lambda tool: f"Tool “{tool.name}” updated", success_url=tool_url(tool),
        context={"title": f"Change {tool.name}", "back_url": tool_url(tool), "back_text": f"Back to {tool.name}",
                 "intro": f"Its key, {tool.key}, stays the same: imports and trends find the tool by it."})


@requires(Perm.MANAGE_TOOLS, methods=POST)
def tool_draft(request, pk):
    """"Make a draft": version n+1, a copy of the live version."""
    tool = get_object_or_404(council_tools(), pk=pk)
    return service_action(
        request, lambda: services.new_draft(actor=request.user, tool=tool),
        success_message=lambda draft: f"Draft version {draft.number} made from the live version: change it, then "
                                      "publish it",
        redirect_to=lambda draft: version_url(draft) if draft else tool_url(tool))


@requires(Perm.VIEW_TOOLS)
def version_detail(request, pk):
    version = get_object_or_404(council_versions(), pk=pk)
    sections = list(version.sections.prefetch_related("questions__theme"))
    grades = list(version.grade_scale.grades.order_by("-value"))
    can_edit = version.status == Status.DRAFT and request.user.has_perm(Perm.MANAGE_TOOLS)
    return render(request, "audits/tools/version_detail.html", {
        "title": f"{version.tool.name}, version {version.number}", "version": version, "tool": version.tool,
        "sections": sections, "grades": grades, "can_edit": can_edit,
        "can_manage": request.user.has_perm(Perm.MANAGE_TOOLS),
        "draft": version.tool.versions.filter(status=Status.DRAFT).exclude(pk=version.pk).first(),
        "question_count": sum(len(s.questions.all()) for s in sections),
        "case_types": dict(CaseType.choices),
    })


@requires(Perm.MANAGE_TOOLS, methods=EDIT)
def version_edit(request, pk):
    version = get_object_or_404(council_versions(), pk=pk)
    form = VersionForm(request.POST or None, council=version.tool.council,
                       initial={"grade_scale": version.grade_scale_id, "change_note": version.change_note,
                                VERSION: version.version})
    return service_form(
        request, form, template="audits/tools/version_form.html",
        save=lambda form: services.edit_version(actor=request.user, version=version,
                                                expected_version=version_of(form),
                                                **submitted_values(form, services.VERSION_FIELDS)),
        success_message=f"Version {version.number} updated", success_url=version_url(version),
        context={"title": f"Change version {version.number}", "caption": version.tool.name, "version": version,
                 "back_url": version_url(version), "back_text": f"Back to version {version.number}"})


def _version_action(request, pk, action, message, redirect_to=version_url):
    version = get_object_or_404(council_versions(), pk=pk)
    expected = request.POST.get(VERSION)
    return service_action(
        request, lambda: action(actor=request.user, version=version,
                                expected_version=int(expected) if expected and expected.isdigit() else None),
        success_message=message, redirect_to=lambda result: redirect_to(result) if result else version_url(version))


@requires(Perm.MANAGE_TOOLS, methods=POST)
def version_publish(request, pk):
    return _version_action(request, pk, services.publish,
                           lambda v: f"Version {v.number} is live: new rounds use it; the version before is retired")


@requires(Perm.MANAGE_TOOLS, methods=POST)
def version_retire(request, pk):
    return _version_action(request, pk, services.retire,
                           lambda v: f"Version {v.number} is retired: new rounds cannot use it; audits already using "
                                     "it keep it")


@requires(Perm.MANAGE_TOOLS, methods=POST)
def version_discard(request, pk):
    return _version_action(request, pk, services.discard, "The draft was discarded", redirect_to=tool_url)


urlpatterns = [
    path("tools/", tool_list, name="tool_list"),
    path("tools/new/", tool_create, name="tool_create"),
    path("tools/<int:pk>/", tool_detail, name="tool_detail"),
    path("tools/<int:pk>/edit/", tool_edit, name="tool_edit"),
    path("tools/<int:pk>/draft/", tool_draft, name="tool_draft"),
    path("versions/<int:pk>/", version_detail, name="version_detail"),
    path("versions/<int:pk>/edit/", version_edit, name="version_edit"),
    path("versions/<int:pk>/publish/", version_publish, name="version_publish"),
    path("versions/<int:pk>/retire/", version_retire, name="version_retire"),
    path("versions/<int:pk>/discard/", version_discard, name="version_discard"),
]
