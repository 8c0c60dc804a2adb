"""Reading a benchmarks CSV: published figures for England, the regions and local authorities, as a council
downloads them (our template, a DfE Explore Education Statistics file, a LAIT sheet saved as CSV).

Pure Python, no Django: `read_benchmarks(data, catalogue=...)` takes the file's bytes and returns a
`ReadResult` with every figure, or with the problems that stop the file being used. All or nothing: one bad
row and no figure is kept, and the problems say where (row, column, value) and what was expected.

What it accepts beyond the template (`TEMPLATE_COLUMNS`):
- headings in any case, with spaces or underscores ("LA code", "KPI ID"), and the DfE names:
  `time_period`, `geographic_level`, `old_la_code`, `new_la_code`, `la_name`, `region_code`,
  `region_name`, `country_code`, `country_name`; other columns are ignored (and listed);
- a KPI column holding our KPI titles instead of ids;
- years as 2024-25, 2024/25, 202425, 2024-2025 or 2024 (a calendar or reporting year), kept as "2024-25";
- the publications' suppression markers (c, x, z, u, low, k, .., :, -, also in brackets: [c]), kept as
  no value with the marker; a blank value means no figure was given;
- a UTF-8 byte-order mark, Windows-1252 text and CRLF lines (Excel's two CSV formats), ; or tab separators,
  blank lines and trailing empty cells;
- the area type inferred from the code (3 digits or E06/E08/E09/E10: a local authority, E12: a region,
  E92000001: England) or the name ("England", a region's name) when no area type is given.

Bounded: at most `MAX_BYTES` and `MAX_ROWS` rows; at most `MAX_PROBLEMS_SHOWN` problems are kept, with the
total counted.
"""

import csv
import difflib
import io
import re
from dataclasses import dataclass, field

