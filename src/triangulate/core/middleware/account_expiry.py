"""Time-limited accounts (inspectors): signed out once their access has ended."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils import timezone


class AccountExpiryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            profile = getattr(user, "profile", None)
            if profile is not None and profile.expires_at and profile.expires_at <= timezone.now():
                logout(request)
                messages.error(request, "Your access to Triangulate has ended. Ask the council to extend it.")
                return redirect("core:login")
        return self.get_response(request)
