"""Logging filters (wired in settings LOGGING).

A refused request (403) is logged by Django's "django.request" logger with the PermissionDenied
traceback attached: some 40 lines per request, so anyone signed in could flood the log by asking for
pages they may not see. OneLineForbidden rewrites each such record as one line: the method, the path
without its query string (URLs carry no child data; a query string might) and the user's id (never a
name), with no traceback.
"""

import logging


class OneLineForbidden(logging.Filter):
    def filter(self, record):
        request = getattr(record, "request", None)
        if getattr(record, "status_code", None) != 403 or request is None:
            return True
        user = getattr(request, "user", None)
        who = f"user {user.pk}" if user is not None and user.is_authenticated else "not signed in"
        record.msg = "Forbidden: %s %s (%s)"
        # escaped as Django escapes request paths, so a crafted path cannot forge log lines
        record.args = (request.method, request.path.encode("unicode_escape").decode("ascii"), who)
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
