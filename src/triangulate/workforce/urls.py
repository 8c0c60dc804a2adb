"""The workforce pages (design §6): every module in workforce/views/ adds its own `urlpatterns`
(core/views/joined_urls.py), so the slices of design §9 add pages without editing a shared file."""

from triangulate.core.views.joined_urls import joined_patterns

from . import views

app_name = "workforce"
urlpatterns = joined_patterns(views)
