"""Annex A code sets: every variant family councils send reads to the canonical code (contract A.5)."""

import pytest

from triangulate.datasets.parsers.annex_a.codesets import CODESETS, normaliser
from triangulate.datasets.parsers.annex_a.schema import LISTS

READS = {
    "yesno": [
        ("a) Yes", "Yes"), ("a. Yes", "Yes"), ("(a) Yes", "Yes"), ("Y", "Yes"), ("y", "Yes"), ("yes", "Yes"),
        ("YES", "Yes"), ("TRUE", "Yes"), ("True", "Yes"), (True, "Yes"), (1, "Yes"), (1.0, "Yes"), ("1", "Yes"),
        ("1.0", "Yes"), ("1 - Yes", "Yes"), ("1 = Yes", "Yes"), ("Yes-See care notes for details", "Yes"),
        (" Yes\u00a0", "Yes"), ("b) No", "No"), ("b. No", "No"), ("N", "No"), ("no", "No"), ("0", "No"), (0, "No"),
        (False, "No"), ("FALSE", "No"), ("0 - No", "No"), ("0 No", "No"), ("Unknown", "Unknown"),
        ("c) Unknown", "Unknown"), ("U", "Unknown"), ("Not known", "Unknown"), ("Not recorded", "Unknown"),
        ("not stated", "Unknown"),
    ],
    "disability": [("AUT", "Yes"), ("Autism or Asperger Syndrome", "Yes"), ("NONE", "No"), ("No disability", "No"),
                   ("NOBT - Information not yet obtained", "Unknown"), ("REFU", "Unknown"), ("a) Yes", "Yes")],
    "referral_nfa": [("NFA", "Yes"), ("No further action", "Yes"), ("Further action", "No"), ("FA", "No"),
                     ("a) Yes", "Yes"), ("No", "No")],
    "seen": [("Seen", "Yes"), ("Child seen", "Yes"), ("Seen alone", "Yes"), ("Not seen", "No"),
             ("Child not seen", "No"), ("Unborn", "No"), ("Yes", "Yes")],
    "seen_alone": [("Seen alone", "Yes"), ("Child seen alone", "Yes"), ("Not seen alone", "No"),
                   ("Child not seen alone", "No"), ("Seen with others", "No"), ("Not seen", "No"),
                   ("No Visit - new in last month", "Unknown"), ("a) Yes", "Yes"), ("N", "No")],
    "return_offered": [("Offered and Accepted", "Yes"), ("Offered and Declined (by YP)", "Yes"), ("Offered", "Yes"),
                       ("Not Offered (Missing Again)", "No"), ("Not Offered (Unable to make contact)", "No"),
                       ("a) Yes", "Yes"), ("1", "Yes")],
    "return_accepted": [("Offered and Accepted", "Yes"), ("Accepted", "Yes"),
                        ("Offered and Accepted (CYP not present/refused on arrival)", "Yes"),
                        ("Offered and declined", "No"), ("Declined", "No"), ("Offered and refused", "No"),
                        ("Not Offered (Other)", "No"), ("b) No", "No")],
    "uasc": [("UASC", "Yes"), ("Formerly UASC", "Yes"), ("Non-UASC", "No"), ("Not UASC", "No"), ("a) Yes", "Yes"),
             ("b) No", "No")],
    "gender": [("a) Male", "Male"), ("Male", "Male"), ("M", "Male"), ("1 - Male", "Male"), ("b) Female", "Female"),
               ("F", "Female"), ("2", "Female"), ("c) Not stated/recorded", "Not stated/recorded"),
               ("Not known", "Not stated/recorded"), ("Unborn", "Not stated/recorded"), ("0", "Not stated/recorded"),
               ("d) Neither", "Neither"), ("Non-Binary", "Neither"), ("I", "Neither")],
    "ethnicity": [("a) WBRI", "WBRI"), ("wbri", "WBRI"), ("White - British [WBRI]", "WBRI"),
                  ("WBRI - White British", "WBRI"), ("WHB - WBRI - British", "WBRI"), ("A1 - White - British", "WBRI"),
                  ("White British", "WBRI"), ("k) APKN", "APKN"), ("s) NOBT", "NOBT"), ("u) UNKNOWN", "NOBT"),
                  ("Mixed - White and Black Caribbean", "MWBC"), ("Black or Black British - African", "BAFR"),
                  ("Any other Black background", "BOTH"), ("r) OOTH", "OOTH"), ("Refused", "REFU")],
    "source": [("q) 6: Police", "6"), ("6", "6"), (6, "6"), (6.0, "6"), ("Police", "6"), ("a) 1A: Individual", "1A"),
               ("1a", "1A"), ("1A Individual", "1A"), ("b) 1B: Individual", "1B"), ("e) 2A: Schools", "2A"),
               ("Schools", "2A"), ("j) 3D: Health services", "3D"), ("School nurse", "3C"),
               ("p1) 5D: LA services", "5D"), ("m) 4: Housing", "4"), ("s) 8: Other", "8"),
               ("t) 9: Anonymous", "9"), ("u) 10: Unknown", "10"), ("Education - School", "2A")],
    "primary_need": [("N1 - Abuse or Neglect", "N1"), ("n1", "N1"), ("N1", "N1"), ("Abuse or neglect", "N1"),
                     ("Absent parenting", "N8"), ("N9 - Cases other than children in need", "N9"),
                     ("N0 - Not stated", "N0"), ("Family in acute stress", "N4")],
    "category_of_need": [("N1 - Abuse or Neglect", "N1"), ("N5", "N5"), ("Socially unacceptable behaviour", "N6")],
    "closure_reason": [("RC8", "RC8"), ("rc1 - Adopted", "RC1"), ("Case closed after assessment, no further action",
                                                                  "RC8"),
                       ("Case closed after assessment, referred to early help", "RC9"), ("Died", "RC2"),
                       ("Transferred to adult social care services", "RC6")],
    "case_status": [("c) Child in need plan", "CIN plan"), ("Child in need plan", "CIN plan"), ("CiN Plan", "CIN plan"),
                    ("CIN", "CIN plan"), ("a) Looked after child", "CLA"), ("LAC", "CLA"), ("CLA&CP", "CLA"),
                    ("CP/CLA", "CLA"), ("b) Child Protection plan", "CP plan"), ("CPP", "CP plan"),
                    ("d) Open assessment", "Open assessment"), ("Open asmt", "Open assessment"),
                    ("e) Closed episode", "Closed episode"), ("Closed", "Closed episode"),
                    ("Closed Assessment", "Closed episode"), ("CIN plan", "CIN plan"), ("CLA", "CLA")],
    "abuse_category": [("a) Neglect", "NEG"), ("Neglect", "NEG"), ("NEG", "NEG"), ("Physical abuse", "PHY"),
                       ("Sexual", "SAB"), ("Emotional abuse", "EMO"), ("e) Multiple/not recommended", "MUL"),
                       ("Neglect, Physical", "MUL"), ("Emotional abuse; Sexual abuse", "MUL"), ("NYNN", "PHY"),
                       ("YYNN", "MUL"), ("Likelihood of Neglect", "NEG")],
    "legal_status": [
        ("V2: Single period of accommodation under section 20", "V2"),
        ("Single Period of Accommodation Under Section 20", "V2"), ("v2", "V2"),
        ("CLA - V2 - Single period of accommodation under Section 20", "V2"), ("Accommodated under S20", "V2"),
        ("Accommodated under an agreed series of short-term breaks, when individual episodes of care are recorded",
         "V3"),
        ("Accommodated Under an Agreed Series of Short Term Breaks when Agreements are Recorded (NOT Individual "
         "Episodes of Care)", "V4"),
        ("V4:Agreed Series of Short-Term Breaks where agreements are recorded", "V4"),
        ("C2 [Full Care Order]", "C2"), ("C2: FCO", "C2"), ("Full care order", "C2"), ("C1: ICO", "C1"),
        ("Interim Care Order", "C1"), ("E1: Placement order", "E1"),
        ("E1: Placement Order or Full Care Order/ Placement Order granted simultaneously", "E1"),
        ("L2 - Emergency protection order (EPO)", "L2"), ("J1 - Remanded", "J1"), ("Code 'C2' is not mapped", "C2"),
    ],
    "placement_type": [("f) U6: Foster placement - not FFA", "U6"), ("a) U1: Foster placement - relatives - long term",
                                                                     "U1"),
                       ("n) H5: Residential accommodation", "H5"), ("K2", "K2"), ("Q2 - Foster Placement", "Q2"),
                       ("Secure children's homes", "K1")],
    "placement_provider": [("e) PR4 - Private provision", "PR4"), ("b) PR1 - Own provision", "PR1"),
                           ("[PR1] Own provision (by local authority)", "PR1"), ("Private", "PR4"),
                           ("PR0 - Parent(s) or other person(s) with PR", "PR0"), ("Other LA Provision", "PR2"),
                           ("Voluntary/3rd sect prov", "PR5"), ("pr3", "PR3")],
    "reason_ceased": [("k) E47: Special Guardianship Orders - relative/friend", "E47"), ("E11", "E11"), ("e4a", "E4A"),
                      ("E4 A - Return home to live with parents", "E4A"), ("E15", "E15"), ("Died", "E2")],
    "placement_location": [("In", "In"), ("a) In", "In"), ("Inside LA Boundary", "In"), ("In borough", "In"),
                           ("Out", "Out"), ("b) Out", "Out"), ("Out of LA", "Out"), ("Outside LA boundary", "Out"),
                           ("Out of borough", "Out"), ("Y", "In"), ("N", "Out")],
    "adoption_stopped_reason": [("RD2", "RD2"), ("RD1 - The child\u2019s needs changed subsequent to the decision", "RD1"),
                                ("Prospective adopters could not be found (RD3)", "RD3"), ("Any other reason", "RD4")],
    "eligibility": [("b) Former relevant child", "Former relevant"), ("Relevant", "Relevant"),
                    ("a) Relevant child", "Relevant"), ("Qualifying (Former Relevant)", "Qualifying"),
                    ("c) Qualifying care leaver", "Qualifying"), ("d) Eligible child", "Eligible"),
                    ("FR", "Former relevant"), ("Other - eligible", "Eligible")],
    "in_touch": [("In touch", "Yes"), ("01", "Yes"), ("1", "Yes"), (1.0, "Yes"), ("1 - Yes", "Yes"), ("a) Yes", "Yes"),
                 ("Yes", "Yes"), ("Y", "Yes"), ("Yes, resident in the UK", "Yes"),
                 ("01 - Yes, resident in the UK", "Yes"), ("Not in touch", "No"), ("b) No", "No"), ("2", "No"),
                 ("No, residence not known", "No"), ("c) Died", "Died"), ("Died", "Died"),
                 ("6 - Died after leaving care, but prior to 19th birthday", "Died"), ("d) Refu", "Refu"),
                 ("REFU", "Refu"), ("08 - Young Person Refuses Contact", "Refu"),
                 ("3 - Young Person Refuses contact", "Refu"), ("e) NREQ", "NREQ"),
                 ("Young person no longer requires services", "NREQ"), ("f) Rhom", "Rhom"), ("RHOM", "Rhom"),
                 ("Young person returned to live with parents or someone with parental responsibility for a "
                  "continuous period of 6 months or more", "Rhom")],
    "accommodation_type": [("U: Independent living", "U"), ("Y: Other accommodation", "Y"), ("B", "B"), ("B1", "B"),
                           ("U2", "U"), ("(B) With Parents or Relatives", "B"), ("Z - Staying Put", "Z"),
                           ("Semi-independent", "D"), ("S -", "S"), ("Y - Not suitable", "Y"),
                           ("With former foster carers", "Z"), ("Independent living", "U")],
    "accommodation_suitability": [("1 - Suitable", "Suitable"), ("1", "Suitable"), ("a) Suitable", "Suitable"),
                                  ("Suitable", "Suitable"), ("Accommodation is considered suitable", "Suitable"),
                                  ("2", "Unsuitable"), ("b) Unsuitable", "Unsuitable"), ("Not suitable", "Unsuitable"),
                                  ("0 - Unsuitable", "Unsuitable"), ("2 - Accommodation is considered unsuitable",
                                                                     "Unsuitable"),
                                  ("Accommodation is considered unsuitable [2]", "Unsuitable"), (True, "Suitable")],
    "activity": [("F1: Full time in higher education", "F1"), ("g5", "G5"), ("G6", "G6"),
                 ("Pregnancy or parenting", "G6"),
                 ("G6: Not in education, employment or training - pregnancy or parenting", "G6"),
                 ("Part time in higher education", "P1"), ("F2: Full time in education other than higher", "F2"),
                 ("F3: Full time in training or employment", "F3"),
                 ("Young person engaged full time in training or employment (not apprenticeship)", "F5"),
                 ("Young person engaged part time in an apprenticeship", "P4"), ("NEET", "G5"),
                 ("G4: Not in education, employment or training - illness or disability", "G4")],
}

