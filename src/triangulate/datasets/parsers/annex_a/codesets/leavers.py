"""Code sets of list 9 (care leavers): eligibility, LA in touch, accommodation type and suitability,
activity.

Codes: SSDA903 care-leaver code sets (IN_TOUCH, ACCOM letters, suitability 1/2, ACTIV) and Ofsted's
Annex A eligibility options. The numbered in-touch answers ("01 - Yes, resident in the UK", "08 - Young
person refuses contact") are older case-system code lists recorded in LIIA's public Annex A schema; "3"
alone is left unread because two such lists use it for different answers.
"0 - No" is No.
"""

from .core import CodeSet

ELIGIBILITY = CodeSet("eligibility", "eligibility category", {
    "Relevant": ("Relevant", "Relevant child"), "Former relevant": ("Former relevant", "Former relevant child"),
    "Qualifying": ("Qualifying", "Qualifying care leaver"), "Eligible": ("Eligible", "Eligible child"),
    "Other": "Other",
}, aliases={"r": "Relevant", "fr": "Former relevant", "q": "Qualifying", "e": "Eligible"},
    variants={"Eligible": ("other eligible", "other (eligible)"), "Qualifying": ("qualifying former relevant",),
              "Other": ("other under 16",)},
    patterns=[("Qualifying", r"\bqualifying\b"), ("Former relevant", r"\bformer(ly)? relevant\b"),
              ("Relevant", r"\brelevant\b"), ("Eligible", r"\beligible\b")])

IN_TOUCH = CodeSet("in_touch", "LA in touch", {
    "Yes": ("Yes", "In touch"), "No": ("No", "Not in touch"), "Died": "Died", "Refu": "Refused",
    "NREQ": "No longer requires services", "Rhom": "Returned home",
}, aliases={"y": "Yes", "1": "Yes", "01": "Yes", "n": "No", "2": "No", "02": "No", "4": "No", "04": "No",
            "0": "No", "5": "No", "05": "No", "6": "Died", "06": "Died", "8": "Refu", "08": "Refu", "9": "Rhom",
            "09": "Rhom", "10": "NREQ"},
    variants={
        "Yes": ("yes resident in the uk", "yes gone abroad", "in touch resident in the uk"),
        "No": ("no resident in the uk", "no gone abroad", "no residence not known", "residence not known",
               "lost contact"),
        "Died": ("died after leaving care", "deceased", "died after leaving care but prior to 19th birthday"),
        "Refu": ("refuses contact", "young person refuses contact", "refused contact", "yp refuses contact"),
        "NREQ": ("young person no longer requires services", "not required", "no longer requires services",
                 "does not require contact"),
        "Rhom": ("returned to parents for 6 months or more", "returned to parents or someone with pr for 6 months"),
    },
    # a value that only says nothing was recorded is read as blank: the young person stays in the cohort
    blanks=("not recorded", "unknown", "no contact recorded", "care leaver details not recorded",
            "no care leaver details on record child still in care", "not known"),
    patterns=[("Died", r"\b(died|deceased)\b"), ("Refu", r"\brefus"),
              ("NREQ", r"\bno longer requires?\b|\bnreq\b"),
              ("Rhom", r"\breturned (home|to (live with )?parents?)\b|\brhom\b"),
              ("No", r"^(not in touch|no)\b"), ("Yes", r"^(in touch|yes)\b")])

