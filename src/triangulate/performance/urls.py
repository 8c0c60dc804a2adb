from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("kpis/<slug:kpi_id>/", views.kpi_detail, name="kpi_detail"),
    path("kpis/<slug:kpi_id>/children/", views.kpi_children, name="kpi_children"),
]
