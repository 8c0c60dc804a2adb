from django.shortcuts import render

from triangulate.core.predicates import role_of


def forbidden(request, exception=None):
    has_role = role_of(request.user) is not None
    return render(request, "core/errors/403.html", {"title": "You do not have access to this page",
                                                    "has_role": has_role}, status=403)


def not_found(request, exception=None):
    return render(request, "core/errors/404.html", {"title": "Page not found"}, status=404)


def server_error(request):
    return render(request, "core/errors/500.html", {"title": "Sorry, there is a problem with the service"},
                  status=500)