_ACCOM = {
    "B": "With parents or relatives", "C": "Community home or other form of residential care",
    "D": "Semi-independent, transitional accommodation and self-contained accommodation",
    "E": "Supported lodgings", "G": "Gone abroad", "H": "Deported", "K": "Ordinary lodgings, without formal support",
    "R": "Residence not known", "S": "No fixed abode/homeless", "T": "Foyers and similar supported accommodation",
    "U": "Independent living", "V": "Emergency accommodation", "W": "Bed and breakfast", "X": "In custody",
    "Y": "Other accommodation", "Z": "With former foster carers",
}
ACCOMMODATION_TYPE = CodeSet("accommodation_type", "type of accommodation", _ACCOM,
                             # 903 returns append the suitability digit to the letter: U1, B2
                             aliases={f"{c}{n}": c for c in _ACCOM for n in "12"}, patterns=[
    ("Z", r"\b(former foster|staying put)\b"), ("D", r"\bsemi ?independent\b|\btransitional\b"),
    ("E", r"\bsupported lodgings?\b"), ("K", r"\blodgings?\b"), ("B", r"\b(parents?|relatives?)\b"),
    ("C", r"\b(community home|residential care)\b"), ("G", r"\babroad\b"), ("H", r"\bdeport"),
    ("R", r"\b(residence not known|whereabouts unknown)\b"), ("S", r"\b(no fixed abode|homeless)\b"),
    ("T", r"\bfoyers?\b"), ("U", r"\b(independent living|own tenancy|university)\b"),
    ("V", r"\bemergency\b"), ("W", r"\b(bed and breakfast|b and b)\b"), ("X", r"\b(custody|prison)\b"),
    ("Y", r"\bother accommodation\b|\bfriends?\b"),
])

ACCOMMODATION_SUITABILITY = CodeSet("accommodation_suitability", "suitability of accommodation", {
    "Suitable": "Suitable", "Unsuitable": ("Unsuitable", "Not suitable"),
}, aliases={"1": "Suitable", "y": "Suitable", "yes": "Suitable", "true": "Suitable", "2": "Unsuitable",
            "n": "Unsuitable", "no": "Unsuitable", "false": "Unsuitable"},
    variants={"Suitable": ("accommodation is considered suitable",),
              "Unsuitable": ("accommodation is considered unsuitable", "accommodation is not considered suitable")},
    # "0" is how one case system writes "not recorded" (LIIA's schema reads it with the unrecorded answers)
    blanks=("not recorded", "unknown", "not in touch", "not in touch or not recorded", "0"),
    patterns=[("Unsuitable", r"\b(unsuitable|not (considered )?suitable)\b"), ("Suitable", r"\bsuitable\b")])

ACTIVITY = CodeSet("activity", "activity", {
    "F1": "Full time in higher education", "P1": "Part time in higher education",
    "F2": "Full time in education other than higher education", "P2": "Part time in education other than higher education",
    "F3": "Full time in training or employment", "P3": "Part time in training or employment",
    "F4": "Young person engaged full time in an apprenticeship", "P4": "Young person engaged part time in an apprenticeship",
    "F5": "Young person engaged full time in training or employment (not apprenticeship)",
    "P5": "Young person engaged part time in training or employment (not apprenticeship)",
    "G4": "Not in education, employment or training - illness or disability",
    "G5": "Not in education, employment or training - other",
    "G6": "Not in education, employment or training - pregnancy or parenting",
}, variants={"F2": ("full time in education other than higher",), "P2": ("part time in education other than higher",),
             "G5": ("neet", "neet other", "other")},
    patterns=[
    # NEET first: "pregnancy or parenting" begins with p but is not part time
    ("G6", r"\b(pregnan|parenting)"), ("G4", r"\b(illness|disabilit)"),
    ("G5", r"\b(not in (education|employment|training)|neet)\b"),
    ("F4", r"\bfull ?time\b.*\bapprentice"), ("P4", r"\bpart ?time\b.*\bapprentice"),
    # "other than higher" / "not higher" before "higher" (LIIA's patterns read "full time higher" as F1)
    ("F2", r"\bfull ?time\b.*\b(other than|not) higher\b"), ("P2", r"\bpart ?time\b.*\b(other than|not) higher\b"),
    ("F1", r"\bfull ?time\b.*\bhigher\b"), ("P1", r"\bpart ?time\b.*\bhigher\b"),
    ("F2", r"\bfull ?time\b.*\beducation\b"), ("P2", r"\bpart ?time\b.*\beducation\b"),
    ("F5", r"\bfull ?time\b.*\bnot apprentice"), ("P5", r"\bpart ?time\b.*\bnot apprentice"),
    ("F3", r"\bfull ?time\b.*\b(training|trainig|employment|employed)\b"),
    ("P3", r"\bpart ?time\b.*\b(training|trainig|employment|employed)\b"),
])

SETS = [ELIGIBILITY, IN_TOUCH, ACCOMMODATION_TYPE, ACCOMMODATION_SUITABILITY, ACTIVITY]
