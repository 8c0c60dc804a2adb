"""The tool builder's section and question pages (design §9.1): add and change them, and the POST-only "Move up",
"Move down" (never dragging: WCAG 2.5.7) and "Delete" buttons of a draft's version page.

A section or question has no version of its own: its forms carry the draft's, so a save made from a page drawn
before someone else changed the draft is refused and shown beside the stored values."""

from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404
from django.urls import path

from triangulate.core.concurrency import VERSION, submitted_values, version_of
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.people.selectors import the_council

from ..forms_tools import QuestionCreateForm, QuestionEditForm, SectionForm
from ..models import Question, Section
from ..rules import Perm
from ..services import tool_content as services
from .tools import EDIT, POST, council_versions, version_url


def council_sections():
    return Section.objects.filter(version__tool__council=the_council()).select_related("version__tool")


def council_questions():
    return Question.objects.filter(version__tool__council=the_council()).select_related(
        "version__tool", "section", "theme")


def _expected(request):
    value = request.POST.get(VERSION, "")
    return int(value) if value.isdigit() else None


def _draft_warning(version):
    if version.status == services.Status.DRAFT:
        return None
    return (f"Version {version.number} is {version.get_status_display().lower()}: only a draft can be changed. "
            "Make a new draft from the tool's page to change it.")


def _context(version, title, **extra):
    return {"title": title, "caption": f"{version.tool.name}, version {version.number}",
            "back_url": version_url(version), "back_text": f"Back to version {version.number}",
            "not_draft": _draft_warning(version), **extra}


@requires(Perm.MANAGE_TOOLS, methods=EDIT)
def section_create(request, pk):
    version = get_object_or_404(council_versions(), pk=pk)
    form = SectionForm(request.POST or None, initial={VERSION: version.version})
    return service_form(
        request, form, template="audits/tools/content_form.html",
        save=lambda form: services.create_section(
            actor=request.user, version=version, title=form.cleaned_data["title"],
            guidance=form.cleaned_data["guidance"], expected_version=version_of(form)),
        success_message=lambda s: f"Section “{s.title}” added", success_url=version_url(version),
        stored_values=lambda record: {}, context=_context(version, "Add a section", submit_text="Add section"))


@requires(Perm.MANAGE_TOOLS, methods=EDIT)
def section_edit(request, pk):
    section = get_object_or_404(council_sections(), pk=pk)
    version = section.version
    form = SectionForm(request.POST or None,
                       initial={**model_to_dict(section, services.SECTION_FIELDS), VERSION: version.version})
    return service_form(
        request, form, template="audits/tools/content_form.html",
        save=lambda form: services.edit_section(actor=request.user, section=section,
                                                expected_version=version_of(form),
                                                **submitted_values(form, services.SECTION_FIELDS)),
        success_message=lambda s: f"Section “{s.title}” updated", success_url=version_url(version),
        stored_values=lambda record: model_to_dict(Section.objects.get(pk=pk)),
        context=_context(version, f"Change section {section.number}"))


@requires(Perm.MANAGE_TOOLS, methods=POST)
def section_move(request, pk):
    section = get_object_or_404(council_sections(), pk=pk)
    return service_action(
        request, lambda: services.move_section(actor=request.user, section=section,
                                               direction=request.POST.get("direction", ""),
                                               expected_version=_expected(request)),
        success_message=lambda s: f"Section “{s.title}” moved {request.POST['direction']}",
        redirect_to=version_url(section.version) + f"#section-{section.pk}")


@requires(Perm.MANAGE_TOOLS, methods=POST)
def section_delete(request, pk):
    section = get_object_or_404(council_sections(), pk=pk)
    return service_action(
        request, lambda: services.delete_section(actor=request.user, section=section,
                                                 expected_version=_expected(request)),
        success_message=f"Section “{section.title}” and its questions were deleted",
        redirect_to=version_url(section.version))


