"""Yes / No / Unknown code sets: the plain one, and one per column whose councils write phrases of
their own ("Seen alone", "Offered and Accepted", "NFA", "UASC", disability types).

Sources: Ofsted's Annex A options (a) Yes, b) No, c) Unknown), the yes/no spellings in LIIA's public
Annex A schema, and the data-to-insight SSD Annex A export. A phrase is only read where it has one
meaning: "Seen" alone is Yes for "child seen during assessment" but not for "seen alone?" (a visit
where the child was seen, not necessarily alone).
"""

from .core import CodeSet

CODES = {"Yes": "Yes", "No": "No", "Unknown": "Unknown"}
ALIASES = {"y": "Yes", "true": "Yes", "t": "Yes", "1": "Yes", "n": "No", "false": "No", "f": "No", "0": "No",
           "u": "Unknown", "unk": "Unknown"}
UNKNOWN = ("not known", "not recorded", "not stated", "unknown not recorded", "don't know", "dk",
           "no information", "information not recorded", "not yet recorded")
BASE = {"Unknown": UNKNOWN}


def _yesno(name, title, variants=None, patterns=(), aliases=None):
    merged = {code: tuple(BASE.get(code, ())) + tuple((variants or {}).get(code, ())) for code in CODES}
    return CodeSet(name, title, CODES, aliases={**ALIASES, **(aliases or {})}, variants=merged,
                   patterns=patterns)


YESNO = _yesno("yesno", "yes/no")

DISABILITY = _yesno("disability", "disability (yes/no)", {
    # a recorded disability type (CIN census codes or their names) means the child has one
    "Yes": ("disabled", "disability", "has disability", "aut", "autism", "asperger syndrome",
            "autism or asperger syndrome", "beh", "behaviour", "comm", "communication", "con", "consciousness",
            "dda", "disabled under dda", "hand", "hand function", "hear", "hearing", "inc", "incontinence",
            "ld", "learning", "learning disability", "mob", "mobility", "pc", "personal care", "vis", "vision",
            "other dda"),
    "No": ("none", "no disability", "not disabled", "no known disability"),
    "Unknown": ("nobt", "not obtained", "information not yet obtained", "nobt information not yet obtained",
                "refu", "refused", "declined"),
})

REFERRAL_NFA = _yesno("referral_nfa", "referral NFA (yes/no)", {
    # the column asks "was the referral No Further Action?": NFA is Yes, further action is No
    "Yes": ("nfa", "no further action", "no further action required", "closed nfa"),
    "No": ("fa", "further action", "further action required", "progressed", "open"),
})

SEEN = _yesno("seen", "child seen (yes/no)", {
    "Yes": ("seen", "child seen", "seen alone", "child seen alone", "seen not alone", "child seen not alone",
            "seen with others"),
    # LIIA's schema reads "not seen alone" here as No (the assessment did not see the child on their own);
    # we follow it so that councils' files read as the public record of them does
    "No": ("not seen", "child not seen", "unborn", "child unborn", "not seen alone", "child not seen alone"),
})

SEEN_ALONE = _yesno("seen_alone", "seen alone (yes/no)", {
    # "Seen" / "Child seen" in the seen-alone column: councils whose lists offer only seen / not seen
    # write it for a child seen alone (LIIA's schema reads both as Yes)
    "Yes": ("seen alone", "child seen alone", "yes seen alone", "seen", "child seen"),
    "No": ("not seen alone", "child not seen alone", "seen not alone", "child seen not alone", "seen but not alone",
           "seen with others", "seen with parent", "not seen", "child not seen"),
    "Unknown": ("no visit new in last month", "no visit"),
})

RETURN_OFFERED = _yesno("return_offered", "return interview offered (yes/no)", {
    "Yes": ("offered", "offered and accepted", "offered and declined", "offered not accepted"),
    "No": ("not offered",),
}, patterns=[("No", r"^not offered\b"), ("Yes", r"^offered\b")])

RETURN_ACCEPTED = _yesno("return_accepted", "return interview accepted (yes/no)", {
    "Yes": ("accepted", "offered and accepted", "accepted and completed", "completed"),
    "No": ("declined", "offered and declined", "refused", "not accepted", "offered not accepted", "not offered",
           "offered and refused"),
}, patterns=[("No", r"^not (offered|accepted)\b"), ("Yes", r"^(offered and )?accepted\b"),
             ("No", r"\b(declined|refused)\b")])

UASC = _yesno("uasc", "UASC (yes/no)", {
    "Yes": ("uasc", "unaccompanied asylum seeking child", "former uasc", "formerly uasc", "uasc former",
            "is uasc", "non cla"),
    # "CLA" / "Non-CLA": one council's UASC flag, read as LIIA's schema reads it (a looked-after child who
    # is not an asylum seeker / an asylum seeker outside the usual CLA route)
    "No": ("non uasc", "not uasc", "non-uasc", "no uasc", "cla"),
})

SETS = [YESNO, DISABILITY, REFERRAL_NFA, SEEN, SEEN_ALONE, RETURN_OFFERED, RETURN_ACCEPTED, UASC]
