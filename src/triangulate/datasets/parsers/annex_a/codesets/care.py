"""Code sets of lists 8 and 10 (children in care, adoption): legal status, placement type, provider
and location, reason ceased, reason no longer placed for adoption.

Codes: SSDA903 code sets (current codes, plus legacy codes still found in extracts: Q1/Q2, F1-F6,
H1/H2, A1/A2 placements; E1, E4, E42-E44 reasons). Patterns: our reading of the long labels recorded in
LIIA's public Annex A schema; they are tried only after codes, labels and known variants.
"""

from .core import CodeSet

LEGAL_STATUS = CodeSet("legal_status", "legal status", {
    "C1": "Interim care order", "C2": "Full care order", "D1": "Freeing order granted",
    "E1": "Placement order granted",
    "V2": "Single period of accommodation under section 20",
    "V3": "Accommodated under an agreed series of short-term breaks, when individual episodes of care are recorded",
    "V4": "Accommodated under an agreed series of short-term breaks, when agreements are recorded",
    "L1": "Under police protection and in local authority accommodation",
    "L2": "Emergency protection order (EPO)",
    "L3": "Under child assessment order and in local authority accommodation",
    "J1": "Remanded to local authority accommodation or to youth detention accommodation",
    "J2": "Placed in local authority accommodation under the Police and Criminal Evidence Act 1984",
    "J3": "Sentenced to Youth Rehabilitation Order",
}, variants={
    "C1": ("ico", "interim care orders"),
    # wardship with the child in local authority care is read as a full care order, as LIIA's schema does
    "C2": ("fco", "care order", "full care orders", "ward of court",
           "wardship granted in high court and child in la accommodation",
           "ward of court with care and control to local authority"),
    "D1": ("freed for adoption", "freeing order"), "E1": ("placement order", "po"),
    "V2": ("accommodated under s20", "s20", "section 20", "single period under s20", "accommodated under section 20",
           # 903 guidance: short breaks over 75 nights a year are a single period of accommodation (V2)
           "s20 short breaks 75 nights"),
    "V3": ("short term breaks episodes recorded",),
    # V1, the code before V3/V4 split, was an agreed series of short-term breaks
    "V4": ("short term breaks agreements recorded", "v1 accomm under an agreed series of short term breaks"),
    "J3": ("in la acc s 12aa cyp69",),
    "L2": ("epo", "emergency protection order"), "L1": ("police protection", "police powers of protection"),
}, scan=True, patterns=[
    # short breaks first: they are accommodated under section 20 too
    ("V4", r"short ?term breaks?\b.*\bagreements?\b"), ("V3", r"short ?term breaks?\b.*\bepisodes?\b"),
    (None, r"\bshort ?(term )?breaks?\b"),  # a short break, but V3 or V4 cannot be told
    ("V2", r"\b(single (period|placement)|s ?20|sec(tion)? ?20|voluntary accommodation)\b"),
    ("C1", r"\binterim care order"), ("E1", r"\bplacement order\b"), ("D1", r"\bfree(d|ing)\b"),
    ("C2", r"\b(care order|section 31|s ?31)\b"),
    ("L2", r"\b(emergency protection|epo)\b"), ("L1", r"\bpolice (protection|powers)\b"),
    ("L3", r"\bchild assessment order\b"),
    ("J3", r"\b(youth rehabilitation|supervision order with (a )?residence)"),
    ("J2", r"\bpace\b"), ("J1", r"\bremand"),
])

