"""Code sets of the child-level lists 1-7: gender, ethnicity, contact/referral source, primary need,
reason for closure, case status and category of abuse.

Codes: CIN census (DfE) code sets and Ofsted's Annex A options. Variants and patterns: our reading of
the spellings recorded in LIIA's public Annex A schema and of the data-to-insight SSD Annex A export
("a) 1A: Individual", "q) 6: Police", legacy ethnicity codes A1..E4).
"""

import re

from .core import CodeSet, key

GENDER = CodeSet("gender", "gender", {
    "Male": "Male", "Female": "Female", "Not stated/recorded": ("Not stated/recorded", "Not stated", "Not recorded"),
    "Neither": "Neither",
}, aliases={"m": "Male", "1": "Male", "f": "Female", "2": "Female", "u": "Not stated/recorded",
            "0": "Not stated/recorded", "9": "Not stated/recorded", "i": "Neither"},
    variants={
        "Male": ("boy", "man", "transgender male"),
        "Female": ("girl", "woman", "transgender female"),
        "Not stated/recorded": ("not known", "unknown", "not specified", "unspecified", "withheld", "unborn",
                                "unborn unknown", "not recorded unborn", "not stated recorded or unborn",
                                "gender unspecified", "unknown not recorded unborn", "not stated recorded"),
        "Neither": ("indeterminate", "indeterminate gender", "non binary", "unable to classify", "transgender",
                    "other"),
    },
    patterns=[("Not stated/recorded", r"\b(not (stated|recorded|known|specified)|unborn|unknown)\b"),
              ("Neither", r"\b(indeterminate|non ?binary|neither)\b"),
              ("Female", r"^female\b"), ("Male", r"^male\b")])

# DfE ethnicity codes; the aliases are the older two-character codes systems still export
_ETHNICITY = [
    ("WBRI", "White British", "A1"), ("WIRI", "White Irish", "A2"), ("WOTH", "Any other White background", "A3"),
    ("WIRT", "Traveller of Irish heritage", "A4"), ("WROM", "Gypsy/Roma", "A5"),
    ("MWBC", "White and Black Caribbean", "B1"), ("MWBA", "White and Black African", "B2"),
    ("MWAS", "White and Asian", "B3"), ("MOTH", "Any other mixed background", "B4"),
    ("AIND", "Indian", "C1"), ("APKN", "Pakistani", "C2"), ("ABAN", "Bangladeshi", "C3"),
    ("AOTH", "Any other Asian background", "C4"), ("BCRB", "Black Caribbean", "D1"), ("BAFR", "Black African", "D2"),
    ("BOTH", "Any other Black background", "D3"), ("CHNE", "Chinese", "E1"), ("OOTH", "Any other ethnic group", "E2"),
    ("REFU", "Refused", "E3"), ("NOBT", "Information not yet obtained", "E4"),
]
ETHNICITY = CodeSet("ethnicity", "ethnicity", {c: label for c, label, _ in _ETHNICITY},
                    aliases={old: c for c, _, old in _ETHNICITY} | {"WENG": "WBRI", "WSCO": "WBRI", "WWEL": "WBRI",
                                                                     "WCOR": "WBRI", "WNIR": "WBRI"},
                    variants={
                        "WBRI": ("white - british", "british", "english", "white english", "white scottish",
                                 "white welsh", "white - english", "white (british)"),
                        "WIRI": ("white - irish", "irish"),
                        "WROM": ("gypsy", "roma", "gypsy roma", "white gypsy roma"),
                        "NOBT": ("not obtained", "not yet obtained", "unknown", "not known", "not recorded",
                                 "not stated"),
                        "REFU": ("refused", "declined", "information refused", "declined to say"),
                    }, scan=True,
                    patterns=[
                        ("REFU", r"\b(refused|declined)\b"),
                        ("NOBT", r"\b(not (yet )?obtained|not (known|recorded|stated)|unknown)\b"),
                        ("WIRT", r"\btraveller\b"), ("WROM", r"\b(gypsy|roma|romany)\b"),
                        ("MWBC", r"white and black caribbean"), ("MWBA", r"white and black african"),
                        ("MWAS", r"white and asian"), ("MOTH", r"\bmixed\b"),
                        ("WIRI", r"\bwhite\b.*\birish\b"),
                        ("WBRI", r"\bwhite\b.*\b(british|english|scottish|welsh|cornish|northern irish)\b"),
                        ("WOTH", r"\bwhite\b"),
                        ("AIND", r"\bindian\b"), ("APKN", r"\bpakistani\b"), ("ABAN", r"\bbangladeshi\b"),
                        ("CHNE", r"\bchinese\b"), ("AOTH", r"\basian\b"),
                        ("BCRB", r"\bcaribbean\b"), ("BAFR", r"\bafrican\b"), ("BOTH", r"\bblack\b"),
                        ("OOTH", r"\b(other ethnic|arab|any other)\b"),
                    ])

