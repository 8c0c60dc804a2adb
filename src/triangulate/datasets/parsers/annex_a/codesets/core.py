"""How a raw Annex A cell is read against a code set (pure Python).

A ``CodeSet`` holds canonical codes with their labels, other spellings of a code ("aliases": "Y" for
Yes, "01" for in touch, "A1" for WBRI), whole phrases councils write instead ("variants": "Offered
and Accepted", "CiN Plan"), and ordered regular expressions for the long labels that vary without
end ("patterns": anything mentioning a short break with agreements recorded is V4).

``CodeSet.read(raw)`` returns ``(code, None)``, ``(None, None)`` for a blank (or a phrase that only
says "not recorded" where the set has no code for that), or ``(None, problem)``. The steps, each
tried on the cleaned text and then on it without an option prefix ("a) ", "(a) ", "a. ", "q) "):
    1. the whole text is a code, an alias, the label or a known variant (case, spacing and
       punctuation ignored);
    2. ``label [CODE]`` / ``(CODE) label``: exactly one bracketed code;
    3. ``CODE: label``, ``CODE - label``, ``CODE = label``, ``CODE, label``, or ``CODE label`` when
       CODE is written like a code (capitals or a digit: "1A Individual", not "No longer ..."), where
       CODE is a code or alias; if the label is itself the exact label of a *different* code the
       value contradicts itself and is not read ("7 - Police" is neither 7 nor 6);
    4. (sets whose codes cannot be English words) exactly one distinct code among the words
       ("CLA - V2 - Single period ...", "WHB - WBRI - British");
    5. the first of the set's patterns that matches the text's words.
Anything else is a problem naming the set and its codes.
"""

import math
import re
from functools import lru_cache

_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\x96": "-",
                         "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\xa0": " "})
# phrases that only say the cell is empty (every set)
BLANK_WORDS = frozenset({"-", "--", "---", ".", "..", "nan", "null", "n/a", "na", "#n/a", "<blank>", "pd.na",
                         "not applicable", "blank"})
_PREFIX = re.compile(r"^\(?([a-z]{1,2}\d?)(?:\)\s*|\.\s+)(?=\S)", re.IGNORECASE)  # a) / (a) / a. / p1)
_NOT_MAPPED = re.compile(r"^code '([^']+)' is not mapped$", re.IGNORECASE)
_NOISE = re.compile(r"^(?:cla|cin|cp|childrens|child|care leaver-'accommodation' /)\s*-?\s+", re.IGNORECASE)
_CODE_LABEL = re.compile(r"^([A-Za-z0-9]{1,8})(?:(\s*[:=,]\s*|\s*-+\s*)|(\s+))(.*)$")
# a code followed by its label after a space only: "1A Individual", "WBRI White British", not "No longer ..."
_CODE_LIKE = re.compile(r"^(?:[A-Z0-9]+|[A-Za-z]*\d[A-Za-z0-9]*)$")
_SPLIT_CODE = re.compile(r"^([A-Za-z]+\d+)\s+([A-Za-z])(?=$|\s*[-:)\]])")  # "E4 A - Return home" -> E4A
_BRACKETED = re.compile(r"[\[(]\s*([A-Za-z0-9]{1,8})\s*[\])]")
_WORDS = re.compile(r"[a-z0-9]+")
_WHOLE_FLOAT = re.compile(r"^\d+\.0+$")


def key(text):
    """Matching key: case-folded words joined by single spaces, '&' read as 'and'."""
    return " ".join(_WORDS.findall(text.casefold().replace("&", " and ")))