from .areas import (
    ENGLAND,
    ENGLAND_CODE,
    LA,
    LA_ONS,
    LEVELS,
    OLD_CODE,
    ONS_CODE,
    REGION,
    REGION_BY_NAME,
    REGION_NAMES,
    area_name_key,
    normalise_year,
    parse_value,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
MAX_PROBLEMS_SHOWN = 50
MAX_NOTE = 1000
MAX_NAME = 120

TEMPLATE_COLUMNS = ("kpi_id", "area_type", "area_code", "area_name", "year", "value", "note")

# Headings, normalised (lower case, runs of anything else as one "_"), to what they hold.
HEADINGS = {
    "kpi": {"kpi_id", "kpi", "kpi_title", "kpi_name", "indicator", "measure"},
    "area_type": {"area_type", "geographic_level", "geography_level", "level"},
    "area_code": {"area_code", "code", "la_code", "lacode", "local_authority_code", "area_id"},
    "old_la_code": {"old_la_code", "la_code_old", "old_code", "dfe_la_code", "lea_code", "lea"},
    "new_la_code": {"new_la_code", "la_code_new", "new_code", "ons_code", "gss_code", "ons_la_code"},
    "area_name": {"area_name", "area", "name", "la_name", "local_authority", "local_authority_name", "authority"},
    "region_code": {"region_code"},
    "region_name": {"region_name", "region"},
    "country_code": {"country_code"},
    "country_name": {"country_name", "country"},
    "year": {"year", "time_period", "period", "financial_year", "reporting_year", "academic_year"},
    "value": {"value", "figure", "published_value"},
    "note": {"note", "notes", "comment", "comments", "analyst_note"},
}
GEOGRAPHY = ("area_type", "area_code", "old_la_code", "new_la_code", "area_name", "region_code", "region_name",
             "country_code", "country_name")
SAYS = {"kpi": "the KPI", "year": "the year", "value": "the value", "note": "the note"}



@dataclass(frozen=True)
class Problem:
    """Why the file cannot be used: at a row and column (spreadsheet numbering, the heading is row 1) or
    about the whole file (row None)."""

    row: int | None
    column: str
    value: str
    expected: str

    def __str__(self):
        if self.row is None:
            return self.expected
        return f"Row {self.row}, column “{self.column}”: “{self.value}” – expected {self.expected}"


@dataclass(frozen=True)
class Figure:
    row: int
    kpi_id: str
    area_type: str
    area_key: str  # England's or a region's ONS code; an authority's old code, else its ONS code, else "name:…"
    la_code: str  # the 3-digit DfE code, or ""
    ons_code: str  # the 9-character ONS code, or ""
    area_name: str
    name_key: str  # the name as matched (area_name_key)
    year: str  # "2024-25", or "2023" for a calendar or reporting year
    value: float | None  # None: suppressed or not given
    marker: str  # the publication's symbol when there is no value ("c", "x", ...; "" for a blank)
    note: str


@dataclass
class ReadResult:
    figures: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # the first MAX_PROBLEMS_SHOWN
    problem_count: int = 0
    columns: dict = field(default_factory=dict)  # what each heading was read as: field -> heading in the file
    ignored_columns: list = field(default_factory=list)

    @property
    def ok(self):
        return self.problem_count == 0

    def add(self, problem):
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_SHOWN:
            self.problems.append(problem)


def normalise_heading(text):
    return re.sub(r"[^a-z0-9]+", "_", text.replace("\ufeff", "").strip().lower()).strip("_")


def decode(data):
    """The file's text: UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode text"), or
    Windows-1252 (Excel's plain "CSV")."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(first_line):
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


class _Catalogue:
    def __init__(self, catalogue):
        self.specs = catalogue
        self.by_id = {kpi_id.lower(): kpi_id for kpi_id in catalogue}
        self.by_title = {self.title_key(spec.title): kpi_id for kpi_id, spec in catalogue.items()}

    @staticmethod
    def title_key(text):
        return " ".join(text.lower().replace("’", "'").split()).rstrip(".")

    def find(self, text):
        text = text.strip()
        return self.by_id.get(text.lower()) or self.by_title.get(self.title_key(text))

    def expected(self, text):
        close = difflib.get_close_matches(text.strip().lower(), list(self.by_id), n=1, cutoff=0.75) \
            or [self.by_title[t] for t in difflib.get_close_matches(self.title_key(text), list(self.by_title), n=1,
                                                                    cutoff=0.75)]
        hint = f" (did you mean {close[0]}?)" if close else ""
        return f"a KPI id from the catalogue, such as rereferral_pct, or a KPI's title{hint}"


def _map_headings(headings, result):
    """field -> column index, or the problems with the headings."""
    columns = {}
    for index, heading in enumerate(headings):
        name = normalise_heading(heading)
        meaning = next((f for f, names in HEADINGS.items() if name in names), None)
        if meaning is None:
            if name:
                result.ignored_columns.append(heading.strip())
            continue
        if meaning in columns:
            result.add(Problem(1, heading.strip(), heading.strip(),
                               f"one column for each thing: “{headings[columns[meaning]].strip()}” is read as the "
                               "same thing; remove one of them"))
            continue
        columns[meaning] = index
    missing = [f for f in ("kpi", "year", "value") if f not in columns]
    if not any(f in columns for f in GEOGRAPHY):
        missing.append("area")
    if missing:
        found = ", ".join(h.strip() for h in headings if h.strip()) or "none"
        names = {"kpi": "kpi_id", "year": "year", "value": "value", "area": "area_code or area_name"}
        result.add(Problem(None, "", "", "The first row must be the column headings, with "
                                         f"{', '.join(names[m] for m in missing)} (as in the template). "
                                         f"Headings found: {found}"))
    result.columns = {f: headings[i].strip() for f, i in columns.items()}
    return columns


def read_benchmarks(data, *, catalogue, max_rows=MAX_ROWS, max_bytes=MAX_BYTES):
    """Read a benchmarks CSV (bytes). `catalogue` maps KPI ids to specs with .title and .unit."""
    result = ReadResult()
    if len(data) > max_bytes:
        result.add(Problem(None, "", "", f"The file must be smaller than {max_bytes // (1024 * 1024)} MB"))
        return result
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        result.add(Problem(None, "", "", "The file is an Excel workbook: save the sheet as CSV (comma delimited) "
                                         "and upload that"))
        return result
    text = decode(data)
    if "\x00" in text:
        result.add(Problem(None, "", "", "The file is not a text (CSV) file"))
        return result
    lines = io.StringIO(text, newline="")
    first = text.split("\n", 1)[0]
    reader = csv.reader(lines, delimiter=_delimiter(first))
    kpis = _Catalogue(catalogue)
    seen = {}
    try:
        headings = next(reader, None)
        if headings is None or not any(h.strip() for h in headings):
            result.add(Problem(None, "", "", "The file is empty: the first row must be the column headings"))
            return result
        columns = _map_headings(headings, result)
        if not result.ok:
            return result
        rows = 0
        for row_number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            rows += 1
            if rows > max_rows:
                result.add(Problem(None, "", "", f"The file has more than {max_rows:,} rows of figures: split it "
                                                 "into smaller files"))
                result.figures = []
                return result
            figure = _read_row(row_number, cells, headings, columns, kpis, result)
            if figure is None:
                continue
            key = (figure.kpi_id, figure.area_type, figure.area_key, figure.year)
            if key in seen:
                result.add(Problem(row_number, headings[columns["year"]].strip(), figure.year,
                                   f"one figure per KPI, area and year: row {seen[key]} has this KPI, area and year "
                                   "already"))
                continue
            seen[key] = row_number
            result.figures.append(figure)
    except csv.Error as error:
        result.add(Problem(None, "", "", f"The file is not a readable CSV file (near row {reader.line_num}: "
                                         f"{error})"))
    if result.ok and not result.figures:
        result.add(Problem(None, "", "", "The file has headings but no figures"))
    if not result.ok:
        result.figures = []
    return result


def _read_row(row_number, cells, headings, columns, kpis, result):
    def cell(name):
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def problem(name, expected, value=None):
        result.add(Problem(row_number, headings[columns[name]].strip() if name in columns else name,
                           cell(name) if value is None else value, expected))

    before = result.problem_count
    if len(cells) > len(headings) and any(c.strip() for c in cells[len(headings):]):
        result.add(Problem(row_number, "(beyond the last heading)", cells[len(headings)].strip(),
                           "no cells to the right of the last heading"))
    kpi_id = kpis.find(cell("kpi"))
    if kpi_id is None:
        problem("kpi", kpis.expected(cell("kpi")) if cell("kpi") else "a KPI id from the catalogue")
    year = normalise_year(cell("year"))
    if year is None:
        problem("year", "a year like 2024-25, 2024/25 or 202425")
    value, marker = None, ""
    try:
        value, marker = parse_value(cell("value"))
    except ValueError:
        problem("value", "a number, or the publication's symbol for a figure not given (c, x, z, u, low, .., :, -)")
    else:
        spec = kpis.specs.get(kpi_id) if kpi_id else None
        if value is not None and value < 0:
            problem("value", "a number of 0 or more")
        elif value is not None and spec is not None and spec.unit == "pct" and value > 100:
            problem("value", f"a percentage from 0 to 100 ({kpi_id} is a percentage)")
    note = cell("note")
    if len(note) > MAX_NOTE:
        problem("note", f"a note of at most {MAX_NOTE:,} characters", value=note[:40] + "…")
    area = _area(cell, problem, columns)
    if area is None or result.problem_count > before:
        return None
    area_type, area_key, la_code, ons_code, name = area
    return Figure(row=row_number, kpi_id=kpi_id, area_type=area_type, area_key=area_key, la_code=la_code,
                  ons_code=ons_code, area_name=name, name_key=area_name_key(name), year=year, value=value,
                  marker=marker, note=note)


def _area(cell, problem, columns):
    """(area type, key, old code, ONS code, name) for the row, or None after recording the problem."""
    given = cell("area_type")
    level = None
    if given:
        level = LEVELS.get(normalise_heading(given))
        if level is None:
            problem("area_type", "england, region or la")
            return None
    old, ons, code = cell("old_la_code"), cell("new_la_code").upper(), cell("area_code")
    if code and not (OLD_CODE.fullmatch(code) or ONS_CODE.fullmatch(code.upper())):
        problem("area_code", "a 3-digit DfE code such as 929, or a 9-character ONS code such as E06000047")
        return None
    code_is_old = bool(code) and OLD_CODE.fullmatch(code) is not None
    old_column = "area_code" if code_is_old else "old_la_code"
    ons_column = "area_code" if code and not code_is_old else "new_la_code"
    if code_is_old:
        old = old or code
    elif code:
        ons = ons or code.upper()
    if old and not OLD_CODE.fullmatch(old):
        problem("old_la_code", "a 3-digit DfE local authority code such as 929")
        return None
    if ons and not ONS_CODE.fullmatch(ons):
        problem("new_la_code", "a 9-character ONS code such as E06000047")
        return None
    name = cell("area_name")
    region, region_name = cell("region_code").upper(), cell("region_name")
    country, country_name = cell("country_code").upper(), cell("country_name")
    if level is None:
        if old or (ons and LA_ONS.fullmatch(ons)):
            level = LA
        elif ons.startswith(("E12", "E13")):
            level = REGION
        elif ons == ENGLAND_CODE:
            level = ENGLAND
        elif ons:
            problem(ons_column, "a local authority's ONS code (E06, E08, E09 or E10 and six digits), a region's "
                                "(E12) or England's (E92000001)")
            return None
        elif name:
            key = area_name_key(name)
            level = ENGLAND if key == "england" else REGION if key in REGION_BY_NAME else LA
        elif region or region_name:
            level = REGION
        elif country or country_name:
            level = ENGLAND
        else:
            problem(next(f for f in GEOGRAPHY if f in columns), "an area code or name", value="")
            return None
    if level == ENGLAND:
        if old:
            problem(old_column, f"England's code, {ENGLAND_CODE}, on a row for England")
            return None
        if ons and ons != ENGLAND_CODE:
            problem(ons_column, f"England's code, {ENGLAND_CODE}, on a row for England")
            return None
        if country and country != ENGLAND_CODE:
            problem("country_code", f"England's code, {ENGLAND_CODE}")
            return None
        return ENGLAND, ENGLAND_CODE, "", ENGLAND_CODE, "England"
    if level == REGION:
        if old:
            problem(old_column, "a region's ONS code (E12 and six digits) on a row for a region")
            return None
        if ons or region:
            found = ons or region
            if found not in REGION_NAMES:
                problem(ons_column if ons else "region_code",
                        "an English region's ONS code, E12000001 to E12000009, on a row for a region")
                return None
            return REGION, found, "", found, REGION_NAMES[found]
        found = REGION_BY_NAME.get(area_name_key(name or region_name))
        if found is None:
            problem("area_name" if name else "region_name",
                    "an English region's name, such as North East or Yorkshire and The Humber")
            return None
        return REGION, found, "", found, REGION_NAMES[found]
    # a local authority
    if ons and not LA_ONS.fullmatch(ons):
        problem(ons_column, "a local authority's ONS code (E06, E08, E09 or E10 and six digits) on a row for a "
                            "local authority")
        return None
    if not (old or ons or name):
        problem(next(f for f in GEOGRAPHY if f in columns), "a local authority's code or name", value="")
        return None
    if len(name) > MAX_NAME:
        problem("area_name", f"a name of at most {MAX_NAME} characters", value=name[:40] + "…")
        return None
    key = old or ons or f"name:{area_name_key(name)}"
    return LA, key, old, ons, name or old or ons
