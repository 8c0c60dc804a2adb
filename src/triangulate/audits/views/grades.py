"""The grade scale pages (design §1.1, §9.1): the council's scales with their grades, and a scale's and a grade's
change pages. Once a published tool version uses a scale, its values, order, inadequate grade and threshold are
frozen (services/grades.py): their pages then show those as text, with the reason, and offer only the rest."""

from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse

from triangulate.core.concurrency import VERSION, submitted_values, version_of
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form
from triangulate.people.selectors import the_council

from ..forms_tools import GradeForm, ScaleForm
from ..models import Grade, GradeScale, ToolVersion
from ..rules import Perm
from ..services import grades as services

EDIT = ("GET", "HEAD", "POST")
FROZEN_NOTE = ("A published tool version uses this scale, so its values, order, inadequate grade and “good or "
               "better” threshold are fixed: audits already graded compare grades by value. Labels, colours and "
               "descriptions can still change.")


def council_scales():
    return GradeScale.objects.filter(council=the_council())


@requires(Perm.VIEW_TOOLS)
def grade_scale_list(request):
    scales = list(council_scales().prefetch_related("grades"))
    used = set(ToolVersion.objects.exclude(status=ToolVersion.Status.DRAFT)
               .filter(grade_scale__in=scales).values_list("grade_scale_id", flat=True))
    for scale in scales:
        scale.frozen = scale.pk in used
        scale.ordered = sorted(scale.grades.all(), key=lambda g: -g.value)
    return render(request, "audits/tools/grade_scale_list.html", {
        "title": "Grade scales", "scales": scales, "can_manage": request.user.has_perm(Perm.MANAGE_TOOLS),
        "frozen_note": FROZEN_NOTE,
    })


@requires(Perm.MANAGE_TOOLS, methods=EDIT)
def grade_scale_edit(request, pk):
    scale = get_object_or_404(council_scales(), pk=pk)
    frozen = services.is_frozen(scale)
    form = ScaleForm(request.POST or None, scale=scale,
                     initial={**model_to_dict(scale, services.SCALE_FIELDS), VERSION: scale.version})
    if frozen:
        del form.fields["good_threshold"]
    names = [n for n in services.SCALE_FIELDS if n in form.fields]
    return service_form(
        request, form, template="audits/tools/grade_form.html",
        save=lambda form: services.edit_scale(actor=request.user, scale=scale, expected_version=version_of(form),
                                              **submitted_values(form, names)),
        success_message=lambda s: f"Grade scale “{s.name}” updated", success_url=reverse("audits:grade_scale_list"),
        context={"title": f"Change {scale.name}", "back_url": reverse("audits:grade_scale_list"),
                 "back_text": "Back to grade scales", "frozen_note": FROZEN_NOTE if frozen else None,
                 "fixed": [("“Good or better” starts at", scale.good_threshold)] if frozen else []})


@requires(Perm.MANAGE_TOOLS, methods=EDIT)
def grade_edit(request, pk):
    grade = get_object_or_404(Grade.objects.filter(scale__council=the_council()).select_related("scale"), pk=pk)
    scale = grade.scale
    frozen = services.is_frozen(scale)
    form = GradeForm(request.POST or None,
                     initial={**model_to_dict(grade, services.GRADE_FIELDS), VERSION: scale.version})
    if frozen:
        del form.fields["value"], form.fields["is_inadequate"]
    names = [n for n in services.GRADE_FIELDS if n in form.fields]
    return service_form(
        request, form, template="audits/tools/grade_form.html",
        save=lambda form: services.edit_grade(actor=request.user, grade=grade, expected_version=version_of(form),
                                              **submitted_values(form, names)),
        success_message=lambda g: f"Grade “{g.label}” updated", success_url=reverse("audits:grade_scale_list"),
        stored_values=lambda record: model_to_dict(Grade.objects.get(pk=pk)),
        context={"title": f"Change the grade {grade.label}", "caption": scale.name,
                 "back_url": reverse("audits:grade_scale_list"), "back_text": "Back to grade scales",
                 "frozen_note": FROZEN_NOTE if frozen else None,
                 "fixed": [("Value", grade.value), ("Inadequate", "Yes" if grade.is_inadequate else "No")]
                 if frozen else []})


urlpatterns = [
    path("grades/", grade_scale_list, name="grade_scale_list"),
    path("grades/<int:pk>/edit/", grade_scale_edit, name="grade_scale_edit"),
    path("grades/grade/<int:pk>/edit/", grade_edit, name="grade_edit"),
]
