"""Plausibility before publishing (issue 7, item 3): an extract unlike the council's is held for review, the
pages keep showing the published figures until the QA lead publishes it, and discarding it changes nothing
they show. Profiles are hand-computed from small real files; the hostile extracts of the issue go through the
real import job."""

import re
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.datasets import review_services, storage
from triangulate.datasets.models import DataIssue, Upload
from triangulate.datasets.parsers.annex_a.reader import read_annex_a
from triangulate.datasets.plausibility import DATE_KEYS, HOLD, Published, judge, profile
from triangulate.datasets.services import start_annex_a_import
from triangulate.kpis.periods import year_to
from triangulate.people.models import CouncilPopulation
from triangulate.performance import history, selectors
from triangulate.performance.models import KpiValue
from triangulate.synth.journeys import generate_series, write_annex_a

from ..workbooks import workbook

EXTRACT = date(2025, 3, 31)
PREVIOUS = date(2025, 2, 28)
CHILDREN = 2_000  # the synthetic council's 0-17 population


def checks(verdict):
    return {f["check"] for f in verdict.findings if f["severity"] == HOLD}


# ---- the profile, hand-computed --------------------------------------------------------------------------

def test_the_profile_counts_rows_ids_dates_and_rows_with_issues(tmp_path):
    path = workbook(tmp_path / "small.xlsx", {
        "List 1 - Contacts": [["Child Unique ID", "Date of Contact"],
                              ["A", date(2025, 3, 1)],
                              ["A", date(2025, 4, 2)],  # after the extract date
                              ["B", date(1900, 1, 1)],  # before 1990, and before the 5-year window
                              [None, date(2024, 5, 5)],  # no child id: an issue
                              ["C", "31/02/2025"],  # an impossible date: an issue, and no date
                              ["A", date(2020, 3, 30)]],  # the window starts on 31 March 2020
        "List 7 - Child protection": [["Child Unique ID", "Child Protection Plan Start Date"],
                                      ["B", date(2010, 1, 1)], ["D", date(2025, 1, 1)]],
    })
    extract = read_annex_a(path)
    assert profile(extract.tables, extract.row_counts, EXTRACT, issues=len(extract.issues)) == {
        "version": 1, "extract_date": "2025-03-31", "window_years": 5, "issues": 2, "children": 4,  # A B C D
        "lists": {
            "1": {"rows": 6, "ids": 3, "top_id_rows": 3, "issue_rows": 2,
                  "dates": {"column": "contact_date", "count": 5, "min": "1900-01-01", "max": "2025-04-02",
                            "after": 1, "before_1990": 1, "before_window": 2}},
            "7": {"rows": 2, "ids": 2, "top_id_rows": 1, "issue_rows": 0,  # lists 6-10: no window
                  "dates": {"column": "cp_start", "count": 2, "min": "2010-01-01", "max": "2025-01-01",
                            "after": 0, "before_1990": 0}},
        }}


def test_two_million_rows_of_one_child_dated_1900_are_profiled_and_held():
    """The issue's workbook as the reader would give it: only List 1, one child id, dates in 1900."""
    rows = 2_000_000
    same = np.zeros(rows, dtype=np.int64)
    contacts = pa.table({"child_id": pa.array(["77"]).take(same), "contact_date": pa.array([date(1900, 1, 1)]).take(same),
                         "_unreadable": pa.nulls(rows, pa.string())})
    got = profile({1: contacts}, {1: rows}, EXTRACT)
    assert (got["children"], got["lists"]["1"]["ids"], got["lists"]["1"]["top_id_rows"]) == (1, 1, rows)
    assert got["lists"]["1"]["dates"]["before_1990"] == rows
    first = judge(got, population=60_000)  # the council's first extract: nothing to compare with
    assert first.hold and checks(first) == {"one_id", "dates_old", "dates_window", "rows_population"}
    before = Published(PREVIOUS, typical()["lists"], children=3_000)
    assert checks(judge(got, 60_000, before)) == {"one_id", "dates_old", "dates_window", "rows_population",
                                                  "list_missing", "children_size", "list_size"}


