"""The helper every page or export of child-level data must call.

    log_child_access(request, child_ids, resource="performance:child", kind=AccessLog.Kind.VIEW,
                     detail={"kpi": "cla_open", "team": "North 1"})

`detail` says which list it was (the measure and the filters the page was asked for), so an auditor can
see why a child was on the screen; it never holds another child's data.

It writes one AccessLog row per child (so "who saw child X" is one query on child_id), before the
response is built, so a page that fails to log also fails to show: every row is written, or none and the
error goes up.

A download can hold 20,000 children and more. Preparing a model instance per child for bulk_create was
most of such a download's time (bench/children_bench.py, 20,083 children on SQLite: 1.9 to 3.3 s of a 2.1
to 3.5 s download; now 0.2 to 0.3 s of 0.4 to 0.5 s). The rows differ only in the child id, so what
they share is prepared once (one `now` for the whole list, one user, address and detail) and the rows
are inserted in batches, in one transaction.
"""

from django.db import connections, router, transaction

from .client_ip import client_ip
from .models import AccessLog

BATCH = 1_000  # rows handed to the database at a time: bounds the parameters held in memory


def log_child_access(request, child_ids, *, resource, kind=AccessLog.Kind.VIEW, detail=None, user=None):
    """`user`: who the rows are logged as when the request has no signed-in user but answers for one (the data
    feed: a token's issuer, the token named in `detail`); otherwise the request's user."""
    user = request.user if user is None else user
    if not user.is_authenticated:
        raise PermissionError("child-level data requested without a signed-in user")
    ids = list(dict.fromkeys(str(c) for c in child_ids))  # unique, order kept
    if ids:
        shared = AccessLog(user=user, kind=kind, resource=resource, child_id="",
                           ip_address=client_ip(request),  # the same rule as login lockout
                           user_agent=request.META.get("HTTP_USER_AGENT", "")[:256], detail=detail or {})
        _insert_one_per_child(shared, ids)
    return len(ids)


def _insert_one_per_child(shared, ids):
    """INSERT `shared`'s row once per child id, in batches of one statement each:

        INSERT INTO core_accesslog (occurred_at, user_id, ..., child_id, ...)
        SELECT %s, %s, ..., v.column1, ... FROM (VALUES (%s), (%s), ...) AS v

    so the values every row shares are sent once a batch and each child id is one parameter (a
    multi-row VALUES of whole rows, as bulk_create writes, has eight parameters a row: PostgreSQL's
    driver spent a second a 20,000-child list splitting them). Standard SQL: SQLite and PostgreSQL both
    name a VALUES list's column `column1`. The shared values are prepared once, as Django's insert
    prepares each row's: pre_save (occurred_at's auto_now_add gives the list its one `now`), then
    get_db_prep_save (the database's own forms of a date-time, an address, JSON)."""
    connection = connections[router.db_for_write(AccessLog)]
    quote = connection.ops.quote_name
    fields = [f for f in AccessLog._meta.local_concrete_fields if not f.primary_key]
    child = AccessLog._meta.get_field("child_id")
    values = [f.get_db_prep_save(f.pre_save(shared, add=True), connection) for f in fields if f is not child]
    into = "INSERT INTO {} ({}) SELECT {} FROM (VALUES ".format(
        quote(AccessLog._meta.db_table), ", ".join(quote(f.column) for f in fields),
        ", ".join("v.column1" if f is child else "%s" for f in fields))
    limit = connection.features.max_query_params  # SQLite's is set when it is built; PostgreSQL's driver has none
    batch = BATCH if limit is None else min(BATCH, limit - len(values))
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for start in range(0, len(ids), batch):
            chunk = ids[start:start + batch]
            cursor.execute(into + ", ".join(["(%s)"] * len(chunk)) + ") AS v", [*values, *chunk])
