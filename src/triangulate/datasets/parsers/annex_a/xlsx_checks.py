"""Look inside an .xlsx workbook before python-calamine materialises anything, and refuse what would not fit.

python-calamine reads a sheet into one DENSE grid from its first to its last cell that holds a value, and
then into Python lists: a single cell at XFD1048576 asks for 17 billion cells (~550 GB), a cell at
XFD2000 for 33 million, and one 10 KB shared string used by 100,000 cells is copied 100,000 times. So
each sheet that will be read is first streamed through expat, straight from the zip member, counting:

- the cells that hold a value (a ``<v>`` or ``<is>`` child: what calamine keeps) and their extent;
- the text those cells pull out of the shared-strings table ("expanded text");
and the shared-strings table itself is streamed the same way (count, each string's length). Nothing but
a few counters and one number per shared string is kept, so the check runs in a small, fixed memory.

Elements are matched by LOCAL name ("c", "x:c" and "{any namespace}c" alike) and cell positions follow
calamine's rules (a cell's ``r``, else the next column of the current row), because what matters is
what calamine will see: a check that trusted namespaces or the declared ``<dimension>`` (calamine
ignores it beyond reserving at most 100,000 cells) could be walked around. Which zip member is which
sheet is found as calamine finds it (package relationships, then the workbook's), zip names compared
case-insensitively with "\\" read as "/".

The caps are chosen so that a big council's real extract passes with room to spare: Ofsted's Annex A
lists have 10 to 35 columns, and the largest English councils send under about 100,000 rows in their
biggest list; 100,000 rows x 60 columns = 6 million cells per list is the size we plan for.
"""

import re
import xml.parsers.expat
import zipfile
from array import array
from dataclasses import dataclass

from .issues import AnnexAError

# One sheet's cells that hold a value. 8 million = 100,000 rows x 80 columns: a third above the planned
# 6 million; calamine and the Python rows take about 150 bytes a cell, so ~1.2 GB for the largest sheet.
MAX_SHEET_CELLS = 8_000_000
# All the lists read from one workbook: the Arrow tables of every list stay in memory together.
MAX_WORKBOOK_CELLS = 25_000_000
# The dense grid calamine allocates (32 bytes a cell, plus 8 for each Python list slot) may exceed the
# cells really there (blank cells inside the data are normal), but not by much: refused above
# max(DENSE_FLOOR, DENSE_RATIO x cells), and above MAX_DENSE_CELLS (~650 MB of grid) whatever the cells.
DENSE_FLOOR = 5_000_000
DENSE_RATIO = 4
MAX_DENSE_CELLS = 16_000_000
# Unpacked XML of one sheet (or of the shared strings): 6 million cells at ~50 bytes each is 300 MB.
MAX_PART_BYTES = 512 * 1024**2
# Characters the cells of one sheet take from the shared strings (each copied once per cell by calamine
# and again by Python): 6 million cells of ~40 characters; a 10 KB string in 100,000 cells is 1,000 million.
MAX_EXPANDED_TEXT = 250_000_000
# Distinct shared strings: calamine reserves room for the count the file declares before reading them.
MAX_SHARED_STRINGS = 4_000_000
# Excel itself cannot hold more characters in a cell; a longer shared string was not written by Excel.
MAX_CELL_TEXT = 32_767
# Excel's last row and column (XFD1048576).
MAX_ROW = 1_048_576
MAX_COLUMN = 16_384

_MAIN_RELS = "_rels/.rels"
_OFFICE_DOCUMENT = "/relationships/officeDocument"
_READ = 1 << 16


@dataclass
class SheetCheck:
    cells: int  # cells holding a value
    rows: int  # the last row holding a value (1-based), 0 when none
    columns: int  # the last column holding a value (1-based), 0 when none
    expanded_text: int  # characters taken from the shared strings


