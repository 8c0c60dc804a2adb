"""§1.4's name check, shared by the observe page's warning (services/sync.py) and the analysis page's flags
(presenters.py): a member of the visited team whose first or last name stands in a note as a whole word, case
ignored. A warning, never a refusal: "Will" and "Hope" are words as well as names, so an organiser decides."""

import re


def named_in(text, people):
    """The people (anything with first_name and last_name) whose first or last name is in `text` as a whole
    word, in the order given. A one-letter name is ignored: it would match every "a" and "I"."""
    found = []
    for person in people:
        names = [n.strip() for n in (person.first_name, person.last_name) if len(n.strip()) > 1]
        if any(re.search(rf"\b{re.escape(n)}\b", text, flags=re.IGNORECASE) for n in names):
            found.append(person)
    return found
