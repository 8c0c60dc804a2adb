"""The benchmarks pages: the list with what the council is compared with, the upload form with its problems,
the template, one upload's figures, and deleting; notes and uploaders' names only for those who may see them."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from triangulate.benchmarks.models import BenchmarkUpload
from triangulate.benchmarks.reader import read_benchmarks
from triangulate.core.roles import Role
from triangulate.kpis.registry import all_kpis

ROWS = ("rereferral_pct,england,E92000001,England,2024-25,22.6,ANALYST-NOTE-ENGLAND\n"
        "rereferral_pct,la,901,Neighbour 1,2024-25,20,ANALYST-NOTE-NEIGHBOUR\n"
        "rereferral_pct,la,902,Neighbour 2,2024-25,c,\n")


def test_the_qa_lead_uploads_a_file_and_sees_its_figures(world, council, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    page = client.get(reverse("benchmarks:upload_create"))
    assert b'enctype="multipart/form-data"' in page.content
    assert reverse("benchmarks:template").encode() in page.content
    data = ("\ufeffKPI,LA code,la_name,time_period,Value\r\n"
            "Re-referrals within 12 months,901,Neighbour 1,202425,20.5\r\n").encode("utf-8")
    response = client.post(reverse("benchmarks:upload_create"),
                           {"file": SimpleUploadedFile("lait.csv", data, content_type="text/csv")}, follow=True)
    upload = BenchmarkUpload.objects.get()
    assert response.redirect_chain[-1][0] == reverse("benchmarks:upload_detail", args=[upload.pk])
    text = response.content.decode()
    assert "1 figure uploaded from lait.csv" in text
    assert "Re-referrals within 12 months" in text and "20.5" in text and "2024-25" in text


def test_a_file_with_problems_lists_them_and_saves_nothing(world, council, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    rows = "kpi_id,area_code,year,value\n" + "".join(f"bad_kpi,{900 + i},2024-25,1\n" for i in range(60))
    response = client.post(reverse("benchmarks:upload_create"),
                           {"file": SimpleUploadedFile("bad.csv", rows.encode(), content_type="text/csv")})
    assert response.status_code == 200
    text = response.content.decode()
    assert "The file has 60 problems, so nothing from it was saved" in text
    assert "Problems in the file" in text and "Showing the first 50 of 60 problems" in text
    assert "bad_kpi" in text
    assert not BenchmarkUpload.objects.exists()
    response = client.post(reverse("benchmarks:upload_create"),
                           {"file": SimpleUploadedFile("bad.xlsx", b"PK", content_type="application/zip")})
    assert "The selected file must be a CSV file (.csv)" in response.content.decode()


def test_the_template_downloads_and_reads_back(world, client_for):
    response = client_for(world.users[Role.QA_LEAD]).get(reverse("benchmarks:template"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="benchmarks-template.csv"' in response["Content-Disposition"]
    assert next(csv.reader(io.StringIO(response.content.decode("utf-8-sig")))) == \
        ["kpi_id", "area_type", "area_code", "area_name", "year", "value", "note"]
    assert read_benchmarks(response.content, catalogue=all_kpis()).ok


def test_analyst_notes_are_shown_only_to_analysts(world, council, upload, client_for):
    saved = upload(ROWS)
    for role in Role:
        client = client_for(world.users[role])
        pages = [client.get(reverse("benchmarks:upload_list")).content,
                 client.get(reverse("benchmarks:upload_detail", args=[saved.pk])).content]
        analyst = role in (Role.QA_LEAD, Role.SYSTEM_ADMIN, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER)
        for content in pages:
            assert (b"ANALYST-NOTE-ENGLAND" in content) is analyst, role
        assert (b"ANALYST-NOTE-NEIGHBOUR" in pages[1]) is analyst, role


def test_a_councillor_sees_the_comparisons_but_not_who_uploaded(world, council, upload, client_for):
    upload(ROWS)
    qa_lead = world.users[Role.QA_LEAD]
    name = qa_lead.get_full_name()
    councillor = client_for(world.users[Role.ELECTED_MEMBER]).get(reverse("benchmarks:upload_list")).content.decode()
    assert "What the council is compared with" in councillor
    assert "20<br>" in councillor and "2024-25, 1 of 10" in councillor  # the one neighbour with a figure
    assert name not in councillor
    assert name in client_for(world.users[Role.INSPECTOR]).get(reverse("benchmarks:upload_list")).content.decode()


def test_the_figures_page_filters_sorts_and_pages(world, council, upload, client_for):
    rows = "".join(f"rereferral_pct,la,{100 + i},Authority {i:03d},2024-25,{i % 50},\n" for i in range(450))
    saved = upload(rows + "cla_rate,england,E92000001,England,2024-25,67,\n")
    client = client_for(world.users[Role.PRACTITIONER])
    url = reverse("benchmarks:upload_detail", args=[saved.pk])
    first = client.get(url).content.decode()
    assert "page 1 of 3, 451 figures" in first and "govuk-pagination" in first
    only_england = client.get(url, {"area_type": "england"}).content.decode()
    assert "1 figure)" in only_england and "Children in care per 10,000 children" in only_england
    by_value = client.get(url, {"sort": "-value_sort", "kpi": "rereferral_pct"}).content.decode()
    assert 'aria-sort="descending"' in by_value
    assert "page 1 of 3, 450 figures" in by_value
    assert by_value.index(">49<") < by_value.index(">48<")
    page_three = client.get(url, {"page": 3, "kpi": "rereferral_pct"}).content.decode()
    assert "page 3 of 3" in page_three and "kpi=rereferral_pct" in page_three


def test_deleting_asks_first_then_deletes(world, council, upload, client_for):
    saved = upload(ROWS)
    client = client_for(world.users[Role.QA_LEAD])
    detail = client.get(reverse("benchmarks:upload_detail", args=[saved.pk])).content.decode()
    assert reverse("benchmarks:upload_delete", args=[saved.pk]) in detail
    confirm = client.get(reverse("benchmarks:upload_delete", args=[saved.pk])).content.decode()
    assert "Yes, delete the upload" in confirm and BenchmarkUpload.objects.exists()
    response = client.post(reverse("benchmarks:upload_delete", args=[saved.pk]), follow=True)
    assert "Benchmarks from benchmarks.csv deleted" in response.content.decode()
    assert not BenchmarkUpload.objects.exists()
    assert client.post(reverse("benchmarks:upload_delete", args=[saved.pk])).status_code == 404
    viewer = client_for(world.users[Role.SENIOR_LEADER])
    assert b"Delete this upload" not in viewer.get(reverse("benchmarks:upload_list")).content


def test_the_menu_offers_benchmarks_to_every_role(world, client_for):
    for role in Role:
        content = client_for(world.users[role]).get(reverse("core:home")).content
        assert reverse("benchmarks:upload_list").encode() in content, role
