"""The template CSV offered on the upload page: the headings reader.py expects and a few example rows.

The England and region rows are real (the figures shipped with Triangulate); the local-authority rows carry
the publications' symbols rather than made-up numbers, so a template uploaded by mistake adds nothing false.
"""

import csv
import io

from triangulate.kpis import benchmarks

from .areas import ENGLAND_CODE, REGIONS
from .reader import TEMPLATE_COLUMNS


def template_csv():
    england = benchmarks.england("rereferral_pct")
    north_east = next(b for b in benchmarks.load()["rereferral_pct"] if b.area == "North East")
    code, name, _ = REGIONS["north_east"]
    rows = [
        ("rereferral_pct", "england", ENGLAND_CODE, "England", england.year, england.value, ""),
        ("rereferral_pct", "region", code, name, north_east.year, north_east.value, ""),
        ("rereferral_pct", "la", "929", "Northumberland", "2024-25", "x",
         "Example row: replace with the published figure"),
        ("Re-referrals within 12 months", "la", "E06000047", "County Durham", "202425", "c",
         "Example row: a KPI title and an ONS code work too; c means suppressed"),
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TEMPLATE_COLUMNS)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()  # a byte-order mark, so Excel opens it as UTF-8
