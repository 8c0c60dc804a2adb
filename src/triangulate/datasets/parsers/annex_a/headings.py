"""Tolerant matching of an Annex A heading row to a list's columns (pure Python).

``match_headings(spec, headings)`` returns a ``HeadingMatch``: ``found`` maps each schema key present
to its column index in the file, ``report`` says how every heading was read (contract B). Each file
heading is tried, strongest first:

    exact     its key (letters and digits only, case-folded) is the canonical heading's key;
    variant   its key is a known variant's (heading_variants.py: LIIA's names, data-to-insight's
              CamelCase export, common short forms), or its words match exactly one column's pattern;
    tolerant  after dropping pivot-table prefixes ("Sum of", "Count of", "Max of" ...) and "(Y/N)"
              suffixes, its key equals a column's, or is within a small edit distance of exactly one
              column's: 1 letter for keys of 10-15 characters, 2 from 16, never for shorter keys
              (so "Gender" never matches "Sender"), never when the numbers in them differ ("Stage 1" is
              not "Stage 2"), and only towards columns no stronger heading took.

Curly quotes and apostrophes, doubled brackets, case, spacing and punctuation never matter (the key
keeps letters and digits only). A column claimed by two headings of the same strength, or a heading
equally close to two columns, is a ``HeadingError`` (names, exact or variant, are one strength; a
pattern is weaker, a tolerant match weaker still); a weaker heading for a column a stronger heading
already took is ignored (and listed as such): "Count of Child Unique ID" beside "Child Unique ID".
Blank headings are skipped.
"""

import re
from dataclasses import dataclass, field

from .heading_variants import HEADING_PATTERNS, HEADING_VARIANTS

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_PIVOT = re.compile(r"^(sum|count|max|min|average|avg|first|last) of\s+")
_YES_NO = re.compile(r"\(*\s*\b(y\s*/\s*n|yes\s*/\s*no)\b\s*\)*", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
NAME, PATTERN, TOLERANT = 3, 2, 1  # how strongly a heading claims a column


class HeadingError(ValueError):
    """The heading row cannot be matched unambiguously; the message names the headings and columns."""


@dataclass
class HeadingMatch:
    found: dict = field(default_factory=dict)  # schema key -> column index in the file
    report: dict = field(default_factory=dict)  # {"matched": [...], "absent": [...], "ignored": [...]}


def heading_key(text):
    """Letters and digits only, case-folded: 'Child’s Legal Status' and 'CHILDS_LEGAL_STATUS' agree."""
    return _NOT_ALNUM.sub("", str(text).casefold())


def heading_words(text):
    """Lower-case words: CamelCase split, apostrophes dropped, other punctuation a space."""
    text = _CAMEL.sub(" ", str(text)).replace("\u2019", "").replace("\u2018", "").replace("'", "")
    return " ".join(_NOT_ALNUM.split(text.casefold())).strip()


def tolerant_key(text):
    words = heading_words(_YES_NO.sub(" ", str(text)))
    return heading_key(_PIVOT.sub("", words))


def typos_allowed(length):
    """How many typos a heading of this length may carry and still match (none under 10 characters)."""
    return 0 if length < 10 else 1 if length < 16 else 2


def typo_distance(a, b, limit):
    """Levenshtein distance, or limit + 1 once it is certainly larger than limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


class _Columns:
    """The names, patterns and tolerant keys of one list's columns."""

    def __init__(self, spec):
        self.columns = spec.columns
        self.exact, self.variant, self.patterns, self.tolerant = {}, {}, [], []
        for column in spec.columns:
            self.exact[heading_key(column.heading)] = column
            names = (column.heading, *HEADING_VARIANTS.get(column.heading, ()), *column.aliases)
            for name in names[1:]:
                self.variant.setdefault(heading_key(name), column)
            if column.heading in HEADING_PATTERNS:
                self.patterns.append((re.compile(HEADING_PATTERNS[column.heading]), column))
            for name in names:
                self.tolerant.append((tolerant_key(name), column))

    def strong(self, heading):
        """(column, how, strength) by name or pattern, or None."""
        key = heading_key(heading)
        if key in self.exact:
            return self.exact[key], "exact", NAME
        if key in self.variant:
            return self.variant[key], "variant", NAME
        words = heading_words(heading)
        hits = {column.key: column for pattern, column in self.patterns if pattern.search(words)}
        return (next(iter(hits.values())), "variant", PATTERN) if len(hits) == 1 else None

    def close(self, heading, taken):
        """Columns (not in taken) nearest to the heading within the allowed distance."""
        key = tolerant_key(heading)
        if not key:
            return []
        best, nearest = None, {}
        for name, column in self.tolerant:
            if column.key in taken or _DIGITS.findall(name) != _DIGITS.findall(key):
                continue
            limit = typos_allowed(min(len(name), len(key)))
            d = typo_distance(key, name, limit)
            if d > limit:
                continue
            if best is None or d < best:
                best, nearest = d, {column.key: column}
            elif d == best:
                nearest[column.key] = column
        return list(nearest.values())


def match_headings(spec, headings):
    columns = _Columns(spec)
    texts = ["" if h is None else " ".join(str(h).split()) for h in headings]
    claims = {}  # key -> [(strength, index, how)]
    pending = []
    for index, heading in enumerate(texts):
        if not heading:
            continue
        hit = columns.strong(heading)
        if hit:
            column, how, strength = hit
            claims.setdefault(column.key, []).append((strength, index, how))
        else:
            pending.append(index)
    taken = set(claims)
    for index in pending:
        near = columns.close(texts[index], taken)
        if len(near) > 1:
            names = " and ".join(f"'{c.heading}'" for c in near)
            raise HeadingError(f"column '{texts[index]}' is equally close to {names}; expected a heading that "
                               "names one column")
        if near:
            claims.setdefault(near[0].key, []).append((TOLERANT, index, "tolerant"))
    found, how_found = {}, {}
    for column in spec.columns:
        claimed = sorted(claims.get(column.key, []), reverse=True)
        if not claimed:
            continue
        top = [c for c in claimed if c[0] == claimed[0][0]]
        if len(top) > 1:
            names = " and ".join(f"'{texts[i]}'" for _, i, _ in sorted(top, key=lambda c: c[1]))
            raise HeadingError(f"columns {names} both look like '{column.heading}'; expected only one of them")
        found[column.key], how_found[column.key] = claimed[0][1], claimed[0][2]
    used = {index: key for key, index in found.items()}
    by_key = {c.key: c for c in spec.columns}
    matched = [{"heading": texts[i], "column": by_key[k].heading, "key": k, "how": how_found[k]}
               for i, k in sorted(used.items())]
    ignored = [texts[i] for i in range(len(texts)) if texts[i] and i not in used]
    absent = [c.heading for c in spec.columns if c.key not in found]
    return HeadingMatch(found, {"matched": matched, "absent": absent, "ignored": ignored})
