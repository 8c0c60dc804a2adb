"""Annex A code sets: canonical codes, their labels and the variants councils write (contract A.5).

``normaliser(name)`` returns the reader for one code set: ``callable(raw) -> (code | None, problem | None)``.
``raw`` may be text, a number (1.0 is "1"), a bool (True is Yes) or None; a blank is ``(None, None)``.
Each reader caches its answers, so calling it once per distinct value of a column is cheap.
"""

from . import care, children, leavers, yesno
from .core import CodeSet, clean, key

CODESETS = {s.name: s for s in (*yesno.SETS, *children.SETS, *care.SETS, *leavers.SETS)}


def normaliser(codeset):
    """The reader for the named code set (see CODESETS); KeyError for an unknown name."""
    return CODESETS[codeset]


__all__ = ["CODESETS", "CodeSet", "clean", "key", "normaliser"]
