"""The system administrator's page mapping the council's groups to roles and teams (docs/design/estate.md §1.4)."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from triangulate.core.concurrency import VERSION, submitted_values, version_of
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form

from .. import services
from ..backend import sso_enabled
from ..forms import GroupMappingForm
from ..models import ExternalIdentity, GroupMapping
from ..rules import Perm

FIELDS = GroupMappingForm.Meta.fields


@requires(Perm.MANAGE_SIGN_IN)
def mapping_list(request):
    return render(request, "sso/mapping_list.html", {
        "title": "Council sign-in", "enabled": sso_enabled(), "sso": settings.TRIANGULATE_SSO,
        "callback": request.build_absolute_uri(reverse("sso:callback")),
        "mappings": GroupMapping.objects.prefetch_related("teams", "service_areas"),
        "bound": ExternalIdentity.objects.count(),
        "from_groups": ExternalIdentity.objects.filter(access_from_groups=True).count(),
    })


@requires(Perm.MANAGE_SIGN_IN, methods=("GET", "POST"))
def mapping_create(request):
    following = (GroupMapping.objects.order_by("-rank").values_list("rank", flat=True).first() or 0) + 10
    form = GroupMappingForm(request.POST or None, initial={"rank": following})

    def save(form):
        data = form.cleaned_data
        return services.create_mapping(actor=request.user, claim_value=data["claim_value"], label=data["label"],
                                       role=data["role"], rank=data["rank"], teams=data["teams"],
                                       service_areas=data["service_areas"])

    return service_form(request, form, save=save, success_message=lambda m: f"Group “{m.label}” mapped",
                        success_url=reverse("sso:group_mappings"),
                        context={"title": "Map a council group", "back_url": reverse("sso:group_mappings"),
                                 "back_text": "Back to council sign-in", "submit_text": "Save mapping"})


@requires(Perm.MANAGE_SIGN_IN, methods=("GET", "POST"))
def mapping_edit(request, pk):
    mapping = get_object_or_404(GroupMapping, pk=pk)
    form = GroupMappingForm(request.POST or None, instance=GroupMapping.objects.get(pk=pk),
                            initial={VERSION: mapping.version})
    return service_form(
        request, form,
        save=lambda form: services.update_mapping(actor=request.user, mapping=mapping,
                                                  expected_version=version_of(form),
                                                  **submitted_values(form, FIELDS)),
        success_message=lambda m: f"Group “{m.label}” updated", success_url=reverse("sso:group_mappings"),
        context={"title": f"Change {mapping.label}", "back_url": reverse("sso:group_mappings"),
                 "back_text": "Back to council sign-in", "submit_text": "Save mapping",
                 "delete_url": reverse("sso:group_mapping_delete", args=[mapping.pk]), "mapping": mapping},
        template="sso/mapping_form.html")


@requires(Perm.MANAGE_SIGN_IN, methods=("POST",))
def mapping_delete(request, pk):
    mapping = get_object_or_404(GroupMapping, pk=pk)
    version = request.POST.get(VERSION)
    return service_action(
        request, lambda: services.delete_mapping(actor=request.user, mapping=mapping,
                                                 expected_version=int(version) if (version or "").isdigit() else None),
        success_message=f"Group “{mapping.label}” no longer gives access", redirect_to=reverse("sso:group_mappings"))
