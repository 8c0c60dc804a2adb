"""Generators of hostile Annex A workbooks (issue 7), written part by part as raw XML: fast, and exactly
the shape each case needs (Excel or xlsxwriter would tidy some of them away).

Each ``make_*`` function writes one .xlsx to ``path`` and returns it. Used by
tests/datasets/test_hostile_files.py and bench/hostile_bench.py.
"""

import random
import zipfile
from xml.sax.saxutils import escape

from triangulate.datasets.parsers.annex_a.xlsx_checks import column_letters

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTACT_HEADINGS = ["Child Unique ID", "Gender", "Ethnicity", "DOB", "Age of Child (Years)", "Date of Contact",
                    "Contact Source"]


def text_cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def row_xml(number, cells):
    """One <row>: ``cells`` are values (str: inline text; int/float: a number; None: no cell)."""
    parts = []
    for index, value in enumerate(cells, start=1):
        ref = f"{column_letters(index)}{number}"
        if isinstance(value, str):
            parts.append(text_cell(ref, value))
        elif value is not None:
            parts.append(f'<c r="{ref}"><v>{value}</v></c>')
    return f'<row r="{number}">{"".join(parts)}</row>'


def write_xlsx(path, sheets, shared_strings=None, compresslevel=6, sst_attrs=""):
    """``sheets``: [(name, iterable of XML text inside <sheetData>)], written as xl/worksheets/sheetN.xml."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        listed = "".join(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                         for i, (name, _) in enumerate(sheets, start=1))
        archive.writestr("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{listed}'
            '</sheets></workbook>'))
        targets = "".join(f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                          for i in range(1, len(sheets) + 1))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}">{targets}'
            '</Relationships>'))
        if shared_strings is not None:
            items = "".join(f"<si><t>{escape(text)}</t></si>" for text in shared_strings)
            archive.writestr("xl/sharedStrings.xml", (
                f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}"{sst_attrs}>{items}</sst>'))
        for i, (_, chunks) in enumerate(sheets, start=1):
            with archive.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as stream:
                stream.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'.encode())
                buffer, size = [], 0
                for chunk in chunks:
                    buffer.append(chunk)
                    size += len(chunk)
                    if size >= 1 << 20:
                        stream.write("".join(buffer).encode())
                        buffer, size = [], 0
                stream.write(("".join(buffer) + "</sheetData></worksheet>").encode())
    return path


def make_far_corner(path):
    """Issue 7, case 1: one sheet with cells at A2 and XFD1048576 (calamine would ask for ~550 GB)."""
    return write_xlsx(path, [("List 1 - Contacts", ['<row r="2"><c r="A2"><v>1</v></c></row>',
                                                    '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'])])


def referrals_rows(rows, far_row=None):
    """List 3 headings and ``rows`` data rows, columns A:M; a cell at XFD{far_row} if asked."""
    headings = ["Child Unique ID", "Gender", "Ethnicity", "DOB", "Age of Child (Years)", "Disability",
                "Date of referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months",
                "Allocated Team", "Allocated Worker", "Note"]
    yield row_xml(1, headings)
    for number in range(2, rows + 2):
        cells = [f"C{number}", "b) Female", "a) WBRI", 42000, 9, "No", 45300, "r) 6: Police", "No", 1, "Team A",
                 "Worker", "x"]
        xml = row_xml(number, cells)
        if number == far_row:
            xml = xml.replace("</row>", f'<c r="XFD{number}"><v>1</v></c></row>')
        yield xml


def make_far_column(path):
    """Issue 7: a cell at XFD2000 beside real data A1:M2013 (calamine would ask for 33 million cells)."""
    return write_xlsx(path, [("List 3 - Referrals", referrals_rows(2012, far_row=2000))])


def make_inflating(path, unpacked=1_000_000_000, seed=7):
    """Issue 7: a ~9 MB workbook whose one sheet inflates to ~1 GB: 15 million junk rows written without
    positions (so they repeat), one random letter in 40 rows keeping the compression ratio (~110) under the
    zip-bomb limit (200). Blocks of 4,096 rows, each longer than deflate's 32 KB window, are drawn at
    random from 64 made once: as incompressible as fresh rows, and quick to write."""
    chance = random.Random(seed)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    def block():
        return "".join(f'<row><c t="inlineStr"><is><t>{chance.choice(letters) if chance.random() < 1 / 40 else "A"}'
                       '</t></is></c><c><v>1</v></c></row>' for _ in range(4096))

    blocks = [block() for _ in range(64)]

    def chunks():
        yield row_xml(1, CONTACT_HEADINGS)
        written = 0
        while written < unpacked:
            chosen = chance.choice(blocks)
            written += len(chosen)
            yield chosen

    return write_xlsx(path, [("List 1 - Contacts", chunks())], compresslevel=1)


def make_shared_string_bomb(path, cells=100_000, length=10_000):
    """Issue 7: one 10 KB shared string used by 100,000 cells (a 240 KB file that expands to 1 GB of text)."""
    def chunks():
        yield row_xml(1, ["Child Unique ID", "Date of Contact", "Contact Source"])
        for number in range(2, cells + 2):
            yield f'<row r="{number}"><c r="C{number}" t="s"><v>0</v></c></row>'

    return write_xlsx(path, [("List 1 - Contacts", chunks())], shared_strings=["x" * length])


def make_one_child(path, rows=200_000):
    """Issue 7, case 4: only List 1, one child id on every row, contact dates in 1900 (read: plausibility holds it)."""
    def chunks():
        yield row_xml(1, CONTACT_HEADINGS)
        for number in range(2, rows + 2):
            yield row_xml(number, ["1234567", "a) Male", "a) WBRI", 1, 0, 2 + number % 300, "r) 6: Police"])

    return write_xlsx(path, [("List 1 - Contacts", chunks())])


FORMULA_IDS = ["=1+1", "@SUM(A1:A9)", "+1+1", "-2+3", "<script>alert(1)</script>", "=1+1"]


def make_formula_ids(path):
    """Issue 7, item 6: child ids that look like formulas or markup, beside an ordinary one."""
    rows = [row_xml(1, ["Child Unique ID", "Date of Contact"])]
    rows += [row_xml(number, [child, 45300]) for number, child in enumerate(["C1", *FORMULA_IDS], start=2)]
    return write_xlsx(path, [("List 1 - Contacts", rows)])


def make_declared_strings(path, declared=4_000_000_000):
    """A shared-strings table declaring billions of strings (calamine reserves room for them first)."""
    rows = [row_xml(1, ["Child Unique ID", "Date of Contact"]), '<row r="2"><c r="A2" t="s"><v>0</v></c></row>']
    return write_xlsx(path, [("List 1 - Contacts", rows)], shared_strings=["C1"],
                      sst_attrs=f' count="1" uniqueCount="{declared}"')
