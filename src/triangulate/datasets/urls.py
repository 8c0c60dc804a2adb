from django.urls import path

from . import views, views_jobs, views_review

app_name = "datasets"

urlpatterns = [
    path("uploads/", views.upload_list, name="upload_list"),
    path("uploads/new/", views.upload_create, name="upload_create"),
    path("uploads/<int:pk>/", views.upload_detail, name="upload_detail"),
    path("uploads/<int:pk>/cancel/", views_jobs.upload_cancel, name="upload_cancel"),
    path("uploads/<int:pk>/retry/", views_jobs.upload_retry, name="upload_retry"),
    path("uploads/<int:pk>/publish/", views_review.upload_publish, name="upload_publish"),
    path("uploads/<int:pk>/discard/", views_review.upload_discard, name="upload_discard"),
    path("team-names/", views.team_names_page, name="team_names"),
]