_PLACEMENT = {
    "A3": "Placed for adoption with parental/guardian consent with current foster carer(s)",
    "A4": "Placed for adoption with parental/guardian consent not with current foster carer(s)",
    "A5": "Placed for adoption with placement order with current foster carer(s)",
    "A6": "Placed for adoption with placement order not with current foster carer(s)",
    "H5": "Semi-independent living accommodation not subject to children's homes regulations",
    "K1": "Secure children's homes", "K2": "Children's homes subject to Children's Homes Regulations",
    "P1": "Placed with own parent(s) or other person(s) with parental responsibility",
    "P2": "Independent living", "P3": "Residential employment",
    "R1": "Residential care home", "R2": "NHS/Health Trust or other establishment providing medical or nursing care",
    "R3": "Family centre or mother and baby unit", "R5": "Young offender institution (YOI)",
    "S1": "All residential schools, except where dual-registered as a school and children's home",
    "T0": "All types of temporary move", "T1": "Temporary periods in hospital",
    "T2": "Temporary absences of the child on holiday",
    "T3": "Temporary accommodation whilst normal foster carer(s) is/are on holiday",
    "T4": "Temporary accommodation of seven days or less, for any reason, not covered by codes T1 to T3",
    "U1": "Foster placement with relative(s) or friend(s) - long term fostering",
    "U2": "Foster placement with relative(s) or friend(s) who is/are also an approved adopter(s) - FFA",
    "U3": "Foster placement with relative(s) or friend(s) - not long term or FFA",
    "U4": "Foster placement with other foster carer(s) - long term fostering",
    "U5": "Foster placement with other foster carer(s) who is/are also an approved adopter(s) - FFA",
    "U6": "Foster placement with other foster carer(s) - not long term or FFA",
    "Z1": "Other placements",
    # legacy codes still exported by some systems
    "Q1": "Foster placement with relative or friend", "Q2": "Placement with other foster carer",
    "F1": "Foster placement with relative or friend (inside LA)", "F2": "Placement with other foster carer, "
    "provided by LA (inside LA)", "F3": "Placement with other foster carer, arranged through agency (inside LA)",
    "F4": "Foster placement with relative or friend (outside LA)", "F5": "Placement with other foster carer, "
    "provided by LA (outside LA)", "F6": "Placement with other foster carer, arranged through agency (outside LA)",
    "H1": "Secure unit inside LA boundary", "H2": "Secure unit outside LA boundary",
    "A1": "Placed for adoption (legacy)", "A2": "Placed for adoption with former foster carers (legacy)",
}
PLACEMENT_TYPE = CodeSet("placement_type", "placement type", _PLACEMENT, scan=True, shown=[
    c for c in _PLACEMENT if c[0] not in "QFH" or c == "H5"][:-2], patterns=[
    ("R5", r"\b(young offender|yoi)\b"), ("K1", r"\bsecure\b"), ("R3", r"\bmother and baby|family centre\b"),
    ("R2", r"\b(nhs|health trust)\b"), ("S1", r"\bresidential school"), ("P3", r"\bresidential employment\b"),
    ("H5", r"\bsemi ?independent\b"), ("P2", r"\bindependent living\b"), ("K2", r"\bchildren s homes?\b"),
    ("R1", r"\bresidential care home\b"), ("P1", r"\b(placed with (own )?parents?|own parent)"),
])

PLACEMENT_PROVIDER = CodeSet("placement_provider", "placement provider", {
    "PR0": "Parent(s) or other person(s) with parental responsibility", "PR1": "Own provision (by the LA)",
    "PR2": "Other LA provision", "PR3": "Other public provision (for example, by a PCT etc)",
    "PR4": "Private provision", "PR5": "Voluntary/third sector provision",
}, variants={"PR1": ("own la", "own la provision", "own provision", "local authority"), "PR4": ("private",),
             "PR5": ("voluntary", "third sector")}, blanks=("not recorded", "unknown", "not required"),
    scan=True, patterns=[
    ("PR0", r"\bparent"), ("PR2", r"\bother (la|local auth\w*)\b|\banother local authority\b"),
    ("PR3", r"\b(other public|pct)\b"), ("PR1", r"\bown (la )?provision\b"),
    ("PR5", r"\b(voluntary|third sector|3rd sect)"), ("PR4", r"\bprivate\b"),
])

