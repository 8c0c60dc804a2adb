"""Page-level permission checks. Object-level scope is applied by fetching through
`visible_to(user)` selectors, so an out-of-scope object is simply not found (404)."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.views.decorators.http import require_http_methods

from triangulate.core.authority import Permission


def requires(perm, methods=("GET", "HEAD")):
    """Allow the view only to users holding `perm` (a member of an app's Perm enum; else 403) and only for
    `methods` (else 405)."""
    if not isinstance(perm, Permission):
        raise TypeError(f"permissions are named in an app's Perm enum, not given as text ({perm!r})")

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                raise PermissionDenied(perm)
            return view(request, *args, **kwargs)

        return require_http_methods(list(methods))(wrapped)

    return decorate
