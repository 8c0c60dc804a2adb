from django.urls import path

from .views import children, kpi, overview

app_name = "performance"

urlpatterns = [
    path("", overview.dashboard, name="dashboard"),
    path("kpis/<slug:kpi_id>/", kpi.kpi_detail, name="kpi_detail"),
    path("kpis/<slug:kpi_id>/children/", children.kpi_children, name="kpi_children"),
]
