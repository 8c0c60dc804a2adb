from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from triangulate.core import selectors, services
from triangulate.core.concurrency import VERSION, submitted_values, version_of
from triangulate.core.models import Theme
from triangulate.core.theme_forms import ThemeForm
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form

from ..rules import Perm


@requires(Perm.VIEW_THEMES)
def theme_list(request):
    return render(request, "core/theme_list.html", {
        "title": "Practice themes", "themes": selectors.all_themes(),
        "can_manage": request.user.has_perm(Perm.MANAGE_THEMES),
    })


@requires(Perm.MANAGE_THEMES, methods=("GET", "POST"))
def theme_create(request):
    form = ThemeForm(request.POST or None, initial={"is_active": True, "order": 0})

    def save(form):
        data = form.cleaned_data
        theme = services.create_theme(actor=request.user, name=data["name"], description=data["description"],
                                      order=data["order"])
        if not data["is_active"]:
            services.update_theme(actor=request.user, theme=theme, is_active=False)
        return theme

    return service_form(request, form, save=save, template="core/theme_form.html",
                        success_message=lambda theme: f"Theme “{theme.name}” added",
                        success_url=reverse("core:theme_list"), context={"title": "Add a theme"})


@requires(Perm.MANAGE_THEMES, methods=("GET", "POST"))
def theme_edit(request, pk):
    theme = get_object_or_404(Theme, pk=pk)
    form = ThemeForm(request.POST or None, instance=Theme.objects.get(pk=pk), initial={VERSION: theme.version})
    return service_form(
        request, form, template="core/theme_form.html",
        save=lambda form: services.update_theme(actor=request.user, theme=theme, expected_version=version_of(form),
                                                **submitted_values(form, ThemeForm.Meta.fields)),
        success_message=lambda theme: f"Theme “{theme.name}” updated", success_url=reverse("core:theme_list"),
        context={"title": f"Change {theme.name}", "theme": theme})