# CIN census referral source; contacts use the same codes
_SOURCE = {
    "1A": ("Individual - family member, relative or carer", "Family member/relative/carer"),
    "1B": ("Individual - acquaintance (including neighbours and child minders)", "Acquaintance"),
    "1C": ("Individual - self", "Self"),
    "1D": ("Individual - other (including strangers, MPs)",),
    "2A": ("Schools", "School"), "2B": ("Education services",),
    "3A": ("Health services - GP", "GP"), "3B": ("Health services - health visitor", "Health visitor"),
    "3C": ("Health services - school nurse", "School nurse"),
    "3D": ("Health services - other primary health services", "Other primary health services"),
    "3E": ("Health services - A&E (emergency department)", "A&E"),
    "3F": ("Health services - other (e.g. hospice)",),
    "4": ("Housing (LA housing or housing association)", "Housing"),
    "5A": ("LA services - social care e.g. adults social care",),
    "5B": ("LA services - other internal (department other than social care in LA e.g. youth offending "
           "(excluding housing))",),
    "5C": ("LA services - external e.g. from another LAs adult social care",),
    "5D": ("LA services - early help",),
    "6": ("Police",), "7": ("Other legal agency (including courts, probation, immigration, CAFCASS, prison)",
                            "Other legal agency"),
    "8": ("Other",), "9": ("Anonymous",), "10": ("Unknown",),
}
SOURCE = CodeSet("source", "contact/referral source", _SOURCE, variants={
    "6": ("pol", "police - police"), "10": ("not known", "not recorded"),
}, patterns=[
    ("3C", r"\bschool nurse\b"), ("3E", r"\b(a and e|emergency department)\b"), ("3B", r"\bhealth visitor\b"),
    ("3A", r"\b(gp|general practitioner)\b"), ("1C", r"^(individual )?self\b"),
    ("2A", r"\b(schools?|academy|nursery school)\b"), ("2B", r"\beducation\b"),
    ("6", r"\bpolice\b"), ("7", r"\b(probation|cafcass|court|courts|prison|immigration|legal)\b"),
    ("4", r"\bhousing\b"), ("9", r"\banonymous\b"), ("5D", r"\bearly help\b"),
    ("3D", r"\b(health|camhs|hospital|midwife|paediatric)\w*"),
])

_NEED = {
    "N1": "Abuse or neglect", "N2": "Child's disability", "N3": "Parental disability or illness",
    "N4": "Family in acute stress", "N5": "Family dysfunction", "N6": "Socially unacceptable behaviour",
    "N7": "Low income", "N8": "Absent parenting",
}
_NEED_PATTERNS = [
    ("N1", r"\b(abuse|neglect)\b"), ("N3", r"\bparent\w* (illness|disabilit)"), ("N2", r"\bdisabilit"),
    ("N4", r"\bacute stress\b"), ("N5", r"\bdysfunction\b"), ("N6", r"\bsocially unacceptable\b"),
    ("N7", r"\blow income\b"), ("N8", r"\b(absent parent|uasc|asylum)"),
]
PRIMARY_NEED = CodeSet("primary_need", "primary need", _NEED | {
    "N9": "Cases other than children in need", "N0": "Not stated"},
    variants={"N3": ("parents illness or disability", "parental illness or disability"),
              "N9": ("not cin", "not a child in need"), "N0": ("not recorded", "need code not stated")},
    patterns=[("N9", r"\b(other than child(ren)? in need|not (a )?child(ren)? in need|not cin)\b"),
              ("N0", r"\bnot (stated|recorded)\b")] + _NEED_PATTERNS)
CATEGORY_OF_NEED = CodeSet("category_of_need", "category of need", _NEED,
                           variants={"N3": ("parents illness or disability", "parental illness or disability")},
                           patterns=_NEED_PATTERNS)

