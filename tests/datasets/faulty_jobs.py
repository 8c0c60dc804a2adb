"""Extract jobs that misbehave as a hostile file can make the reader misbehave, for the child process to run
in tests (settings.TRIANGULATE_EXTRACT_JOB names one; isolation.py imports it in the child). Each takes the
arguments of extract_job.parse_extract."""

import os
import time
from datetime import date

from triangulate.datasets.extract_job import parse_extract

ABORT_DATE = date(2001, 1, 31)  # an extract with this date makes `abort_on_date` abort


def dense_read(source_path, folder, extract_date, population):
    """The reader before issue 7: python-calamine materialises the sheet's whole declared range, which for a
    cell at XFD1048576 is an allocation of hundreds of gigabytes; Rust aborts when it fails."""
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(source_path)).get_sheet_by_index(0).to_python()


def abort(source_path, folder, extract_date, population):
    """A native crash (what the reader did on a cell at XFD1048576): SIGABRT."""
    os.abort()


def allocate(source_path, folder, extract_date, population):
    """Memory past any sane limit, quickly (a workbook inflating to gigabytes)."""
    hoard = []
    while True:
        hoard.append(bytearray(64 << 20))


def spin(source_path, folder, extract_date, population):
    """Processor time without end (a reader in a loop)."""
    while True:
        pass


def hang(source_path, folder, extract_date, population):
    """A job that takes its time without using the processor. It leaves its pid in the data folder (the
    folder's grandparent), where a test can find it after the import has removed the partial folder."""
    (folder.parents[1] / "hang.pid").write_text(str(os.getpid()))
    time.sleep(600)


def abort_on_date(source_path, folder, extract_date, population):
    """The real job, except that an extract dated ABORT_DATE aborts: one worker can run both kinds."""
    if extract_date == ABORT_DATE:
        os.abort()
    return parse_extract(source_path, folder, extract_date, population)


def quick(source_path, folder, extract_date, population):
    """Nothing to read: what starting a child process costs."""
    from triangulate.datasets.extract_job import ParsedExtract

    return ParsedExtract(row_counts={}, headings={}, teams={}, issues=[], derived={})
