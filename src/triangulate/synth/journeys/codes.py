"""Code sets used by the journey generator: bare codes, how often each is drawn, and the labelled
form a council's extract may show instead (``"a) Yes"``, ``"N1 - Abuse or Neglect"``, ``"V2: Single
period of accommodation under section 20"``). Sources: domain-research.md §1.2 (CIN census and SSDA903
code sets, Ofsted's Annex A template)."""

import numpy as np


class CodeSet:
    """Bare codes with draw weights and an optional labelled spelling for each code."""

    def __init__(self, rows, style="letter"):
        # rows: (code, weight, label) ; style says how the label is written in a messy extract
        self.codes = np.array([r[0] for r in rows], dtype=object)
        weights = np.array([r[1] for r in rows], dtype=float)
        self.p = weights / weights.sum() if weights.sum() else np.full(len(weights), 1 / len(weights))
        self.labels = {}
        for i, (code, _, label) in enumerate(rows):
            letter = chr(ord("a") + i) if i < 26 else "z"
            if style == "letter":  # a) Yes
                self.labels[code] = f"{letter}) {code}"
            elif style == "colon":  # V2: Single period of ...
                self.labels[code] = f"{code}: {label}" if label else code
            elif style == "dash":  # N1 - Abuse or Neglect
                self.labels[code] = f"{code} - {label}" if label else code
            elif style == "letter_colon":  # a) 1A: Individual
                self.labels[code] = f"{letter}) {code}: {label}" if label else f"{letter}) {code}"
            elif style == "letter_label":  # c) Child in need plan
                self.labels[code] = f"{letter}) {label}"
            elif style == "label":  # Neglect
                self.labels[code] = label

    def draw(self, rng, n):
        return rng.choice(len(self.codes), size=n, p=self.p)

    def index(self, code):
        return int(np.flatnonzero(self.codes == code)[0])


YESNO = CodeSet([("Yes", 1, ""), ("No", 1, ""), ("Unknown", 0, "")])
GENDER = CodeSet([("Male", 51.5, ""), ("Female", 48.0, ""), ("Not stated/recorded", 0.4, ""), ("Neither", 0.1, "")])
ETHNICITY = CodeSet([
    ("WBRI", 68, ""), ("WIRI", 0.5, ""), ("WIRT", 0.3, ""), ("WROM", 0.5, ""), ("WOTH", 5, ""),
    ("MWBC", 2.5, ""), ("MWBA", 1, ""), ("MWAS", 1.2, ""), ("MOTH", 2.5, ""),
    ("AIND", 2.5, ""), ("APKN", 3.5, ""), ("ABAN", 1.2, ""), ("AOTH", 1.5, ""),
    ("BCRB", 1, ""), ("BAFR", 3, ""), ("BOTH", 0.7, ""), ("CHNE", 0.3, ""), ("OOTH", 1.8, ""),
    ("REFU", 0.5, ""), ("NOBT", 1.5, ""),
])
SOURCE = CodeSet([
    ("1A", 4, "Individual"), ("1B", 0.5, "Individual"), ("1C", 1.5, "Individual"), ("1D", 1.5, "Individual"),
    ("2A", 19, "Schools"), ("2B", 1.5, "Education services"), ("3A", 2.5, "Health services"),
    ("3B", 3, "Health services"), ("3C", 0.7, "Health services"), ("3D", 1, "Health services"),
    ("3E", 3.5, "Health services"), ("3F", 4, "Health services"), ("4", 2.5, "Housing"),
    ("5A", 4, "LA services"), ("5B", 3, "LA services"), ("5C", 2, "LA services"), ("5D", 4, "LA services"),
    ("6", 28, "Police"), ("7", 3.5, "Other legal agency"), ("8", 5, "Other"), ("9", 1, "Anonymous"),
    ("10", 3.8, "Unknown"),
], style="letter_colon")
PRIMARY_NEED = CodeSet([
    ("N1", 56, "Abuse or Neglect"), ("N2", 0, "Child's disability"), ("N3", 4, "Parental illness or disability"),
    ("N4", 8, "Family in acute stress"), ("N5", 17, "Family dysfunction"),
    ("N6", 3.5, "Socially unacceptable behaviour"), ("N7", 0.5, "Low income"), ("N8", 3, "Absent parenting"),
    ("N9", 3, "Cases other than children in need"), ("N0", 2, "Not stated"),
], style="dash")
CLOSURE_REASON = CodeSet([
    ("RC1", 0, "Adopted"), ("RC2", 0, "Died"), ("RC3", 0, "Child arrangements order"),
    ("RC4", 0, "Special guardianship order"), ("RC5", 0, "Transferred to another local authority"),
    ("RC6", 0, "Transferred to adult social care"), ("RC7", 1, "Case closed for any other reason"),
    ("RC8", 0, "Case closed after assessment, no further action"),
    ("RC9", 0, "Case closed after assessment, referred to early help"),
], style="dash")
ABUSE = CodeSet([("NEG", 48, "Neglect"), ("PHY", 7, "Physical"), ("SAB", 4, "Sexual"), ("EMO", 37, "Emotional"),
                 ("MUL", 4, "Multiple")], style="label")
