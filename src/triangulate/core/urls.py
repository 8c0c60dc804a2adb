from django.urls import path

from .views import auth, notifications, pages, themes

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("sign-in/", auth.SignInView.as_view(), name="login"),
    path("sign-out/", auth.SignOutView.as_view(), name="logout"),
    path("sign-in/keep-alive/", auth.keep_alive, name="keep_alive"),
    path("health/", pages.health, name="health"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("themes/", themes.theme_list, name="theme_list"),
    path("themes/new/", themes.theme_create, name="theme_create"),
    path("themes/<int:pk>/edit/", themes.theme_edit, name="theme_edit"),
    path("audit-trail/", pages.audit_event_list, name="audit_event_list"),
    path("access-log/", pages.access_log_list, name="access_log_list"),
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/<int:pk>/read/", notifications.notification_read, name="notification_read"),
]