CASES = [(name, raw, code) for name, rows in READS.items() for raw, code in rows]


@pytest.mark.parametrize(("codeset", "raw", "code"), CASES)
def test_a_variant_reads_to_its_canonical_code(codeset, raw, code):
    assert normaliser(codeset)(raw) == (code, None)


BLANKS = [None, "", "   ", "\u00a0", float("nan"), "-", "nan", "N/A"]


@pytest.mark.parametrize("codeset", sorted(CODESETS))
@pytest.mark.parametrize("raw", BLANKS)
def test_a_blank_cell_is_neither_a_code_nor_a_problem(codeset, raw):
    assert normaliser(codeset)(raw) == (None, None)


@pytest.mark.parametrize(("codeset", "raw"), [
    ("in_touch", "Not recorded"), ("in_touch", "Unknown"), ("accommodation_suitability", "Not recorded"),
    ("placement_provider", "Not Recorded"),
    ("accommodation_suitability", "0"),  # LIIA's schema files "0" with the unrecorded answers
])
def test_a_value_that_only_says_not_recorded_reads_as_blank(codeset, raw):
    # no "unknown" code in these sets: the row stays in the cohort, like a blank (kpis.md Missing facts)
    assert normaliser(codeset)(raw) == (None, None)


UNREAD = [
    ("yesno", "maybe"), ("yesno", "CS Assessment Updated"),
    ("in_touch", "3"),  # "3 - refuses contact" in one system, "03 - yes, gone abroad" in another
    ("in_touch", "N1"), ("activity", "P"), ("activity", "p"), ("accommodation_type", "P"),
    ("source", "7 - Police"),  # the code says 7, the label says 6
    ("source", "1A: Police"),
    ("legal_status", "Short breaks"),  # a short break, but V3 or V4?
    ("primary_need", "PSRMEM - Support with memory and cognition"),
    ("category_of_need", "N9"),  # a CIN census need code, not a 903 category of need
    ("case_status", "Pending"), ("placement_location", "Elsewhere"), ("ethnicity", "Martian"),
]