LEGAL_STATUS = CodeSet([
    ("C1", 0, "Interim care order"), ("C2", 0, "Full care order"), ("D1", 0, "Freeing order granted"),
    ("E1", 0, "Placement order granted"), ("V2", 0, "Single period of accommodation under section 20"),
    ("V3", 0, ("Accommodated under an agreed series of short-term breaks, when individual episodes of care are "
              "recorded")),
    ("V4", 0, "Accommodated under an agreed series of short-term breaks, when agreements are recorded"),
    ("L1", 0, "Under police protection and in local authority accommodation"),
    ("L2", 0, "Emergency protection order (EPO)"), ("L3", 0, ("Under child assessment order and in local "
                                                              "authority accommodation")),
    ("J1", 0, "Remanded to local authority accommodation or to youth detention accommodation"),
    ("J2", 0, "Placed in local authority accommodation under the Police and Criminal Evidence Act 1984"),
    ("J3", 0, "Sentenced to Youth Rehabilitation Order"),
], style="colon")
CATEGORY_OF_NEED = CodeSet([
    ("N1", 64, "Abuse or Neglect"), ("N2", 2, "Child's disability"), ("N3", 3, "Parental illness or disability"),
    ("N4", 7, "Family in acute stress"), ("N5", 15, "Family dysfunction"),
    ("N6", 2, "Socially unacceptable behaviour"), ("N7", 0.2, "Low income"), ("N8", 6.8, "Absent parenting"),
], style="dash")
PLACEMENT_TYPE = CodeSet([
    ("U1", 0, "Foster placement with relative or friend - long term fostering"),
    ("U2", 0, "Foster placement with relative or friend who is also an approved adopter - FFA"),
    ("U3", 0, "Foster placement with relative or friend - not long term or FFA"),
    ("U4", 0, "Foster placement with other foster carer - long term fostering"),
    ("U5", 0, "Foster placement with other foster carer who is also an approved adopter - FFA"),
    ("U6", 0, "Foster placement with other foster carer - not long term or FFA"),
    ("A5", 0, "Placed for adoption with placement order with current foster carer"),
    ("A6", 0, "Placed for adoption with placement order not with current foster carer"),
    ("P1", 0, "Placed with own parent(s) or other person(s) with parental responsibility"),
    ("P2", 0, "Independent living"), ("H5", 0, ("Semi-independent living accommodation not subject to "
                                             "children's homes regulations")),
    ("K1", 0, "Secure children's homes"), ("K2", 0, "Children's Homes subject to Children's Homes Regulations"),
    ("R1", 0, "Residential care home"), ("R5", 0, "Young offender institution (YOI)"),
    ("S1", 0, "All residential schools, except where dual-registered as a school and children's home"),
    ("Z1", 0, "Other placements"),
], style="colon")
PROVIDER = CodeSet([
    ("PR0", 0, "Parent(s) or other person(s) with parental responsibility"), ("PR1", 0, "Own provision (by the LA)"),
    ("PR2", 0, "Other LA provision"), ("PR3", 0, "Other public provision (for example, by a PCT etc)"),
    ("PR4", 0, "Private provision"), ("PR5", 0, "Voluntary/third sector provision"),
], style="colon")
REASON_CEASED = CodeSet([
    ("E11", 0, "Adopted - application for an adoption order unopposed"),
    ("E12", 0, "Adopted - consent dispensed with by the court"), ("E2", 0, "Died"),
    ("E3", 0, "Care taken over by another local authority in the UK"),
    ("E4A", 0, ("Returned home to live with parent(s), relative(s), or other person(s) with parental "
               "responsibility as part of the care planning process")),
    ("E4B", 0, ("Returned home to live with parent(s), relative(s), or other person(s) with parental "
               "responsibility which was not part of the current care planning process")),
    ("E13", 0, ("Left care to live with parent(s), relative(s), or other person(s) with no parental "
               "responsibility")),
    ("E41", 0, "Residence order (or, from 22 April 2014, a child arrangement order) granted"),
    ("E45", 0, "Special guardianship order made to former foster carer(s), who was a relative or friend"),
    ("E46", 0, "Special guardianship order made to former foster carer(s), other than relative or friend"),
    ("E47", 0, ("Special guardianship order made to carer(s), other than former foster carer(s), who was a "
               "relative or friend")),
    ("E5", 0, "Moved into independent living arrangement and no longer looked-after: supportive accommodation"),
    ("E6", 0, ("Moved into independent living arrangement and no longer looked-after: accommodation without "
              "formalised support")),
    ("E7", 0, "Transferred to residential care funded by adult social care services"),
    ("E9", 0, "Sentenced to custody"), ("E15", 0, "Age assessment determined child is aged 18 or over"),
    ("E17", 0, "Aged 18 (or over) and remained with current carers (inc under staying put arrangements)"),
    ("E8", 0, "Period of care ended for any other reason"),
], style="colon")
IN_TOUCH = CodeSet([("Yes", 89, ""), ("No", 5, ""), ("Refu", 3, ""), ("NREQ", 1.7, ""), ("Rhom", 1, ""),
                    ("Died", 0.3, "")])
