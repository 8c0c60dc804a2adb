"""The places and years published figures are given for, and how publications write them: England, the
nine regions, local authorities by DfE or ONS code, financial years, and the Government Statistical
Service's symbols for a figure not given. Pure Python, no Django (benchmarks/reader.py reads files with it,
benchmarks/selectors.py matches the council's region and neighbours with it)."""

import math
import re

ENGLAND, REGION, LA = "england", "region", "la"
AREA_TYPES = {ENGLAND: "England", REGION: "Region", LA: "Local authority"}
ENGLAND_CODE = "E92000001"

# The nine English regions, keyed as people.models.Region: (ONS code, name, other names seen in files).
REGIONS = {
    "north_east": ("E12000001", "North East", ()),
    "north_west": ("E12000002", "North West", ()),
    "yorkshire_and_the_humber": ("E12000003", "Yorkshire and The Humber", ("Yorkshire and Humber",
                                                                           "Yorkshire and Humberside")),
    "east_midlands": ("E12000004", "East Midlands", ()),
    "west_midlands": ("E12000005", "West Midlands", ()),
    "east_of_england": ("E12000006", "East of England", ("East", "Eastern")),
    "london": ("E12000007", "London", ()),
    "south_east": ("E12000008", "South East", ()),
    "south_west": ("E12000009", "South West", ()),
}
# DfE regional rows also carry London's two halves: kept, compared with nobody.
OTHER_REGIONS = {"E13000001": "Inner London", "E13000002": "Outer London"}

# The Government Statistical Service's symbols for a figure not given (lower case, brackets removed).
SUPPRESSION_MARKERS = {
    "c": "suppressed to protect confidentiality",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "low": "rounds to zero",
    "k": "rounds to zero",
    "..": "not available",
    ":": "not available",
    "-": "not available",
}

LEVELS = {
    "england": ENGLAND, "national": ENGLAND, "country": ENGLAND, "nation": ENGLAND,
    "region": REGION, "regional": REGION,
    "la": LA, "local_authority": LA, "authority": LA, "lea": LA, "local_authority_district": LA,
}
OLD_CODE = re.compile(r"\d{3}")
ONS_CODE = re.compile(r"[EWSN]\d{8}")
LA_ONS = re.compile(r"E(06|08|09|10)\d{6}")  # unitaries, metropolitan districts, London boroughs, counties
YEAR = re.compile(r"(\d{4})(?:\s*(?:-|/|–|to)\s*(\d{2}|\d{4}))?")
YEAR_JOINED = re.compile(r"(\d{4})(\d{2})")


def area_name_key(name):
    """A name as compared: case, punctuation, "&" and the words around a council's name set aside, so
    "Bristol, City of" is "Bristol" and "County Durham" is "Durham"."""
    words = re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ")).split()
    return " ".join(w for w in words if w not in {"the", "of", "city", "county", "council", "borough",
                                                  "metropolitan", "royal"})


REGION_BY_NAME = {area_name_key(name): code for code, name, _ in REGIONS.values()}
REGION_BY_NAME.update({area_name_key(alias): code for code, _, aliases in REGIONS.values() for alias in aliases})
REGION_BY_NAME.update({area_name_key(name): code for code, name in OTHER_REGIONS.items()})
REGION_NAMES = {code: name for code, name, _ in REGIONS.values()} | OTHER_REGIONS


def region_code(region):
    """The ONS code of a people.models.Region value ("north_east" -> "E12000001"), or None."""
    entry = REGIONS.get(region)
    return entry[0] if entry else None


def normalise_year(text):
    """'2024-25' from 2024-25, 2024/25, 202425, 2024-2025 or 2024 to 2025; '2023' from 2023; else None."""
    text = text.strip()
    if text.endswith(".0"):  # a number that went through a spreadsheet
        text = text[:-2]
    joined = YEAR_JOINED.fullmatch(text)
    match = YEAR.fullmatch(text) if joined is None else None
    first, second = (joined.group(1), joined.group(2)) if joined else (match.groups() if match else (None, None))
    if first is None or not 1990 <= int(first) <= 2100:
        return None
    if second is None:
        return first
    start = int(first)
    if (len(second) == 2 and int(second) != (start + 1) % 100) or (len(second) == 4 and int(second) != start + 1):
        return None
    return f"{start}-{(start + 1) % 100:02d}"


def year_sort_key(year):
    """Years in order: a financial year after the calendar year it starts in."""
    return (int(year[:4]), len(year))


def parse_value(text):
    """(value, marker): a number, or None with the publication's symbol ("" for a blank). Raises ValueError."""
    text = text.strip()
    if not text:
        return None, ""
    symbol = text.lower()
    if symbol.startswith("[") and symbol.endswith("]"):
        symbol = symbol[1:-1].strip()
    if symbol in SUPPRESSION_MARKERS:
        return None, symbol
    number = text.replace(",", "").replace(" ", "")
    if number.endswith("%"):
        number = number[:-1]
    value = float(number)
    if not math.isfinite(value):
        raise ValueError(text)
    return value, ""
