from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from triangulate.core.views.common import attach_errors, form_page
from triangulate.core.views.decorators import requires

from .. import selectors, services
from ..forms import CouncilForm, NeighboursForm, PopulationForm

EDIT = ("GET", "POST")


def _council():
    council = selectors.the_council()
    if council is None:
        raise Http404("no council")
    return council


@requires("people.view_council")
def council(request):
    return render(request, "people/council.html", {
        "title": "Council profile", "council": selectors.the_council(),
        "can_manage": request.user.has_perm("people.manage_council")})


@requires("people.manage_council", methods=EDIT)
def council_edit(request):
    council = _council()
    form = CouncilForm(request.POST or None, instance=type(council).objects.get(pk=council.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_council(actor=request.user, council=council,
                                    **{f: form.cleaned_data[f] for f in CouncilForm.Meta.fields})
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Council details updated")
            return redirect("people:council")
    return form_page(request, form, title="Change council details", back_url=reverse("people:council"),
                     back_text="Back to the council profile")


@requires("people.manage_council", methods=EDIT)
def population_edit(request):
    council = _council()
    form = PopulationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.set_population(actor=request.user, council=council, **form.cleaned_data)
        messages.success(request, f"Population for {form.cleaned_data['year']} saved")
        return redirect("people:council")
    return form_page(request, form, title="Add or correct a year's population", back_url=reverse("people:council"),
                     back_text="Back to the council profile",
                     intro="Rates per 10,000 children use this figure. Entering a year again replaces it.")


@requires("people.manage_council", methods=EDIT)
def neighbours_edit(request):
    council = _council()
    current = "\n".join(f"{n.la_code} {n.name}" for n in council.statistical_neighbours.all())
    form = NeighboursForm(request.POST or None, initial={"neighbours": current})
    if request.method == "POST" and form.is_valid():
        services.replace_statistical_neighbours(actor=request.user, council=council,
                                                neighbours=form.cleaned_data["neighbours"])
        messages.success(request, "Statistical neighbours saved")
        return redirect("people:council")
    return form_page(request, form, title="Statistical neighbours", back_url=reverse("people:council"),
                     back_text="Back to the council profile",
                     intro="Paste the list from the DfE children's services statistical neighbour benchmarking "
                           "tool. The whole list is replaced when you save.")
