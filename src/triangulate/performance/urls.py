from django.urls import path

from .views import children, kpi, overview
from .views.board_pack import board_pack
from .views.heatmap import team_heatmap
from .views.team import team_performance
from .views.timescales import timescales

app_name = "performance"

urlpatterns = [
    path("", overview.dashboard, name="dashboard"),
    path("headlines/", overview.headlines, name="headlines"),
    path("board-pack/", board_pack, name="board_pack"),
    path("kpis/<slug:kpi_id>/", kpi.kpi_detail, name="kpi_detail"),
    path("kpis/<slug:kpi_id>/children/", children.kpi_children, name="kpi_children"),
    path("timescales/", timescales, name="timescales"),
    path("teams/", team_heatmap, name="heatmap"),
    path("teams/<int:pk>/", team_performance, name="team"),
]
