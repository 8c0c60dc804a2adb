from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from triangulate.core import selectors, services
from triangulate.core.models import Theme
from triangulate.core.theme_forms import ThemeForm
from triangulate.core.views.decorators import requires


@requires("core.view_themes")
def theme_list(request):
    return render(request, "core/theme_list.html", {
        "title": "Practice themes", "themes": selectors.all_themes(),
        "can_manage": request.user.has_perm("core.manage_themes"),
    })


@requires("core.manage_themes", methods=("GET", "POST"))
def theme_create(request):
    form = ThemeForm(request.POST or None, initial={"is_active": True, "order": 0})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        theme = services.create_theme(actor=request.user, name=data["name"], description=data["description"],
                                      order=data["order"])
        if not data["is_active"]:
            services.update_theme(actor=request.user, theme=theme, is_active=False)
        messages.success(request, f"Theme “{theme.name}” added")
        return redirect("core:theme_list")
    return render(request, "core/theme_form.html", {"title": "Add a theme", "form": form})


@requires("core.manage_themes", methods=("GET", "POST"))
def theme_edit(request, pk):
    theme = get_object_or_404(Theme, pk=pk)
    form = ThemeForm(request.POST or None, instance=Theme.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        services.update_theme(actor=request.user, theme=theme, **{f: form.cleaned_data[f] for f in form.Meta.fields})
        messages.success(request, f"Theme “{theme.name}” updated")
        return redirect("core:theme_list")
    return render(request, "core/theme_form.html", {"title": f"Change {theme.name}", "form": form, "theme": theme})
