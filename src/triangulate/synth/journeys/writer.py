"""Writing the lists as a council would send them: one xlsx workbook (xlsxwriter, constant_memory)
with a sheet per list, or a folder of CSV files."""

import csv
from pathlib import Path

import xlsxwriter

from .messiness import EXCEL_EPOCH_OFFSET, prepare

TITLES = {1: "Contacts", 2: "Early help", 3: "Referrals", 4: "Assessments", 5: "Section 47 and ICPCs",
          6: "Children in need", 7: "Child protection", 8: "Children in care", 9: "Care leavers",
          10: "Adoption", 11: "Adopters"}
# Excel caps sheet names at 31 characters, so list 5's title is shortened.
SHEET_NAMES = {n: f"List {n} - {t}" for n, t in TITLES.items()}


def csv_name(number):
    return f"list_{number}_{TITLES[number].lower().replace(' ', '_')}.csv"


def write_annex_a(tables, path, fmt="xlsx", messy=False, seed=0):
    """Write {list number: table} to `path` (an .xlsx file, or a folder for fmt="csv").

    Returns a log of the messiness injected (empty lists when messy=False): renamed headings,
    invalid dates (list, row, heading, value), labelled columns, stray spaces, lists with numeric ids.
    """
    if fmt not in ("xlsx", "csv"):
        raise ValueError("fmt must be 'xlsx' or 'csv'")
    prepared, log = prepare(tables, fmt, messy, seed)
    if fmt == "xlsx":
        _write_xlsx(prepared, Path(path))
    else:
        _write_csv(prepared, Path(path))
    return log


def _write_xlsx(prepared, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    bold = wb.add_format({"bold": True})
    for number, (headings, columns) in prepared.items():
        ws = wb.add_worksheet(SHEET_NAMES[number])
        for c, h in enumerate(headings):
            ws.write_string(0, c, h, bold)
        ws.set_column(0, len(headings) - 1, 16)
        n = len(columns[0][1]) if columns else 0
        writers = []
        for kind, values in columns:
            writers.append((_cell_writer(ws, kind, date_fmt), values))
        for r in range(n):
            row = r + 1
            for c, (write, values) in enumerate(writers):
                v = values[r]
                if v is not None:
                    write(row, c, v)
    wb.close()


def _cell_writer(ws, kind, date_fmt):
    write_string, write_number = ws.write_string, ws.write_number
    if kind == "str":
        return write_string
    if kind == "num":
        return write_number
    if kind == "date":
        return lambda r, c, v: write_number(r, c, v + EXCEL_EPOCH_OFFSET, date_fmt)

    if kind == "mixed_num":  # serial numbers with a few text cells
        return lambda r, c, v: write_string(r, c, v) if isinstance(v, str) else write_number(r, c, v)

    def mixed(r, c, v):  # a date column with a few text cells
        if isinstance(v, str):
            write_string(r, c, v)
        else:
            write_number(r, c, v + EXCEL_EPOCH_OFFSET, date_fmt)
    return mixed


def _write_csv(prepared, folder):
    folder.mkdir(parents=True, exist_ok=True)
    for number, (headings, columns) in prepared.items():
        cols = [["" if v is None else v for v in values] for _, values in columns]
        with open(folder / csv_name(number), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(headings)
            w.writerows(zip(*cols))
