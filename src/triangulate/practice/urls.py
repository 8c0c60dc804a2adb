"""The practice pages (design §9.1): every module in practice/views/ adds its own `urlpatterns` (core/views/joined_urls.py),
so the slices of design §10 add pages without editing a shared file. The permission matrix
(tests/permissions/matrix_practice/) still fails for any page it lacks."""

from triangulate.core.views.joined_urls import joined_patterns

from . import views

app_name = "practice"
urlpatterns = joined_patterns(views)
