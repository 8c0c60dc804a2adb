"""Write small Annex A workbooks for tests."""

from datetime import date

import xlsxwriter


def workbook(path, sheets):
    """Write {sheet name: rows}; a date is a real date cell, ("=f", value) a formula with its cached value,
    None an empty cell."""
    book = xlsxwriter.Workbook(str(path))
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, tuple):
                    sheet.write_formula(r, c, value[0], None, value[1])
                elif isinstance(value, date):
                    sheet.write_datetime(r, c, value, date_format)
                elif value is not None:
                    sheet.write(r, c, value)
    book.close()
    return path


REFERRAL_HEADINGS = ["Child Unique ID", "Allocated Team", "Allocated Worker", "Date of referral", "Referral NFA?"]
ASSESSMENT_HEADINGS = ["Child Unique ID", "Allocated Team", "Allocated Worker", "Continuous Assessment Start Date",
                       "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation"]
CP_HEADINGS = ["Child Unique ID", "Allocated Team", "Allocated Worker", "Child Protection Plan Start Date",
               "Date of the Last Statutory Visit", "Was the Child Seen Alone?", "Child Protection Plan End Date"]
CLA_HEADINGS = ["Child Unique ID", "Allocated Team", "Allocated Worker", "Date Started to be Looked After",
                "Child's Legal Status", "Date of Last Social Work Visit", "Date Ceased to be Looked After"]
