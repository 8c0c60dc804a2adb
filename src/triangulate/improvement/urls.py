"""The improvement pages: every module in improvement/views/ adds its own `urlpatterns` (core/views/joined_urls.py),
so issue 12's slices add pages without editing a shared file. The permission matrix still fails for any page it
lacks."""

from triangulate.core.views.joined_urls import joined_patterns

from . import views

app_name = "improvement"
urlpatterns = joined_patterns(views)