def clean(raw):
    """Raw cell -> trimmed text ('' when blank); Excel numbers lose '.0'; bools become TRUE/FALSE."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float):
        if math.isnan(raw):
            return ""
        return str(int(raw)) if raw.is_integer() else repr(raw)
    text = " ".join(str(raw).translate(_DASHES).split())
    if _WHOLE_FLOAT.match(text):
        return text.split(".", 1)[0]  # "4.0" from a CSV written by a spreadsheet
    text = text.strip("'\"` ")  # stray quotes around a value ("'4", "Relevant'")
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()  # "Died." "Housing."
    return text


class CodeSet:
    def __init__(self, name, title, codes, aliases=None, variants=None, patterns=(), blanks=(), scan=False,
                 shown=None):
        self.name = name
        self.title = title
        self.codes = dict(codes)  # canonical code -> label
        self.scan = scan
        exact = {}  # key -> code (None: a phrase that only means "not recorded")
        self.by_code = {}  # key of a code or alias -> code
        for code in self.codes:
            self.by_code[key(code)] = code
        for alias, code in (aliases or {}).items():
            self._check(code)
            self.by_code[key(alias)] = code
        self.labels = {}  # key of an exact label -> code (used to spot "7 - Police")
        for code, label in self.codes.items():
            for text in (label if isinstance(label, tuple) else (label,)):
                if text:
                    self.labels[key(text)] = code
        for code, phrases in (variants or {}).items():
            if code is not None:
                self._check(code)
            for phrase in phrases:
                exact[key(phrase)] = code
                if code is not None:
                    self.labels.setdefault(key(phrase), code)
        for phrase in blanks:
            exact[key(phrase)] = None
        exact.update({k: c for k, c in self.labels.items() if k not in exact})
        exact.update(self.by_code)
        self.exact = exact
        self.patterns = []
        for code, pattern in patterns:  # code None: the text is known to be ambiguous, leave it unread
            if code is not None:
                self._check(code)
            self.patterns.append((code, re.compile(pattern)))
        listed = shown or list(self.codes)
        self.expected = ", ".join(listed[:12]) + (", ..." if len(listed) > 12 else "")
        self.problem = f"not a known {title} code or label; expected one of: {self.expected}"
        self.read = lru_cache(maxsize=8192)(self._read_typed)

    def _check(self, code):
        if code not in self.codes:
            raise ValueError(f"{self.name}: {code!r} is not one of its codes")

    def __call__(self, raw):
        # bool and int/float keys collide in a cache (True == 1): key on the type too
        return self.read(raw.__class__, raw)

    def _read_typed(self, cls, raw):
        return self._read(raw)

    def _read(self, raw):
        text = clean(raw)
        if not text or text.casefold() in BLANK_WORDS:
            return None, None
        for candidate in self._candidates(text):
            found = self._match(candidate)
            if found is not _MISS:
                return found, None
        return None, self.problem

    def _candidates(self, text):
        seen = [text]
        match = _NOT_MAPPED.match(text)
        if match:
            seen.insert(0, match.group(1))
        match = _PREFIX.match(text)
        if match:
            seen.insert(0, text[match.end():])
        for item in list(seen):
            stripped = _NOISE.sub("", item, count=1)
            if stripped != item and stripped:
                seen.append(stripped)
        return seen

    def _match(self, text):
        k = key(text)
        if k in self.exact:
            return self.exact[k]
        if not k:
            return _MISS
        joined = _SPLIT_CODE.match(text)
        if joined and key(joined.group(1) + joined.group(2)) in self.by_code:
            text = joined.group(1) + joined.group(2) + text[joined.end():]
        bracketed = {self.by_code.get(key(b)) for b in _BRACKETED.findall(text)} - {None}
        if len(bracketed) == 1:
            return bracketed.pop()
        match = _CODE_LABEL.match(text)
        if match and (match.group(3) is None or _CODE_LIKE.match(match.group(1))):
            code = self.by_code.get(key(match.group(1)))
            if code is not None:
                said = self.labels.get(key(match.group(4)))
                return code if said in (None, code) else _MISS
        if self.scan:
            found = {self.by_code[w] for w in self._tokens(text) if w in self.by_code}
            if len(found) == 1:
                return found.pop()
        for code, pattern in self.patterns:
            if pattern.search(k):
                return _MISS if code is None else code
        return _MISS

    @staticmethod
    def _tokens(text):
        # only words written like codes: holding a digit ("V2", "A1") or in capitals ("WBRI", not "both")
        words = re.split(r"[^A-Za-z0-9]+", text)
        return [w.casefold() for w in words if len(w) > 1 and (w.isupper() or any(c.isdigit() for c in w))]


_MISS = object()