CLOSURE_REASON = CodeSet("closure_reason", "reason for closure", {
    "RC1": "Adopted", "RC2": "Died", "RC3": ("Child arrangements order", "Residence order"),
    "RC4": "Special guardianship order", "RC5": "Transferred to services of another local authority",
    "RC6": "Transferred to adult social care services",
    "RC7": "Services ceased for any other reason, including child no longer in need",
    "RC8": "Case closed after assessment, no further action",
    "RC9": "Case closed after assessment, referred to early help",
}, variants={"RC2": ("deceased", "child died", "client died")}, patterns=[
    ("RC9", r"\bafter (\w+ )?assessment\b.*\b(early help|eha|caf)\b"),
    ("RC8", r"\b(after (\w+ )?assessment|not in need after)\b"),
    ("RC1", r"\badopt"), ("RC2", r"\b(died|deceased|death)\b"),
    ("RC3", r"\b(child arrangements?|residence) order\b"), ("RC4", r"\bspecial guardianship\b"),
    ("RC6", r"\badult"), ("RC5", r"\b(another|other) (la|local authority)\b|\bmoved out of area\b"),
    ("RC7", r"\b(any other reason|no longer in need|services ceased)\b"),
])

CASE_STATUS = CodeSet("case_status", "case status", {
    "CLA": "Looked after child", "CP plan": "Child protection plan", "CIN plan": "Child in need plan",
    "Open assessment": "Open assessment", "Closed episode": "Closed episode",
}, aliases={"lac": "CLA", "cp": "CP plan", "cpp": "CP plan", "cin": "CIN plan"}, variants={
    "CLA": ("cla and cp", "cla and cpp", "cp cla", "looked after", "child looked after", "children looked after"),
    "CP plan": ("cp ext", "child protection", "cp plan"),
    "CIN plan": ("child in need", "cin plan"),
    "Open assessment": ("open asmt", "assessment", "cf assessment in progress", "assessment in progress"),
    "Closed episode": ("closed", "closed case", "care leaver", "closed stepdown", "closed step down",
                       "closed referral", "closed assessment"),
}, patterns=[("Closed episode", r"^closed\b"), ("CLA", r"\b(cla|lac|looked after)\b"),
             ("CP plan", r"\b(cp|cpp|child protection)\b"), ("CIN plan", r"\b(cin|child in need)\b"),
             ("Open assessment", r"\bassessment\b")])

_ABUSE_WORDS = {"NEG": r"\bneglect", "PHY": r"\bphysical", "SAB": r"\bsexual", "EMO": r"\bemotion"}
_ABUSE_FLAGS = re.compile(r"^[yn]{4}$")  # Y/N for neglect, physical, sexual, emotional, in that order


class AbuseCodeSet(CodeSet):
    """Categories of abuse: a value naming two or more categories is Multiple."""

    def _match(self, text):
        k = " ".join(text.casefold().split())
        if _ABUSE_FLAGS.match(k):
            named = [code for code, flag in zip(_ABUSE_WORDS, k) if flag == "y"]
            return named[0] if len(named) == 1 else ("MUL" if named else super()._match(text))
        found = super()._match(text)
        named = [code for code, word in _ABUSE_WORDS.items() if re.search(word, k)]
        if len(named) > 1 and found in {"NEG", "PHY", "SAB", "EMO"} and key(text) not in self.exact:
            return "MUL"
        return found


ABUSE_CATEGORY = AbuseCodeSet("abuse_category", "category of abuse", {
    "NEG": "Neglect", "PHY": "Physical abuse", "SAB": "Sexual abuse", "EMO": "Emotional abuse",
    "MUL": "Multiple/not recommended",
}, variants={"MUL": ("multiple", "muliple", "multiple categories", "mixed"),
             "PHY": ("pa", "physab", "phys"), "SAB": ("sa", "sexab"), "EMO": ("ea", "emotab")},
    patterns=[
    ("MUL", r"\bmultiple\b"), ("NEG", _ABUSE_WORDS["NEG"]), ("PHY", _ABUSE_WORDS["PHY"]),
    ("SAB", _ABUSE_WORDS["SAB"]), ("EMO", _ABUSE_WORDS["EMO"]),
])

SETS = [GENDER, ETHNICITY, SOURCE, PRIMARY_NEED, CATEGORY_OF_NEED, CLOSURE_REASON, CASE_STATUS, ABUSE_CATEGORY]
