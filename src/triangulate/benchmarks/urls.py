from django.urls import path

from . import views

app_name = "benchmarks"

urlpatterns = [
    path("", views.upload_list, name="upload_list"),
    path("new/", views.upload_create, name="upload_create"),
    path("template.csv", views.template_download, name="template"),
    path("<int:pk>/", views.upload_detail, name="upload_detail"),
    path("<int:pk>/delete/", views.upload_delete, name="upload_delete"),
]