# Where LIIA's public schema records how councils' phrases read, a KPI column reads them the same way, so
# that a council's own workbook gives the figures of its tidy edition.
LIIA_READINGS = [
    ("seen_alone", "Seen", "Yes"), ("seen_alone", "Child seen", "Yes"),
    ("seen", "Not seen alone", "No"), ("seen", "Child not seen alone", "No"),
    ("uasc", "Non-CLA", "Yes"), ("uasc", "CLA", "No"),
    ("legal_status", "S20 Short Breaks 75+ Nights", "V2"),  # 903: short breaks over 75 nights a year are V2
    ("legal_status", "Ward of Court", "C2"),
    ("legal_status", "V1 - Accomm under an agreed series of short term breaks", "V4"),
    ("abuse_category", "PA", "PHY"), ("abuse_category", "PHYSAB", "PHY"),
    ("in_touch", "0 - No", "No"),
    ("activity", "full time higher", "F1"), ("activity", "part time not higher", "P2"),
    ("activity", "other", "G5"), ("activity", "Full time training", "F3"),
]


@pytest.mark.parametrize(("codeset", "raw", "code"), LIIA_READINGS)
def test_phrases_read_as_liias_schema_reads_them(codeset, raw, code):
    assert normaliser(codeset)(raw) == (code, None)