def column_letters(number):
    """1 -> "A", 16384 -> "XFD"."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _local(name):
    return name.rpartition(":")[2]


def _parse(stream, configure):
    """Stream one XML part through expat, ``configure(parser)`` setting the handlers. Only well-formed XML
    without a DOCTYPE is accepted: Excel writes none, and a DOCTYPE is how entity-expansion bombs start."""
    parser = xml.parsers.expat.ParserCreate()

    def doctype(*_):
        raise ValueError("a DOCTYPE declaration, which Excel never writes")

    configure(parser)
    parser.StartDoctypeDeclHandler = doctype
    while chunk := stream.read(_READ):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _handlers(start=None, end=None, text=None):
    def configure(parser):
        parser.StartElementHandler = start
        if end:
            parser.EndElementHandler = end
        if text:
            parser.CharacterDataHandler = text
    return configure


class Package:
    """Where calamine will find each sheet and the shared strings, read as calamine reads them."""

    def __init__(self, archive, file):
        self.archive, self.file = archive, file
        self.members = {m.filename.replace("\\", "/").lower(): m for m in archive.infolist()}
        target = self._office_document()
        self.folder = target[: target.rfind("/") + 1].removeprefix("/") if "/" in target else ""
        relationships = self._relationships(f"{self.folder}_rels/workbook.xml.rels")
        self.sheets = []  # [(sheet name, zip member or None)]
        for name, rel_id in self._sheet_ids(f"{self.folder}workbook.xml"):
            target = relationships.get(rel_id, "")
            path = target[1:] if target.startswith("/") else f"{self.folder}{target}"
            self.sheets.append((name, self.member(path) if target else None))
        self.shared_strings = self.member(f"{self.folder}sharedStrings.xml")

    def member(self, path):
        return self.members.get(path.lower())

    def _stream_part(self, path, start):
        member = self.member(path)
        if member is None:
            raise AnnexAError(f"{self.file}: could not be read as an Excel .xlsx workbook (it has no {path})")
        self.stream(member, _handlers(start))

    def read(self, member):
        try:
            return self.archive.read(member)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise AnnexAError(f"{self.file}: the workbook is damaged and cannot be unpacked ({exc})") from exc

    def stream(self, member, configure):
        try:
            with self.archive.open(member) as stream:
                _parse(stream, configure)
        except AnnexAError:
            raise
        except (xml.parsers.expat.ExpatError, ValueError, OSError, EOFError) as exc:
            raise AnnexAError(f"{self.file}: could not be read as an Excel .xlsx workbook "
                              f"({member.filename} is not readable XML: {exc})") from exc

    def _office_document(self):
        found = []

        def start(name, attrs):
            if _local(name) == "Relationship" and attrs.get("Type", "").endswith(_OFFICE_DOCUMENT):
                found.append(attrs.get("Target", ""))

        self._stream_part(_MAIN_RELS, start)
        if not found:
            raise AnnexAError(f"{self.file}: could not be read as an Excel .xlsx workbook (no workbook part)")
        return found[-1]

    def _relationships(self, path):
        found = {}

        def start(name, attrs):
            if _local(name) == "Relationship" and "Id" in attrs:
                found[attrs["Id"]] = attrs.get("Target", "")

        self._stream_part(path, start)
        return found

    def _sheet_ids(self, path):
        found = []

        def start(name, attrs):
            if _local(name) == "sheet":
                rel_id = next((v for k, v in attrs.items() if _local(k) == "id"), "")
                found.append((attrs.get("name", ""), rel_id))

        self._stream_part(path, start)
        return found


def check_part_size(member, file, what):
    if member.file_size > MAX_PART_BYTES:
        raise AnnexAError(f"{file}: {what} unpacks to {member.file_size / 1024**2:,.0f} MB; expected under "
                          f"{MAX_PART_BYTES / 1024**2:,.0f} MB (about {MAX_SHEET_CELLS:,} cells)")


def shared_string_lengths(package):
    """The length of each shared string (an ``array``), refusing tables too large for calamine to hold."""
    lengths = array("I")
    member = package.shared_strings
    if member is None:
        return lengths
    file = package.file
    check_part_size(member, file, "the shared strings table")
    state = [0, 0]  # [inside <si>, current string's length]

    def start(name, attrs):
        local = _local(name)
        if local == "si":
            state[0], state[1] = 1, 0
        elif local == "sst":
            declared = attrs.get("uniqueCount", "0")  # calamine reserves room for this many before reading
            if declared.isdigit() and int(declared) > MAX_SHARED_STRINGS:
                raise AnnexAError(f"{file}: declares {int(declared):,} shared strings; expected at most "
                                  f"{MAX_SHARED_STRINGS:,}")

    def end(name):
        if state[0] and _local(name) == "si":
            state[0] = 0
            if state[1] > MAX_CELL_TEXT:
                raise AnnexAError(f"{file}: shared string {len(lengths) + 1:,} has {state[1]:,} characters; "
                                  f"Excel holds at most {MAX_CELL_TEXT:,} in a cell")
            lengths.append(state[1])
            if len(lengths) > MAX_SHARED_STRINGS:
                raise AnnexAError(f"{file}: holds more than {MAX_SHARED_STRINGS:,} shared strings")

    def text(data):
        # All text inside <si> (runs, phonetic hints): at least what calamine keeps.
        if state[0]:
            state[1] += len(data)

    package.stream(member, _handlers(start, end, text))
    return lengths


_CELL, _ROW, _V, _IS = 1, 2, 3, 4  # the elements that matter; a <v> or <is> child is a cell's value
_KINDS = {"c": _CELL, "row": _ROW, "v": _V, "is": _IS}
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _column_number(letters):
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


# The quick proof (``_plainly_within_limits``) reads a part of at most this size into memory at once.
QUICK_BYTES = 64 * 1024**2
_CELL_STARTS = (b"<c ", b"<c>", b"<c/", b"<c\t", b"<c\n", b"<c\r")  # every way a <c> tag can begin
_CELL_AT = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"')
_PREFIXED = re.compile(rb"</?[^\s<>/!?:]+:(?:c|row|v|is)[\s/>]")
_ROW_OF_LENGTH = {n: re.compile(rb'<c r="[A-Z]{1,3}([0-9]{%d})"' % n) for n in range(7, 0, -1)}
_COLUMN_OF_LENGTH = {n: re.compile(rb'<c r="([A-Z]{%d})[0-9]' % n) for n in range(3, 0, -1)}


def _largest(patterns, data):
    """The largest text any of ``patterns`` (longest first) captures: same length, so bytes order is number order."""
    for pattern in patterns.values():
        found = pattern.findall(data)
        if found:
            return max(found)
    return b""


def _plain_cells(data, lengths):
    """The number of <c> tags when C-speed byte counts PROVE the sheet within every limit, else None.

    Sound only for XML of the plain shape Excel and xlsxwriter write, so that is checked first: ASCII-
    compatible (no NUL byte), no comment, CDATA, DOCTYPE or processing instruction after the XML
    declaration (so every "<" starts a tag), no prefixed c/row/v/is element, and every <c> tag starting
    ``<c r="A1"`` (so each cell's position is that literal text: calamine takes a cell's ``r`` as it is).
    Then every cell, empty ones too, is counted and placed, which over-estimates what calamine keeps;
    the grid must stay within DENSE_FLOOR (which the exact rule never refuses), and the shared text
    within cells x the longest shared string. Anything else is left to the exact scan.
    """
    declaration = 1 if data.startswith(b"<?xml") else 0
    if b"\0" in data or b"<!" in data or data.count(b"<?") > declaration or _PREFIXED.search(data):
        return None
    tags = sum(data.count(start) for start in _CELL_STARTS)
    if tags > MAX_SHEET_CELLS or len(_CELL_AT.findall(data)) != tags:
        return None
    rows = int(_largest(_ROW_OF_LENGTH, data) or 0)
    columns = _column_number(_largest(_COLUMN_OF_LENGTH, data).decode())
    if rows * columns > DENSE_FLOOR or tags * max(lengths, default=0) > MAX_EXPANDED_TEXT:
        return None
    return tags


def scan_sheet(package, member, where, lengths):
    """Count one sheet's cells, their extent and expanded text (a ``SheetCheck``), streaming its XML.

    The handler runs once per element of the sheet, so it is written for speed: closure variables, caches
    of element names and column letters, and text collected only inside the <v> of shared-string cells.
    Positions follow calamine: a cell's ``r``, else the column after the previous cell in the current
    row; a row's ``r``, else the row after the previous one (rows and columns count from 1 here).
    """
    if member.file_size <= QUICK_BYTES:
        cells = _plain_cells(package.read(member), lengths)
        if cells is not None:
            return SheetCheck(cells, 0, 0, 0)  # an upper bound of the cells; extent and text not measured
    kinds, columns = {}, {}
    longest = max(lengths, default=0)
    row_index = col_index = cell_row = cell_col = 0
    shared = waiting = False  # the current cell is a shared string; it has not been counted yet
    cells = expanded = 0
    # The last row and column holding values, the cell seen first there, how many cells share them, and
    # the row and column before them: what the message about a far-away cell needs.
    max_row = max_row_col = max_row_cells = second_row = max_col = max_col_row = max_col_cells = second_col = 0
    pieces, parser = [], None

    def position(ref):
        digits = ref.lstrip(_LETTERS)
        letters = ref[: len(ref) - len(digits)]
        column = columns.get(letters)
        if column is None:
            column = columns[letters] = _column_number(letters)
        if not digits.isdigit() or not column:
            raise AnnexAError(f"{where}: a cell's position '{ref[:20]}' is not a cell reference like B7")
        return int(digits), column

    def value_end(_name):
        nonlocal expanded
        parser.CharacterDataHandler = parser.EndElementHandler = None
        text = pieces[0] if len(pieces) == 1 else ""
        pieces.clear()
        if not text.isdigit():
            # Not one plain number (a character reference splits the text): calamine might read it
            # otherwise, so it counts as the longest shared string.
            expanded += longest
        elif int(text) < len(lengths):
            expanded += lengths[int(text)]

    def start(name, attrs):
        nonlocal row_index, col_index, cell_row, cell_col, shared, waiting, cells
        nonlocal max_row, max_row_col, max_row_cells, second_row, max_col, max_col_row, max_col_cells, second_col
        kind = kinds.get(name)
        if kind is None:
            kind = kinds[name] = _KINDS.get(_local(name), 0)
        if kind == _CELL:
            ref = attrs.get("r")
            if ref:
                cell_row, cell_col = position(ref)
            else:
                cell_row, cell_col = max(row_index, 1), col_index + 1
            col_index = cell_col
            shared = attrs.get("t") == "s"
            waiting = True
        elif kind >= _V and waiting:
            waiting = False
            cells += 1
            if cell_row > max_row:
                second_row, max_row, max_row_col, max_row_cells = max_row, cell_row, cell_col, 1
            elif cell_row == max_row:
                max_row_cells += 1
            elif cell_row > second_row:
                second_row = cell_row
            if cell_col > max_col:
                second_col, max_col, max_col_row, max_col_cells = max_col, cell_col, cell_row, 1
            elif cell_col == max_col:
                max_col_cells += 1
            elif cell_col > second_col:
                second_col = cell_col
            if shared and kind == _V:
                parser.CharacterDataHandler = pieces.append
                parser.EndElementHandler = value_end
        elif kind == _ROW:
            ref = attrs.get("r")
            row_index = int(ref) if ref and ref.isdigit() else row_index + 1
            col_index = 0
            if cells > MAX_SHEET_CELLS:  # stop early: checked once a row, not once a cell
                _too_many_cells(where)

    def configure(expat_parser):
        nonlocal parser
        parser = expat_parser
        parser.buffer_text = False  # a character reference then arrives as a piece of its own
        parser.StartElementHandler = start

    package.stream(member, configure)
    if cells > MAX_SHEET_CELLS:
        _too_many_cells(where)
    _check_extent(where, cells, (max_row, max_row_col, max_row_cells, second_row),
                  (max_col, max_col_row, max_col_cells, second_col))
    if expanded > MAX_EXPANDED_TEXT:
        raise AnnexAError(f"{where}: its cells repeat the workbook's shared text {expanded:,} characters in all; "
                          f"expected at most {MAX_EXPANDED_TEXT:,}. A very long text repeated in many cells "
                          "makes this: shorten it, or keep it in one cell")
    return SheetCheck(cells, max_row, max_col, expanded)


def _ref(row, column):
    return f"{column_letters(column)}{row}"


def _too_many_cells(where):
    raise AnnexAError(f"{where}: holds more than {MAX_SHEET_CELLS:,} cells with values; expected at most that "
                      "many (about 100,000 rows of 80 columns) in an Annex A list")


def _check_extent(where, cells, rows, columns):
    """Refuse a dense grid far larger than the cells really there, naming the far-away cell if there is one."""
    (max_row, max_row_col, max_row_cells, second_row), (max_col, max_col_row, max_col_cells, second_col) = rows, columns
    limit = min(MAX_DENSE_CELLS, max(DENSE_FLOOR, DENSE_RATIO * cells))
    if max_row * max_col <= limit:
        return
    # One cell alone in the last row and/or the last column: without it the grid would end at ``rest``.
    candidates = []
    if max_row_cells == 1 and max_col_cells == 1 and (max_row_col, max_col_row) == (max_col, max_row):
        candidates.append(((max_row, max_col), (second_row, second_col)))
    if max_col_cells == 1:
        candidates.append(((max_col_row, max_col), (max_row, second_col)))
    if max_row_cells == 1:
        candidates.append(((max_row, max_row_col), (second_row, max_col)))
    for far, rest in candidates:
        if rest[0] * rest[1] <= limit and cells > 1:
            raise AnnexAError(f"{where}: a cell at {_ref(*far)} is far from the data (which ends at {_ref(*rest)}); "
                              "delete that cell (or every row and column after the data) and save again")
    raise AnnexAError(f"{where}: its cells span {max_row:,} rows x {max_col:,} columns (to {_ref(max_row, max_col)}) "
                      f"but only {cells:,} hold values; expected an Annex A list whose cells fill most of the area they span "
                      f"(at most {MAX_DENSE_CELLS:,} cells from A1 to the last)")