_CEASED = {
    "E11": "Adopted - application for an adoption order unopposed", "E12": "Adopted - consent dispensed with by the court",
    "E2": "Died", "E3": "Care taken over by another local authority in the UK",
    "E4A": "Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility as part "
           "of the care planning process",
    "E4B": "Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility which "
           "was not part of the current care planning process",
    "E13": "Left care to live with parent(s), relative(s), or other person(s) with no parental responsibility",
    "E41": "Residence order (or, from 22 April 2014, a child arrangement order) granted",
    "E45": "Special guardianship order made to former foster carer(s), who was a relative or friend",
    "E46": "Special guardianship order made to former foster carer(s), other than relative or friend",
    "E47": "Special guardianship order made to carer(s), other than former foster carer(s), who was a relative or friend",
    "E48": "Special guardianship order made to carer(s), other than former foster carer(s), other than relative or friend",
    "E5": "Moved into independent living arrangement and no longer looked-after: supportive accommodation",
    "E6": "Moved into independent living arrangement and no longer looked-after: accommodation without formalised support",
    "E7": "Transferred to residential care funded by adult social care services",
    "E9": "Sentenced to custody", "E14": "Accommodation on remand ended",
    "E15": "Age assessment determined child is aged 18 or over", "E16": "Child moved abroad",
    "E17": "Aged 18 (or over) and remained with current carers (inc under staying put arrangements)",
    "E8": "Period of care ended for any other reason",
    # legacy codes
    "E1": "Adopted (legacy)", "E4": "Returned home to live with parents (legacy)",
    "E42": "Special guardianship order (legacy)", "E43": "Special guardianship order made to former foster carers "
    "(legacy)", "E44": "Special guardianship order made to carers other than former foster carers (legacy)",
}
REASON_CEASED = CodeSet("reason_ceased", "reason ceased to be looked after", _CEASED, scan=True,
                        variants={"E2": ("deceased",)}, patterns=[
    ("E12", r"\badopted\b.*\bconsent dispensed\b"), ("E11", r"\badopted\b.*\bunopposed\b"),
    ("E2", r"^(died|deceased)\b"), ("E3", r"\b(another|other) (la|local authority)\b"),
    ("E16", r"\bmoved abroad\b"), ("E15", r"\bage assessment\b"), ("E14", r"\bremand ended\b"),
    ("E9", r"\bsentenced to custody\b"), ("E7", r"\badult social care\b"),
    ("E17", r"\bstaying put\b"), ("E41", r"\b(residence|child arrangements?) order\b"),
])

PLACEMENT_LOCATION = CodeSet("placement_location", "placement location", {"In": "In", "Out": "Out"},
                             aliases={"y": "In", "yes": "In", "n": "Out", "no": "Out"}, variants={
    "In": ("inside", "in la", "in borough", "in area", "inside la boundary", "within la", "in la area", "local",
           "in county"),
    "Out": ("outside", "out of la", "out of borough", "out of area", "outside la boundary", "outside la",
            "out la", "oola", "out of county"),
}, patterns=[("Out", r"^(out|outside)\b"), ("In", r"^(in|inside|within)\b")])

ADOPTION_STOPPED_REASON = CodeSet("adoption_stopped_reason", "reason no longer placed for adoption", {
    "RD1": "The child's needs changed subsequent to the decision", "RD2": "The Court did not make a placement order",
    "RD3": "Prospective adopters could not be found", "RD4": "Any other reason",
}, patterns=[("RD1", r"\bneeds changed\b"),
             ("RD2", r"\bcourt did not\b|\bplacement order not granted\b|\bpo not granted\b"),
             ("RD3", r"\badopters? (could|can)(not| not) be found\b|\bno adopters\b"),
             ("RD4", r"\bother reason\b")])

SETS = [LEGAL_STATUS, PLACEMENT_TYPE, PLACEMENT_PROVIDER, REASON_CEASED, PLACEMENT_LOCATION, ADOPTION_STOPPED_REASON]