@pytest.mark.parametrize(("codeset", "raw"), UNREAD)
def test_an_unknown_or_contradictory_value_is_a_problem(codeset, raw):
    code, problem = normaliser(codeset)(raw)
    assert code is None
    assert problem.startswith(f"not a known {CODESETS[codeset].title} code or label; expected one of: ")


def test_the_problem_lists_the_codes_briefly():
    assert normaliser("yesno")("maybe")[1] == "not a known yes/no code or label; expected one of: Yes, No, Unknown"
    assert normaliser("case_status")("Pending")[1] == (
        "not a known case status code or label; expected one of: CLA, CP plan, CIN plan, Open assessment, "
        "Closed episode")
    assert normaliser("activity")("P")[1].endswith("G4, G5, ...")


def test_true_and_one_are_cached_apart():
    # True == 1 as a dict key: the cache keys on the type too
    suitability = normaliser("accommodation_suitability")
    assert suitability(1) == ("Suitable", None)
    assert suitability(True) == ("Suitable", None)
    gender = normaliser("gender")
    assert gender(1) == ("Male", None)
    assert gender(True)[0] is None


@pytest.mark.parametrize("name", sorted(CODESETS))
def test_every_code_and_label_reads_to_itself(name):
    codeset = CODESETS[name]
    for code, labels in codeset.codes.items():
        assert codeset(code) == (code, None)
        assert codeset(code.lower()) == (code, None)
        for label in labels if isinstance(labels, tuple) else (labels,):
            assert codeset(label) == (code, None), label
            assert codeset(f"{code}: {label}") == (code, None)
            assert codeset(f"{code} - {label}") == (code, None)
            assert codeset(f"{label} [{code}]") == (code, None)
            assert codeset(f"b) {code}") == (code, None)