# ---- the checks at their thresholds (hand-built profiles) ------------------------------------------------

TYPICAL_ROWS = {1: 8_000, 2: 1_500, 3: 2_400, 4: 2_300, 5: 700, 6: 1_200, 7: 250, 8: 300, 9: 200, 10: 15, 11: 10}


def typical(children=3_000, **changes):
    """A plausible extract's profile; changes: {list number: {field: value}} as list_<n>=..., dates_<n>=..."""
    lists = {}
    for number, rows in TYPICAL_ROWS.items():
        item = {"rows": rows, "ids": rows // 2, "top_id_rows": 6, "issue_rows": rows // 100}
        if number in DATE_KEYS:
            item["dates"] = {"column": DATE_KEYS[number], "count": rows, "min": "2022-04-01", "max": "2025-03-30",
                             "after": 0, "before_1990": 0, **({"before_window": 0} if number <= 5 else {})}
        item.update(changes.get(f"list_{number}", {}))
        if number in DATE_KEYS:
            item["dates"].update(changes.get(f"dates_{number}", {}))
        lists[str(number)] = item
    return {"version": 1, "extract_date": "2025-03-31", "window_years": 5, "issues": 10, "children": children,
            "lists": lists}


def published(**changes):
    return Published(PREVIOUS, typical(**changes)["lists"], children=3_000)


def test_a_typical_extract_passes_with_or_without_a_published_one():
    first = judge(typical(), population=20_000)
    assert not first.hold and [f["check"] for f in first.findings] == ["first"]
    assert judge(typical(), 20_000, published()).findings == []
    assert [f["check"] for f in judge(typical(), None, published()).findings] == ["population"]


@pytest.mark.parametrize(("passes", "held", "check"), [
    ({"list_3": {"top_id_rows": 500}}, {"list_3": {"top_id_rows": 501}}, "one_id"),
    ({"dates_3": {"after": 240}}, {"dates_3": {"after": 241}}, "dates_future"),  # 10% of 2,400
    ({"dates_7": {"before_1990": 25}}, {"dates_7": {"before_1990": 26}}, "dates_old"),  # 10% of 250
    ({"dates_3": {"before_window": 1_200}}, {"dates_3": {"before_window": 1_201}}, "dates_window"),  # half
    ({"list_3": {"issue_rows": 1_200}}, {"list_3": {"issue_rows": 1_201}}, "issue_rows"),  # half
    ({"list_1": {"rows": 60_000}}, {"list_1": {"rows": 60_001}}, "rows_population"),  # 3 per child of 20,000
])
def test_each_check_holds_just_past_its_threshold(passes, held, check):
    assert judge(typical(**passes), 20_000, published()).findings == []
    verdict = judge(typical(**held), 20_000, published())
    assert verdict.hold and checks(verdict) == {check}


def test_more_children_than_the_council_has_is_held():
    assert not judge(typical(children=20_000), 20_000).hold
    assert checks(judge(typical(children=20_001), 20_000)) == {"children_population"}


def test_a_list_ten_times_bigger_or_smaller_than_the_published_one_is_held():
    assert not judge(typical(list_3={"rows": 23_999}), 20_000, published()).hold  # 9.9996 times
    bigger = judge(typical(list_3={"rows": 24_000}), 20_000, published())
    assert checks(bigger) == {"list_size"}
    assert bigger.findings[0]["message"] == ("List 3 (Referrals) has 24,000 rows, 10 times the 2,400 in the "
                                             "published extract of 28 February 2025.")
    assert not judge(typical(list_3={"rows": 241}), 20_000, published()).hold
    assert checks(judge(typical(list_3={"rows": 240}), 20_000, published())) == {"list_size"}
    assert checks(judge(typical(children=300), 20_000, published())) == {"children_size"}


def test_a_list_the_published_extract_had_is_held_when_missing_unless_it_was_tiny():
    without_7 = typical()
    del without_7["lists"]["7"]
    missing = judge(without_7, 20_000, published())
    assert checks(missing) == {"list_missing"}
    assert missing.findings[0]["message"] == ("A list is not in this extract (or empty), though in the published "
                                              "extract of 28 February 2025: List 7 (Child protection), 250 rows.")
    assert not judge(without_7, 20_000, published(list_7={"rows": 19})).hold  # small lists come and go
    empty_7 = typical(list_7={"rows": 0})
    assert checks(judge(empty_7, 20_000, published())) == {"list_missing"}


def test_small_lists_decide_no_share():
    """Nineteen rows, all with an issue and all dated in 1900: too few to say the extract is broken."""
    tiny = typical(list_10={"rows": 19, "issue_rows": 19})
    assert not judge(tiny, 20_000, published()).hold
    odd = typical(list_8={"rows": 19}, dates_8={"count": 19, "before_1990": 19})
    assert not judge(odd, 20_000, published(list_8={"rows": 19})).hold


def test_most_rows_with_issues_is_news_only_when_the_published_extract_did_not_have_them():
    broken = typical(list_6={"issue_rows": 1_000})
    assert checks(judge(broken, 20_000, published())) == {"issue_rows"}
    assert checks(judge(broken, 20_000)) == {"issue_rows"}
    assert not judge(broken, 20_000, published(list_6={"issue_rows": 900})).hold  # the council's usual


def test_an_extract_from_before_profiles_were_kept_is_compared_by_its_row_counts(world):
    old = Upload(council=world.own.council, extract_date=PREVIOUS, status=Upload.Status.SUCCEEDED,
                 row_counts={"3": 240, "7": 250})
    assert Published.of(old).lists == {"3": {"rows": 240}, "7": {"rows": 250}}
    assert checks(judge(typical(), 20_000, Published.of(old))) == {"list_size"}  # 2,400 rows of list 3


# ---- the issue's hostile extracts, through the real import -------------------------------------------------

@pytest.fixture(scope="module")
def council_tables():
    """A small synthetic council's extracts of February and March: {extract date: {list: table}}."""
    return dict(generate_series(CHILDREN, 2, [PREVIOUS, EXTRACT]))


@pytest.fixture(autouse=True)
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"


def _dates_in_1900(table):
    for i, name in enumerate(table.column_names):
        if pa.types.is_date32(table.schema.field(name).type):
            days = np.arange(table.num_rows, dtype=np.int32) % 365 - 25_567  # 1 January 1900 onwards
            table = table.set_column(i, name, pa.array(days).cast(pa.date32()))
    return table


def _one_child(table):
    return table.set_column(table.column_names.index("child_id"), "child_id",
                            pa.array(["1000001"] * table.num_rows, pa.string()))


def _most_referrals_undated(table):
    undated = pa.array(np.arange(table.num_rows) % 5 < 3)  # 3 rows in 5
    i = table.column_names.index("referral_date")
    return table.set_column(i, "referral_date", pc.if_else(undated, pa.scalar(None, pa.date32()),
                                                            table.column(i)))


HOSTILE = {
    "only List 1": (lambda t: {1: t[1]}, {"list_missing"}),
    "one child id on every contact": (lambda t: {**t, 1: _one_child(t[1])}, {"one_id"}),
    "dates in 1900": (lambda t: {n: _dates_in_1900(table) for n, table in t.items()}, {"dates_old", "dates_window"}),
    "referrals ten times over": (lambda t: {**t, 3: pa.concat_tables([t[3]] * 10)}, {"list_size"}),
    "most referrals with no date": (lambda t: {**t, 3: _most_referrals_undated(t[3])}, {"issue_rows"}),
}


def write(tables, folder):
    write_annex_a(tables, folder, fmt="csv", messy=True, seed=3)
    return folder


def start(world, path, extract_date=EXTRACT):
    """Start an import; it runs when the test's on-commit callbacks do (refresh the upload after)."""
    CouncilPopulation.objects.get_or_create(council=world.own.council, year=2024, defaults={"children_0_17": CHILDREN})
    return start_annex_a_import(actor=world.users[Role.QA_LEAD], council=world.own.council, source=path,
                                original_name=Path(path).name, extract_date=extract_date, run_now=True)


@pytest.mark.parametrize("case", list(HOSTILE))
def test_each_hostile_extract_of_the_issue_is_held(case, world, council_tables, tmp_path,
                                                   django_capture_on_commit_callbacks):
    february = read_annex_a(write(council_tables[PREVIOUS], tmp_path / "february"))
    Upload.objects.create(council=world.own.council, extract_date=PREVIOUS, original_name="february",
                          status=Upload.Status.SUCCEEDED, row_counts=february.row_counts,
                          profile=profile(february.tables, february.row_counts, PREVIOUS))
    make, expected = HOSTILE[case]
    with django_capture_on_commit_callbacks(execute=True):
        upload = start(world, write(make(council_tables[EXTRACT]), tmp_path / "march"))
    upload.refresh_from_db()
    assert upload.status == Upload.Status.HELD
    assert {f["check"] for f in upload.plausibility if f["severity"] == HOLD} == expected
    assert selectors.latest_upload().original_name == "february"


def test_the_issues_workbook_is_held_as_a_councils_first_extract(world, tmp_path, django_capture_on_commit_callbacks):
    """Only List 1, one child id repeated, dates in 1900: nothing to compare with, and still held."""
    rows = [["Child Unique ID", "Date of Contact"]] + [["42", date(1900, 1, 1)]] * 600
    with django_capture_on_commit_callbacks(execute=True):
        upload = start(world, workbook(tmp_path / "list1.xlsx", {"List 1 - Contacts": rows}))
    upload.refresh_from_db()
    assert upload.status == Upload.Status.HELD
    assert {f["check"] for f in upload.plausibility if f["severity"] == HOLD} == {"one_id", "dates_old",
                                                                                   "dates_window"}
    assert selectors.latest_upload() is None  # nothing is shown


# ---- held, published, discarded ------------------------------------------------------------------------

@pytest.fixture
def held(world, council_tables, tmp_path, django_capture_on_commit_callbacks):
    """February imported and published; March, with every referral ten times over, held."""
    with django_capture_on_commit_callbacks(execute=True):
        february = start(world, write(council_tables[PREVIOUS], tmp_path / "february"), PREVIOUS)
        march = start(world, write(HOSTILE["referrals ten times over"][0](council_tables[EXTRACT]),
                                   tmp_path / "march"))
    february.refresh_from_db()
    march.refresh_from_db()
    assert (february.status, march.status) == (Upload.Status.SUCCEEDED, Upload.Status.HELD)
    return february, march


def figures(upload):
    return list(KpiValue.objects.filter(upload=upload).order_by("kpi_id", "team", "period_start", "period_end")
                .values_list("kpi_id", "team", "period_start", "period_end", "value", "numerator", "denominator"))


def dashboard_extract(client):
    """The extract date the dashboard says its figures come from."""
    html = client.get(reverse("performance:dashboard")).content.decode()
    return re.search(r"from the extract of ([^.]+)\.", html).group(1)


def csrf_client(user, page):
    """A client that enforces CSRF as a browser meets it, the page it got, and the page's form token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(page).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return client, html, token.group(1) if token else None


def test_a_held_extract_is_shown_beside_the_published_one_and_publishing_makes_it_the_dashboards(world, held):
    february, march = held
    qa_lead = world.users[Role.QA_LEAD]
    assert selectors.latest_upload() == february
    dashboard = Client()
    dashboard.force_login(qa_lead, backend="django.contrib.auth.backends.ModelBackend")
    assert dashboard_extract(dashboard) == "28 February 2025"
    assert [p.extract_date for p in history.series("cla_open", months=2)] == [None, PREVIOUS]  # no March point

    page = reverse("datasets:upload_detail", args=[march.pk])
    client, html, token = csrf_client(qa_lead, page)
    assert "Held for review" in html
    assert (f"List 3 (Referrals) has {march.row_counts['3']:,} rows, 10 times the {february.row_counts['3']:,} in "
            "the published extract of 28 February 2025.") in html
    referrals = {f: KpiValue.objects.get(upload=f, kpi_id="referrals", team="",
                                         period_start=year_to(f.extract_date).start,
                                         period_end=f.extract_date).value for f in (february, march)}
    assert referrals[march] > 9 * referrals[february]  # the held figures are there, beside the published
    row = html[html.index("<th scope=\"row\" class=\"govuk-table__header\">Referrals</th>"):][:400]
    assert f"{int(referrals[march]):,}" in row and f"{int(referrals[february]):,}" in row

    publish = reverse("datasets:upload_publish", args=[march.pk])
    assert client.post(publish).status_code == 403  # no CSRF token
    assert client.post(publish, {"csrfmiddlewaretoken": token}).status_code == 302
    march.refresh_from_db()
    assert (march.status, march.reviewed_by, march.reviewed_at is not None) == (Upload.Status.SUCCEEDED, qa_lead, True)
    assert selectors.latest_upload() == march
    assert dashboard_extract(dashboard) == "31 March 2025"
    assert [p.extract_date for p in history.series("cla_open", months=2)] == [PREVIOUS, EXTRACT]
    event = AuditEvent.objects.get(verb="upload.published", object_id=str(march.pk))
    assert event.changes == {"status": ["held", "succeeded"], "extract_date": "2025-03-31", "held_by": ["list_size"]}
    assert "published by" in client.get(page).content.decode()


def test_discarding_a_held_extract_leaves_the_published_figures_as_they_were(world, held,
                                                                              django_capture_on_commit_callbacks):
    february, march = held
    before = figures(february)
    assert figures(march) and storage.upload_folder(march.pk).exists()
    client, _, token = csrf_client(world.users[Role.QA_LEAD], reverse("datasets:upload_detail", args=[march.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("datasets:upload_discard", args=[march.pk]), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    march.refresh_from_db()
    assert (march.status, march.stage) == (Upload.Status.DISCARDED, "Discarded")
    assert figures(march) == [] and not DataIssue.objects.filter(upload=march).exists()
    assert not storage.upload_folder(march.pk).exists()
    assert figures(february) == before and selectors.latest_upload() == february
    assert storage.upload_folder(february.pk).exists()
    assert AuditEvent.objects.filter(verb="upload.discarded", object_id=str(march.pk)).count() == 1
    assert march.plausibility  # the page still says why it was held
    assert "discarded" in client.get(reverse("datasets:upload_detail", args=[march.pk])).content.decode()


def test_only_a_held_extract_can_be_published_or_discarded_and_only_by_the_qa_lead(world, held):
    february, march = held
    with pytest.raises(PermissionDenied):
        review_services.publish(actor=world.users[Role.AUDITOR], upload=march)
    with pytest.raises(ValidationError, match="Only an extract held for review can be discarded"):
        review_services.discard(actor=world.users[Role.QA_LEAD], upload=february)
    review_services.publish(actor=world.users[Role.SYSTEM_ADMIN], upload=march)
    with pytest.raises(ValidationError, match="this one is “Imported”"):
        review_services.publish(actor=world.users[Role.QA_LEAD], upload=march)  # decided once only
    assert AuditEvent.objects.filter(verb__in=["upload.published", "upload.discarded"]).count() == 1
    auditor = Client()
    auditor.force_login(world.users[Role.AUDITOR], backend="django.contrib.auth.backends.ModelBackend")
    html = auditor.get(reverse("datasets:upload_detail", args=[march.pk])).content.decode()
    assert "Publish this extract" not in html
