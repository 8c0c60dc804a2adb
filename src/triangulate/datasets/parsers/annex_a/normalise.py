"""Cell normalisation for Annex A (contract: shared/design/annex-a.md). Pure Python.

Every normaliser takes one raw cell (a str from CSV; str, float, int, bool, date or datetime
from a workbook read by python-calamine; None or "" when blank) and returns ``(value, problem)``:
``problem`` is None, or a short sentence saying what was expected. A blank cell (None, "" or only
white space) is ``(None, None)``: blanks are never problems.

Text (kind ``text``)
    Trimmed; every run of white space (non-breaking spaces, tabs, new lines included) becomes one
    space. Whole numbers from a workbook lose Excel's ".0" (URN 123456.0 -> "123456"); dates become
    ISO text. Values longer than ``MAX_TEXT`` characters are cut to that length, with a problem.

Ids (kind ``id``)
    As text, and a whole number written as a float, 1761444.0 or "1761444.0", is "1761444".

Codes (kind ``code``), applied in order:
    1. clean as text;
    2. drop an option-letter prefix "a) " or "(a) "         "a) WBRI" -> "WBRI";
    3. ``CODE: label``, ``CODE - label`` (also en/em dash) -> CODE, when CODE is one token of 1-6
       letters/digits                                        "V2: Single period..." -> "V2",
                                                             "N1 - Abuse or Neglect" -> "N1";
       ``CODE label`` (space only) -> CODE, only when CODE holds a digit and the label starts with a
       letter                                                "1A Individual" -> "1A";
    4. case: a single token of letters and digits *that holds a digit* is upper-cased ("g5" -> "G5",
       "e11" -> "E11"); anything else keeps its case ("WBRI", "Suitable", "Neglect", "Male", "wbri").
       Pure-letter values are never re-cased because codes and words cannot be told apart.
    Whole-number floats lose ".0" (9.0 -> "9").

Yes/No (kind ``yesno``)
    Codes as above, then case-insensitively: yes/y/true/1 -> "Yes"; no/n/false/0 -> "No";
    unknown/u/unk/not known/not recorded -> "Unknown"; Excel TRUE/FALSE cells -> "Yes"/"No".
    Anything else is None with the problem "expected Yes, No or Unknown".

Dates (kind ``date``)
    date cells as they are; datetime cells keep their date part; numbers (and 5-digit numeric text)
    are Excel serial dates in the 1900 system (45292 -> 2024-01-01; any fraction is the time and is
    dropped); text "dd/mm/yyyy", "d/m/yyyy", "dd-mm-yyyy", "dd.mm.yyyy" (day first, always) and ISO
    "yyyy-mm-dd", each optionally followed by a time ("2024-01-01 00:00:00", "01/01/2024 09:30").
    Two-digit years ("01/01/24") are NOT accepted: the century of a date of birth is ambiguous.
    Month names, US month-first dates that cannot be read day-first, and impossible dates
    (31/02/2024) are None with the problem "expected a date like 31/03/2025".

Whole numbers (kind ``int``)
    3, 3.0, "3", " 3 ", "3.0" -> 3; fractions, words and numbers outside 64 bits are None with the
    problem "expected a whole number like 3".

Ages (``norm_age``, the ``age`` column only)
    As whole numbers, except that a fraction is floored to whole years without a problem: some case
    systems export exact ages (6.138 -> 6). Other counts stay strict: 2.5 referrals is an error to show.

Each cell normaliser is called once per distinct raw value of a column (columns.py), so these stay
simple Python; the cell types they accept are exactly those a CSV (str) or python-calamine gives.
"""

import datetime as dt
import math
import re

MAX_TEXT = 1000
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 given Excel's 1900 leap-year bug
MAX_SERIAL = 2958465  # 9999-12-31
INT64 = 2**63

EXPECT_DATE = "expected a date like 31/03/2025"
EXPECT_INT = "expected a whole number like 3"
EXPECT_YESNO = "expected Yes, No or Unknown"
TOO_LONG = f"longer than {MAX_TEXT} characters; kept the first {MAX_TEXT}"

_INT_FLOAT_TEXT = re.compile(r"^[+-]?\d+\.0*$")
_PREFIX = re.compile(r"^\(?[A-Za-z]\)\s*")
_CODE_LABEL = re.compile(r"^([A-Za-z0-9]{1,6})(?:\s*:|\s+[-\u2013\u2014]|[-\u2013\u2014]\s)")
_CODE_SPACE_LABEL = re.compile(r"^([A-Za-z]{0,3}\d[A-Za-z0-9]{0,4})\s+[A-Za-z]")
_TOKEN_WITH_DIGIT = re.compile(r"^(?=[A-Za-z]*\d)[A-Za-z0-9]+$")
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_DMY = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})" + _TIME + "$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + "$")
_SERIAL_TEXT = re.compile(r"^\d{5}(?:\.\d+)?$")
_INT_TEXT = re.compile(r"^[+-]?\d+(?:\.0*)?$")
_DECIMAL_TEXT = re.compile(r"^([+-]?\d+)\.(\d+)$")

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}
_UNKNOWN = {"unknown", "u", "unk", "not known", "not recorded"}