ELIGIBILITY = CodeSet([("Eligible", 0, ""), ("Relevant", 0, ""), ("Former relevant", 0, ""),
                       ("Qualifying", 0, "")])
ACCOMMODATION = CodeSet([
    ("U", 30, "Independent living"), ("B", 11, "With parents or relatives"),
    ("C", 2, "Community home or other form of residential care"), ("D", 16, ("Semi-independent, transitional "
                                                                       "accommodation")),
    ("E", 6, "Supported lodgings"), ("G", 0.5, "Gone abroad"), ("K", 5, "Ordinary lodgings"),
    ("R", 0, "Residence not known"), ("S", 1, "No fixed abode / homeless"), ("T", 3, "Foyers"),
    ("V", 1, "Emergency accommodation"), ("W", 0.7, "Bed and breakfast"), ("X", 2, "In custody"),
    ("Y", 3, "Other accommodation"), ("Z", 10, "With former foster carers"),
], style="dash")
ACTIVITY = CodeSet([
    ("F1", 6, "Full time in higher education"), ("P1", 0.7, "Part time in higher education"),
    ("F2", 17, "Full time in education other than higher education"),
    ("P2", 2.5, "Part time in education other than higher education"),
    ("F4", 3, "Full time apprenticeship"), ("P4", 0.3, "Part time apprenticeship"),
    ("F5", 20, "Full time training or employment"), ("P5", 6, "Part time training or employment"),
    ("G4", 9, "Not in education, training or employment, owing to illness or disability"),
    ("G5", 26, "Not in education, training or employment, owing to other reasons"),
    ("G6", 9.5, "Not in education, training or employment, owing to pregnancy or parenting"),
], style="dash")
NO_LONGER_REASON = CodeSet([
    ("RD1", 40, "The child's needs changed subsequent to the decision"),
    ("RD2", 20, "The Court did not make a placement order"),
    ("RD3", 20, "Prospective adopters could not be found"), ("RD4", 20, "Any other reason"),
], style="colon")

PERMANENCE = ("Return to family", "Adoption", "SGO/CAO", "Supported living in the community",
              "Long-term residential placement", "Long-term fostering", "Other")
CASE_STATUS = CodeSet([("CLA", 0, "Looked after child"), ("CP plan", 0, "Child protection plan"),
                       ("CIN plan", 0, "Child in need plan"), ("Open assessment", 0, "Open assessment"),
                       ("Closed episode", 0, "Closed episode")], style="letter_label")
PLACEMENT_LOCATION = CodeSet([("In", 0, "In LA area"), ("Out", 0, "Out of LA area")], style="label")
EH_ORGANISATIONS = ("School", "Health visiting", "Children's centre", "Voluntary sector", "Youth service",
                    "GP practice")
ADOPTER_LEFT_REASONS = ("Adopter withdrew", "Process put on hold", "Application refused")

# Which code set labels each coded column in a messy extract (column key -> CodeSet).
LABELS = {
    "gender": GENDER, "ethnicity": ETHNICITY, "contact_source": SOURCE, "referral_source": SOURCE,
    "primary_need": PRIMARY_NEED, "closure_reason": CLOSURE_REASON, "initial_category": ABUSE,
    "latest_category": ABUSE, "category_of_need": CATEGORY_OF_NEED, "legal_status": LEGAL_STATUS,
    "placement_type": PLACEMENT_TYPE, "placement_provider": PROVIDER, "reason_ceased": REASON_CEASED,
    "in_touch": IN_TOUCH, "eligibility": ELIGIBILITY, "accommodation_type": ACCOMMODATION, "activity": ACTIVITY,
    "no_longer_adoption_reason": NO_LONGER_REASON, "case_status": CASE_STATUS,
    "placement_location": PLACEMENT_LOCATION,
}


def take(codeset, idx):
    """Bare codes for an index array (object array of str)."""
    return codeset.codes[idx]
