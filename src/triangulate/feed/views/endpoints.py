"""The feed's endpoints, `/feed/v1/<name>.csv` and `.json` (docs/design/estate.md §4, docs/feed.md).

A token in the `Authorization: Bearer` header is the only credential: these URLs are public to the sign-in
middleware (core/middleware/login_required.py) and never read the session, the signed-in user or a cookie, nor
set one; a session cookie sent along changes nothing. They answer GET (and HEAD) only: anything else is 405
(they are exempt from the CSRF check so that a POST is told 405, not 403: no state changes here, whatever comes).

- missing, unknown, revoked or expired token: 401 with `WWW-Authenticate: Bearer`;
- a scope short of the endpoint (children with an aggregates token, any publication token): 403;
- over 120 calls in the last 60 seconds with one token: 429 with `Retry-After`.

The limit is a count of the token's FeedCall rows of the last minute (the log is written for every call anyway),
not a cache counter: the default cache is each process's own memory, so behind several Gunicorn workers a
cache count would allow 120 a minute per worker; the database is the one place every worker shares, and the
count is one indexed query (token, at).

Every call with a known token is written to FeedCall, refused ones included; calls with no or an unknown token
go to the server log only (there is no token to keep them against)."""

import csv
import io
import json
import logging
from datetime import date, datetime, timedelta

from django.http import HttpResponse
from django.urls import re_path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from triangulate.core.access_log import log_child_access
from triangulate.core.client_ip import client_ip
from triangulate.core.exports import safe_cell

from .. import tokens
from ..models import FeedCall, FeedToken
from ..tables import BadFilter, Filters, Reader, actions, audits, children, kpis, observations

logger = logging.getLogger(__name__)

RATE_LIMIT = 120  # calls a minute per token (design §4)
RATE_WINDOW = timedelta(seconds=60)
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
AGGREGATES = {"kpis": kpis.build, "audits": audits.build, "observations": observations.build,
              "actions": actions.build}


def _plain(status, text, **headers):
    response = HttpResponse(text + "\n", status=status, content_type="text/plain; charset=utf-8")
    for name, value in headers.items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response


def _unauthorised(reason):
    return _plain(401, f"Unauthorised: {reason}. Send the token as the header 'Authorization: Bearer <token>'.",
                  **{"WWW-Authenticate": 'Bearer realm="triangulate-feed"'})


def _log(token, request, endpoint, filters, status, rows=None):
    FeedCall.objects.create(token=token, endpoint=endpoint, filters=filters, rows=rows, status=status,
                            address=client_ip(request) or None)


def _over_limit(token, now):
    served = FeedCall.objects.filter(token=token, at__gt=now - RATE_WINDOW).exclude(status=429)
    return served.count() >= RATE_LIMIT


def answer(request, endpoint, fmt, build, *, needs_children=False, kpi_id=None):
    """Authenticate, check scope and rate, build the table, log the call, write the response."""
    if request.method not in ("GET", "HEAD"):
        response = _plain(405, "Method not allowed: the feed is read-only (GET).")
        response["Allow"] = "GET, HEAD"
        return response
    now = timezone.now()
    token = tokens.find(tokens.presented(request))
    refusal = tokens.refusal(token, now)
    query = {k: request.GET.get(k) for k in ("period", "team", "kpi") if request.GET.get(k)}
    if token is None:
        logger.warning("feed: call to %s with no or an unknown token from %s", endpoint, client_ip(request))
        return _unauthorised(refusal)
    if refusal:
        _log(token, request, endpoint, query, 401)
        return _unauthorised(refusal)
    if needs_children and (token.scope != FeedToken.Scope.CHILDREN or token.publication):
        _log(token, request, endpoint, query, 403)
        return _plain(403, "Forbidden: this token's scope does not include child-level lists.")
    if _over_limit(token, now):
        _log(token, request, endpoint, query, 429)
        return _plain(429, f"Too many requests: at most {RATE_LIMIT} a minute per token.", **{"Retry-After": "60"})
    try:
        filters = Filters.from_query(request.GET)
        reader = Reader.for_token(token, timezone.localdate())
        table = build(filters, reader) if kpi_id is None else build(kpi_id, filters, reader)
    except BadFilter as error:
        _log(token, request, endpoint, query, 400)
        return _plain(400, f"Bad request: {error}.")
    except children.NoSuchMeasure:
        _log(token, request, endpoint, query, 404)
        return _plain(404, "Not found: no such measure, or no extract imported yet.")
    if table.children is not None:  # before anything is sent: a list that cannot be logged is not sent
        log_child_access(request, table.children, resource=children.RESOURCE, user=token.created_by,
                         detail={"kpi": kpi_id, **filters.as_dict(), "feed_token": f"{token.name} ({token.prefix})",
                                 "feed_token_id": token.pk})
    _log(token, request, endpoint, query, 200, rows=len(table.rows))
    FeedToken.objects.filter(pk=token.pk).update(last_used_at=now)
    meta = {"generated_at": now.isoformat(), "endpoint": endpoint, "filters": filters.as_dict(),
            "scope": token.scope, "publication": token.publication, "token": token.name, "rows": len(table.rows),
            **table.meta}
    response = HttpResponse(_csv(table) if fmt == "csv" else _json(table, meta), content_type=FORMATS[fmt])
    response["Cache-Control"] = "private, no-store"
    if fmt == "csv":
        response["Content-Disposition"] = f'inline; filename="{endpoint.replace("/", "-")}.csv"'
    return response


def _csv(table):
    """UTF-8 with a byte-order mark, as core/exports writes: Excel opens such a file as UTF-8 (without the mark it
    guesses the machine's code page and mangles accents), and Power BI reads it either way. Text that would start a
    formula is prefixed with ' (core.exports.safe_cell); empty is None; true and false for the marker columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return safe_cell(value)


def _json_value(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, float) and value != value:
        return None  # NaN is not JSON
    return value


def _json(table, meta):
    rows = [{c: _json_value(v) for c, v in zip(table.columns, row, strict=True)} for row in table.rows]
    return json.dumps({"meta": meta, "rows": rows}, ensure_ascii=False, allow_nan=False)


def _aggregate(name):
    @csrf_exempt
    def view(request, fmt):
        return answer(request, name, fmt, AGGREGATES[name])

    view.__name__ = f"feed_{name}"
    return view


@csrf_exempt
def feed_children(request, kpi_id, fmt):
    return answer(request, f"children/{kpi_id}", fmt, children.build, needs_children=True, kpi_id=kpi_id)


ENDPOINT_NAMES = ["kpis", "audits", "observations", "actions"]
URL_NAMES = {f"feed:{name}" for name in ENDPOINT_NAMES} | {"feed:children"}  # core's FEED_URL_NAMES

FMT = r"\.(?P<fmt>csv|json)$"
urlpatterns = [
    *[re_path(rf"^v1/{name}{FMT}", _aggregate(name), name=name) for name in ENDPOINT_NAMES],
    re_path(rf"^v1/children/(?P<kpi_id>[-a-zA-Z0-9_]+){FMT}", feed_children, name="children"),
]
