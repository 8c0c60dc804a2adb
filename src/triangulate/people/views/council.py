from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from triangulate.core.concurrency import VERSION, submitted, submitted_values, version_of
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form

from .. import selectors, services
from ..forms import CouncilForm, NeighboursForm, PopulationForm
from ..rules import Perm

EDIT = ("GET", "POST")


def _council():
    council = selectors.the_council()
    if council is None:
        raise Http404("no council")
    return council


@requires(Perm.VIEW_COUNCIL)
def council(request):
    return render(request, "people/council.html", {
        "title": "Council profile", "council": selectors.the_council(),
        "can_manage": request.user.has_perm(Perm.MANAGE_COUNCIL)})


@requires(Perm.MANAGE_COUNCIL, methods=EDIT)
def council_edit(request):
    council = _council()
    form = CouncilForm(request.POST or None, instance=type(council).objects.get(pk=council.pk),
                       initial={VERSION: council.version})
    return service_form(
        request, form,
        save=lambda form: services.update_council(actor=request.user, council=council,
                                                  expected_version=version_of(form),
                                                  **submitted_values(form, CouncilForm.Meta.fields)),
        success_message="Council details updated", success_url=reverse("people:council"),
        context={"title": "Change council details", "back_url": reverse("people:council"),
                 "back_text": "Back to the council profile"})


@requires(Perm.MANAGE_COUNCIL, methods=EDIT)
def population_edit(request):
    council = _council()
    form = PopulationForm(request.POST or None)
    return service_form(
        request, form, save=lambda form: services.set_population(actor=request.user, council=council,
                                                                 **form.cleaned_data),
        success_message=lambda row: f"Population for {row.year} saved", success_url=reverse("people:council"),
        context={"title": "Add or correct a year's population", "back_url": reverse("people:council"),
                 "back_text": "Back to the council profile",
                 "intro": "Rates per 10,000 children use this figure. Entering a year again replaces it."})


@requires(Perm.MANAGE_COUNCIL, methods=EDIT)
def neighbours_edit(request):
    council = _council()
    current = "\n".join(f"{n.la_code} {n.name}" for n in council.statistical_neighbours.all())
    form = NeighboursForm(request.POST or None, initial={"neighbours": current, VERSION: council.version})

    def save(form):
        if "neighbours" in submitted(form):  # a POST without the box is not "remove the list"
            services.replace_statistical_neighbours(actor=request.user, council=council,
                                                    neighbours=form.cleaned_data["neighbours"],
                                                    expected_version=version_of(form))

    return service_form(
        request, form, save=save, success_message="Statistical neighbours saved", success_url=reverse("people:council"),
        stored_values=lambda council: {"neighbours": [(n.la_code, n.name) for n in council.statistical_neighbours.all()]},
        context={"title": "Statistical neighbours", "back_url": reverse("people:council"),
                 "back_text": "Back to the council profile",
                 "intro": "Paste the list from the DfE children's services statistical neighbour benchmarking "
                          "tool. The whole list is replaced when you save."})