def number_text(value):
    """Text for a workbook number: 1761444.0 -> "1761444", 2.5 -> "2.5"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _as_text(value):
    """Any raw cell as cleaned text ("" when blank)."""
    if value is None:
        return ""
    if value.__class__ is str:
        return " ".join(value.split())
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return "" if math.isnan(value) else number_text(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return " ".join(str(value).split())


def _limit(text):
    if len(text) > MAX_TEXT:
        return text[:MAX_TEXT], TOO_LONG
    return text, None


def norm_text(value):
    text = _as_text(value)
    if not text:
        return None, None
    return _limit(text)


def norm_id(value):
    text = _as_text(value)
    if not text:
        return None, None
    if _INT_FLOAT_TEXT.match(text):
        text = text.split(".", 1)[0]
    return _limit(text)


def _bare_code(text):
    text = _PREFIX.sub("", text, count=1)
    match = _CODE_LABEL.match(text) or _CODE_SPACE_LABEL.match(text)
    if match:
        text = match.group(1)
    if _TOKEN_WITH_DIGIT.match(text):
        text = text.upper()
    return text


def norm_code(value):
    text = _as_text(value)
    if not text:
        return None, None
    return _limit(_bare_code(text))


def norm_yesno(value):
    if isinstance(value, bool):
        return ("Yes" if value else "No"), None
    text = _as_text(value)
    if not text:
        return None, None
    word = _bare_code(text).casefold()
    if word in _YES:
        return "Yes", None
    if word in _NO:
        return "No", None
    if word in _UNKNOWN:
        return "Unknown", None
    return None, EXPECT_YESNO


def _from_serial(number):
    if math.isnan(number) or not 1 <= number <= MAX_SERIAL:
        return None, EXPECT_DATE
    return EXCEL_EPOCH + dt.timedelta(days=int(number)), None


def _ymd(year, month, day):
    try:
        return dt.date(int(year), int(month), int(day)), None
    except ValueError:
        return None, EXPECT_DATE


def norm_date(value):
    if value is None:
        return None, None
    cls = value.__class__
    if cls is dt.date:
        return value, None
    if cls is dt.datetime or isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day), None
    if isinstance(value, bool):
        return None, EXPECT_DATE
    if isinstance(value, (int, float)):
        return _from_serial(value)
    if cls is not str:
        return None, EXPECT_DATE  # times, durations and anything unexpected
    text = value.strip()
    if not text:
        return None, None
    match = _DMY.match(text)
    if match:
        return _ymd(match.group(4), match.group(3), match.group(1))
    match = _ISO.match(text)
    if match:
        return _ymd(match.group(1), match.group(2), match.group(3))
    if _SERIAL_TEXT.match(text):
        return _from_serial(float(text))
    return None, EXPECT_DATE


def norm_int(value):
    if value is None or isinstance(value, bool):
        return None, (None if value is None else EXPECT_INT)
    if isinstance(value, int):
        return (value, None) if -INT64 <= value < INT64 else (None, EXPECT_INT)
    if isinstance(value, float):
        if math.isnan(value):
            return None, None
        if not value.is_integer() or not -INT64 <= value < INT64:
            return None, EXPECT_INT
        return int(value), None
    text = _as_text(value)
    if not text:
        return None, None
    if not _INT_TEXT.match(text):
        return None, EXPECT_INT
    number = int(text.split(".", 1)[0])
    return (number, None) if -INT64 <= number < INT64 else (None, EXPECT_INT)


def norm_age(value):
    """A child's age in whole years: fractional ages (6.138, as some systems export them) are floored."""
    if isinstance(value, float) and math.isfinite(value) and not value.is_integer():
        return (math.floor(value), None) if -INT64 <= value < INT64 else (None, EXPECT_INT)
    if value.__class__ is str:
        text = value.strip()
        match = _DECIMAL_TEXT.match(text)
        if match and match.group(2).strip("0"):
            number = int(match.group(1))
            if text.startswith("-"):
                number -= 1  # floor, not truncation: -0.5 is -1
            return (number, None) if -INT64 <= number < INT64 else (None, EXPECT_INT)
    return norm_int(value)


NORMALISERS = {
    "id": norm_id,
    "text": norm_text,
    "code": norm_code,
    "yesno": norm_yesno,
    "date": norm_date,
    "int": norm_int,
}
