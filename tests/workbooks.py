"""Write small Annex A workbooks for tests."""

from datetime import date

import xlsxwriter


def workbook(path, sheets):
    book = xlsxwriter.Workbook(str(path))
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, date):
                    sheet.write_datetime(r, c, value, date_format)
                else:
                    sheet.write(r, c, value)
    book.close()
    return path


REFERRAL_HEADINGS = ["Child Unique ID", "Allocated Team", "Allocated Worker", "Date of referral", "Referral NFA?"]
