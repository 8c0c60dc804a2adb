from django.urls import path

from .views import mappings, signin

app_name = "sso"

urlpatterns = [
    path("oidc/authenticate/", signin.Start.as_view(), name="start"),
    path("oidc/callback/", signin.Callback.as_view(), name="callback"),
    path("people/council-sign-in/", mappings.mapping_list, name="group_mappings"),
    path("people/council-sign-in/new/", mappings.mapping_create, name="group_mapping_create"),
    path("people/council-sign-in/<int:pk>/edit/", mappings.mapping_edit, name="group_mapping_edit"),
    path("people/council-sign-in/<int:pk>/delete/", mappings.mapping_delete, name="group_mapping_delete"),
]
