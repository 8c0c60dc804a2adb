from django import forms
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from triangulate.core.forms import GovukForm
from triangulate.core.views.forms import service_form

from .. import services

RULES = "At least 12 characters; not a common password, not only numbers, and not like your name or username"


class ChangePasswordForm(PasswordChangeForm):
    error_summary = GovukForm.error_summary

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        self.fields["new_password1"].help_text = RULES
        self.error_messages["password_incorrect"] = "Your current password is not right. Enter it again."
        self.error_messages["password_mismatch"] = "The two new passwords do not match"
        for field in self.fields.values():
            field.widget = forms.PasswordInput()


@require_http_methods(["GET", "POST"])
def change_password(request):
    form = ChangePasswordForm(request.user, request.POST or None)

    def save(form):
        services.set_password(actor=request.user, user=request.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)  # stay signed in on this device only

    return service_form(
        request, form, save=save, success_message="Your password has been changed",
        success_url=reverse("core:home"),
        context={"title": "Change your password", "back_url": reverse("core:home"),
                 "back_text": "Back to the home page", "submit_text": "Change password"})