def _question_values(form, names):
    values = submitted_values(form, names)
    if "applies_to" in values:
        values["applies_to"] = list(values["applies_to"])
    return values


@requires(Perm.MANAGE_TOOLS, methods=EDIT)
def question_create(request, pk):
    section = get_object_or_404(council_sections(), pk=pk)
    version = section.version
    form = QuestionCreateForm(request.POST or None, initial={
        VERSION: version.version, "answer_type": Question.AnswerType.YES_NO, "mandatory": True,
        "allow_not_applicable": True})

    def save(form):
        data = form.cleaned_data
        return services.create_question(
            actor=request.user, section=section, key=data["key"], text=data["text"],
            answer_type=data["answer_type"], theme=data["theme"], mandatory=data["mandatory"],
            allow_not_applicable=data["allow_not_applicable"],
            # Evidence is asked for grades unless the user says otherwise (§1.1).
            asks_evidence=data["asks_evidence"] or data["answer_type"] == Question.AnswerType.GRADE,
            guidance=data["guidance"], applies_to=data["applies_to"], expected_version=version_of(form))

    return service_form(
        request, form, template="audits/tools/question_form.html", save=save,
        success_message=lambda q: f"Question “{q.key}” added to section {section.number}",
        success_url=version_url(version) + f"#section-{section.pk}", stored_values=lambda record: {},
        context=_context(version, f"Add a question to section {section.number}", section=section,
                         submit_text="Add question"))


@requires(Perm.MANAGE_TOOLS, methods=EDIT)
def question_edit(request, pk):
    question = get_object_or_404(council_questions(), pk=pk)
    version = question.version
    initial = model_to_dict(question, services.QUESTION_FIELDS)
    form = QuestionEditForm(request.POST or None, initial={**initial, VERSION: version.version})
    return service_form(
        request, form, template="audits/tools/question_form.html",
        save=lambda form: services.edit_question(
            actor=request.user, question=question, new_trend=form.cleaned_data["new_trend"],
            expected_version=version_of(form), **_question_values(form, services.QUESTION_FIELDS)),
        success_message=lambda q: f"Question “{q.key}” updated",
        success_url=version_url(version) + f"#question-{question.pk}",
        stored_values=lambda record: model_to_dict(Question.objects.get(pk=pk)),
        context=_context(version, f"Change question {question.section.number}.{question.number}",
                         question=question, section=question.section,
                         used_before=services.used_before(version, question.key)))


@requires(Perm.MANAGE_TOOLS, methods=POST)
def question_move(request, pk):
    question = get_object_or_404(council_questions(), pk=pk)
    return service_action(
        request, lambda: services.move_question(actor=request.user, question=question,
                                                direction=request.POST.get("direction", ""),
                                                expected_version=_expected(request)),
        success_message=lambda q: f"Question “{q.key}” moved {request.POST['direction']}",
        redirect_to=version_url(question.version) + f"#question-{question.pk}")


@requires(Perm.MANAGE_TOOLS, methods=POST)
def question_delete(request, pk):
    question = get_object_or_404(council_questions(), pk=pk)
    return service_action(
        request, lambda: services.delete_question(actor=request.user, question=question,
                                                  expected_version=_expected(request)),
        success_message=f"Question “{question.key}” was deleted",
        redirect_to=version_url(question.version) + f"#section-{question.section_id}")


urlpatterns = [
    path("versions/<int:pk>/sections/new/", section_create, name="section_create"),
    path("sections/<int:pk>/edit/", section_edit, name="section_edit"),
    path("sections/<int:pk>/move/", section_move, name="section_move"),
    path("sections/<int:pk>/delete/", section_delete, name="section_delete"),
    path("sections/<int:pk>/questions/new/", question_create, name="question_create"),
    path("questions/<int:pk>/edit/", question_edit, name="question_edit"),
    path("questions/<int:pk>/move/", question_move, name="question_move"),
    path("questions/<int:pk>/delete/", question_delete, name="question_delete"),
]
