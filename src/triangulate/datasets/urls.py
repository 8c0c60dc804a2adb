from django.urls import path

from . import views

app_name = "datasets"

urlpatterns = [
    path("uploads/", views.upload_list, name="upload_list"),
    path("uploads/new/", views.upload_create, name="upload_create"),
    path("uploads/<int:pk>/", views.upload_detail, name="upload_detail"),
    path("team-names/", views.team_names_page, name="team_names"),
]
