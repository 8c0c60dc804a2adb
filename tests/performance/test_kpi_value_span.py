"""KpiValue.span: each stored row says whether it is one month of a series or the 12 months to the
extract date, so the history reads rows by it rather than working it out from their dates."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from triangulate.datasets.models import Upload
from triangulate.performance import kpi_store
from triangulate.performance.models import KpiValue

from ..kpis.helpers import table

BEFORE = [("performance", "0002_kpivalue_excluded")]
AFTER = [("performance", "0003_kpivalue_span")]


def test_store_marks_the_year_and_each_month(world):
    upload = Upload.objects.create(council=world.own.council, extract_date=date(2025, 3, 15), original_name="x.xlsx",
                                   status=Upload.Status.SUCCEEDED)
    tables = {3: table(3, [{"child_id": "1", "referral_date": date(2025, 3, 3), "allocated_team": "North"}])}
    kpi_store.store(upload, kpi_store.compute(tables, 10_000, upload.extract_date))

    def spans(kpi_id, team=""):
        rows = KpiValue.objects.filter(upload=upload, kpi_id=kpi_id, team=team)
        return sorted((row.span, row.period_start, row.period_end) for row in rows)

    year = ("year", date(2024, 3, 16), date(2025, 3, 15))  # starts and ends in March, a year apart
    march = ("month", date(2025, 3, 1), date(2025, 3, 15))  # the extract's own month, cut at its date
    referrals = spans("referrals")  # flow: the year and 24 calendar months
    assert (len(referrals), referrals[-1], referrals[-2]) == (25, year, march)
    assert referrals[0] == ("month", date(2023, 4, 1), date(2023, 4, 30))
    assert spans("referrals", team="North") == [year]  # teams: the year only
    assert spans("cla_open") == [march, year]  # snapshot: the year, and the same value as its own month


@pytest.mark.django_db(transaction=True)
def test_the_migration_marks_existing_rows_from_their_dates(world):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    upload = old.get_model("datasets", "Upload").objects.get(pk=Upload.objects.create(
        council=world.own.council, extract_date=date(2025, 3, 15), original_name="x.xlsx").pk)
    Value = old.get_model("performance", "KpiValue")
    for kpi_id, start, end in [("year", date(2024, 3, 16), date(2025, 3, 15)),
                               ("whole_year", date(2024, 4, 1), date(2025, 3, 31)),
                               ("month", date(2025, 2, 1), date(2025, 2, 28)),
                               ("cut_month", date(2025, 3, 1), date(2025, 3, 15))]:
        Value.objects.create(upload=upload, kpi_id=kpi_id, period_start=start, period_end=end, team="")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    spans = dict(KpiValue.objects.values_list("kpi_id", "span"))
    assert spans == {"year": "year", "whole_year": "year", "month": "month", "cut_month": "month"}