def test_the_fixed_canonical_codes_of_the_columns_kpis_read():
    assert set(CODESETS["yesno"].codes) == {"Yes", "No", "Unknown"}
    assert list(CODESETS["case_status"].codes) == ["CLA", "CP plan", "CIN plan", "Open assessment", "Closed episode"]
    assert set(CODESETS["legal_status"].codes) == set("C1 C2 D1 E1 J1 J2 J3 L1 L2 L3 V2 V3 V4".split())
    assert set(CODESETS["in_touch"].codes) == {"Yes", "No", "Died", "Refu", "NREQ", "Rhom"}
    assert set(CODESETS["accommodation_suitability"].codes) == {"Suitable", "Unsuitable"}
    assert set(CODESETS["activity"].codes) == set("F1 P1 F2 P2 F3 P3 F4 P4 F5 P5 G4 G5 G6".split())
    assert set(CODESETS["placement_location"].codes) == {"In", "Out"}
    assert set(CODESETS["abuse_category"].codes) == {"NEG", "PHY", "SAB", "EMO", "MUL"}
    assert set(CODESETS["placement_provider"].codes) == {f"PR{n}" for n in range(6)}
    assert set(CODESETS["primary_need"].codes) == {f"N{n}" for n in range(10)}
    assert set(CODESETS["category_of_need"].codes) == {f"N{n}" for n in range(1, 9)}
    assert set(CODESETS["closure_reason"].codes) == {f"RC{n}" for n in range(1, 10)}
    assert set(CODESETS["source"].codes) == set("1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10".split())


def test_every_coded_schema_column_names_a_code_set():
    for spec in LISTS.values():
        for column in spec.columns:
            if column.kind in ("code", "yesno"):
                assert column.codeset in CODESETS, (spec.number, column.key)
            else:
                assert column.codeset is None, (spec.number, column.key)
    assert LISTS[6].column("case_status").kind == "code"
    assert LISTS[8].column("placement_location").codeset == "placement_location"
    assert LISTS[9].column("accommodation_suitability").codeset == "accommodation_suitability"
    assert LISTS[7].column("seen_alone").codeset == "seen_alone"
    assert LISTS[8].column("return_interview_accepted").codeset == "return_accepted"


def test_required_columns_are_only_ids_and_defining_dates():
    required = {n: [c.key for c in spec.columns if c.required] for n, spec in LISTS.items()}
    assert required == {
        1: ["child_id", "contact_date"], 2: ["child_id", "eh_assessment_start"], 3: ["child_id", "referral_date"],
        4: ["child_id", "assessment_start"], 5: ["child_id", "s47_start"], 6: ["child_id", "cin_start"],
        7: ["child_id", "cp_start"], 8: ["child_id", "cla_start"], 9: ["child_id"], 10: ["child_id"],
        11: ["adopter_id"],
    }
