"""One set of Annex A facts written twice: a tidy workbook (canonical headings, bare codes, real dates)
and a variant one (LIIA's headings, LIIA-style values for every coded column, dd/mm/yyyy text dates,
numeric child ids, fractional ages, a pivot-table "Sum of" heading, a CamelCase heading, misspelt
headings). Both must read to the same tables and give the same KPIs.

    write_tidy(path)      -> path
    write_variants(path)  -> path

The facts are a handful of children across lists 1-10, chosen so that every coded column a KPI reads
takes several values (and a blank). The spellings below are the families seen in councils' files
(LIIA's public Annex A schema, the data-to-insight SSD export); each row uses the next spelling of its
value, so one column mixes styles as real extracts do.
"""

from datetime import date

from triangulate.datasets.parsers.annex_a.schema import LISTS

from .workbooks import workbook

D = date

# ---- facts (canonical values; None = blank) ---------------------------------------------------------------

_CHILD = {  # child id -> (gender, ethnicity, date of birth)
    "1001": ("Male", "WBRI", D(2015, 1, 25)), "1002": ("Female", "APKN", D(2012, 8, 8)),
    "1003": ("Female", "NOBT", D(2009, 3, 5)), "1004": ("Male", "MWBC", D(2006, 11, 1)),
    "1005": ("Not stated/recorded", "BAFR", D(2003, 2, 13)), "1006": ("Male", "WOTH", D(2004, 7, 18)),
}
_AGE = {"1001": 9, "1002": 11, "1003": 14, "1004": 17, "1005": 21, "1006": 19}  # whole years (floor)


def _child(cid, **rest):
    gender, ethnicity, dob = _CHILD[cid]
    return {"child_id": cid, "gender": gender, "ethnicity": ethnicity, "date_of_birth": dob, "age": _AGE[cid],
            **rest}


_TEAM = ("Locality 1 Team", "Children in Care Team", "Care Leavers Team")
FACTS = {
    1: [_child("1001", contact_date=D(2024, 1, 8), contact_source="6"),
        _child("1002", contact_date=D(2024, 1, 9), contact_source="1A"),
        _child("1003", contact_date=D(2024, 2, 1), contact_source="2A"),
        _child("1004", contact_date=D(2024, 2, 20), contact_source="10")],
    2: [_child("1001", eh_assessment_start=D(2023, 11, 1), eh_assessment_completion=D(2023, 12, 1),
               eh_organisation="Top Town Academy"),
        _child("1003", eh_assessment_start=D(2024, 1, 15), eh_assessment_completion=None,
               eh_organisation="Early Help Service")],
    3: [_child("1001", referral_date=D(2024, 1, 10), referral_source="6", referral_nfa="No", referrals_last_12m=0,
               allocated_team=_TEAM[0], allocated_worker="Dustin Hazlett"),
        _child("1002", referral_date=D(2024, 1, 12), referral_source="3D", referral_nfa="Yes", referrals_last_12m=2,
               allocated_team=_TEAM[0], allocated_worker="Mathilde Cutsforth"),
        _child("1003", referral_date=D(2024, 2, 3), referral_source="2A", referral_nfa="No", referrals_last_12m=1,
               allocated_team=_TEAM[0], allocated_worker="Dustin Hazlett"),
        _child("1004", referral_date=D(2024, 2, 21), referral_source="8", referral_nfa=None, referrals_last_12m=0,
               allocated_team=_TEAM[0], allocated_worker="Verdell Arp")],
    4: [_child("1001", disability="No", assessment_start=D(2024, 1, 11), child_seen="Yes",
               assessment_authorised=D(2024, 2, 20), assessment_needs_support="Yes", allocated_team=_TEAM[0],
               allocated_worker="Dustin Hazlett"),
        _child("1002", disability="Yes", assessment_start=D(2024, 1, 13), child_seen="No",
               assessment_authorised=D(2024, 3, 25), assessment_needs_support="No", allocated_team=_TEAM[0],
               allocated_worker="Mathilde Cutsforth"),
        _child("1003", disability="Unknown", assessment_start=D(2024, 2, 5), child_seen="Yes",
               assessment_authorised=None, assessment_needs_support=None, allocated_team=_TEAM[0],
               allocated_worker="Dustin Hazlett")],
    5: [_child("1001", disability="No", s47_start=D(2024, 1, 12), icpc_unnecessary="No", icpc_date=D(2024, 1, 30),
               icpc_to_cp="Yes", s47_last_12m=1, icpc_last_12m=1, allocated_team=_TEAM[0],
               allocated_worker="Dustin Hazlett"),
        _child("1002", disability="Yes", s47_start=D(2024, 1, 20), icpc_unnecessary="Yes", icpc_date=None,
               icpc_to_cp=None, s47_last_12m=0, icpc_last_12m=0, allocated_team=_TEAM[0],
               allocated_worker="Mathilde Cutsforth"),
        _child("1004", disability="No", s47_start=D(2024, 2, 22), icpc_unnecessary="No", icpc_date=D(2024, 3, 20),
               icpc_to_cp="No", s47_last_12m=2, icpc_last_12m=1, allocated_team=_TEAM[0],
               allocated_worker="Verdell Arp")],
    6: [_child("1001", disability="No", cin_start=D(2024, 2, 20), primary_need="N1", last_seen=D(2024, 3, 20),
               cin_closure=None, closure_reason=None, case_status="CP plan", allocated_team=_TEAM[0],
               allocated_worker="Dustin Hazlett"),
        _child("1002", disability="Yes", cin_start=D(2023, 6, 1), primary_need="N2", last_seen=D(2024, 3, 1),
               cin_closure=None, closure_reason=None, case_status="CIN plan", allocated_team=_TEAM[0],
               allocated_worker="Mathilde Cutsforth"),
        _child("1003", disability="No", cin_start=D(2023, 9, 1), primary_need="N5", last_seen=D(2024, 1, 5),
               cin_closure=D(2024, 2, 28), closure_reason="RC8", case_status="Closed episode",
               allocated_team=_TEAM[0], allocated_worker="Dustin Hazlett"),
        _child("1004", disability="No", cin_start=D(2022, 4, 1), primary_need="N4", last_seen=D(2024, 3, 10),
               cin_closure=None, closure_reason=None, case_status="CLA", allocated_team=_TEAM[1],
               allocated_worker="Eugene Swift"),
        _child("1006", disability="No", cin_start=D(2024, 3, 1), primary_need="N0", last_seen=None, cin_closure=None,
               closure_reason=None, case_status="Open assessment", allocated_team=_TEAM[0],
               allocated_worker="Verdell Arp")],
    7: [_child("1001", disability="No", cp_start=D(2024, 1, 30), initial_category="NEG", latest_category="MUL",
               last_visit=D(2024, 3, 15), seen_alone="Yes", latest_review=None, cp_end=None, epo_last_6m="No",
               previous_cp_plans=0, allocated_team=_TEAM[0], allocated_worker="Dustin Hazlett"),
        _child("1003", disability="No", cp_start=D(2023, 5, 2), initial_category="EMO", latest_category="EMO",
               last_visit=D(2023, 12, 1), seen_alone="No", latest_review=D(2023, 11, 2), cp_end=D(2024, 1, 10),
               epo_last_6m="No", previous_cp_plans=1, allocated_team=_TEAM[0], allocated_worker="Dustin Hazlett"),
        _child("1004", disability="No", cp_start=D(2023, 10, 3), initial_category="PHY", latest_category="SAB",
               last_visit=D(2024, 3, 1), seen_alone="Unknown", latest_review=D(2024, 1, 3), cp_end=None,
               epo_last_6m="Yes", previous_cp_plans=2, allocated_team=_TEAM[0], allocated_worker="Verdell Arp")],
    8: [_child("1004", uasc="No", disability="No", cla_start=D(2023, 4, 1), category_of_need="N1",
               second_period_12m="No", legal_status_start=D(2023, 6, 1), legal_status="C2",
               latest_review=D(2024, 2, 1), last_visit=D(2024, 3, 10), permanence_plan="Long-term fostering",
               last_iro_contact=D(2024, 2, 1), last_health_assessment=D(2023, 9, 1), last_dental_check=None,
               placements_last_12m=1, cla_end=None, reason_ceased=None, placement_start=D(2023, 4, 1),
               placement_type="U4", placement_provider="PR1", placement_postcode="T28 2WB", placement_urn=None,
               placement_location="In", placement_la="Home Town", missing_episodes_12m=2, absent_episodes_12m=0,
               return_interview_offered="Yes", return_interview_accepted="Yes", allocated_team=_TEAM[1],
               allocated_worker="Eugene Swift"),
        _child("1002", uasc="No", disability="Yes", cla_start=D(2023, 7, 1), category_of_need="N2",
               second_period_12m="No", legal_status_start=D(2023, 7, 1), legal_status="V3",
               latest_review=None, last_visit=None, permanence_plan=None, last_iro_contact=None,
               last_health_assessment=None, last_dental_check=None, placements_last_12m=1, cla_end=None,
               reason_ceased=None, placement_start=D(2023, 7, 1), placement_type="K2", placement_provider="PR4",
               placement_postcode=None, placement_urn="SC123456", placement_location="Out", placement_la="Other Town",
               missing_episodes_12m=0, absent_episodes_12m=0, return_interview_offered=None,
               return_interview_accepted=None, allocated_team=_TEAM[1], allocated_worker="Fatimah Davison"),
        _child("1006", uasc="Yes", disability="No", cla_start=D(2022, 9, 1), category_of_need="N8",
               second_period_12m="Yes", legal_status_start=D(2022, 9, 1), legal_status="V2",
               latest_review=D(2024, 1, 12), last_visit=D(2024, 2, 22), permanence_plan="Other",
               last_iro_contact=D(2024, 1, 12), last_health_assessment=D(2023, 5, 27),
               last_dental_check=D(2023, 1, 17), placements_last_12m=3, cla_end=D(2024, 3, 1),
               reason_ceased="E17", placement_start=D(2023, 11, 2), placement_type="H5", placement_provider="PR5",
               placement_postcode="C25 1YT", placement_urn=None, placement_location="Out",
               placement_la="Other Town", missing_episodes_12m=1, absent_episodes_12m=1,
               return_interview_offered="Yes", return_interview_accepted="No", allocated_team=_TEAM[1],
               allocated_worker="Wyatt Hammond"),
        _child("1003", uasc="No", disability="No", cla_start=D(2024, 1, 10), category_of_need="N1",
               second_period_12m="No", legal_status_start=D(2024, 1, 10), legal_status="V2",
               latest_review=None, last_visit=D(2024, 3, 1), permanence_plan=None, last_iro_contact=None,
               last_health_assessment=None, last_dental_check=None, placements_last_12m=1, cla_end=None,
               reason_ceased=None, placement_start=D(2024, 1, 10), placement_type="U6", placement_provider="PR1",
               placement_postcode=None, placement_urn=None, placement_location="In", placement_la="Home Town",
               missing_episodes_12m=1, absent_episodes_12m=0, return_interview_offered="No",
               return_interview_accepted="No", allocated_team=_TEAM[1], allocated_worker="Eugene Swift")],
    9: [_child("1005", uasc="No", disability="No", personal_adviser="Ann Lee", eligibility="Former relevant",
               pathway_plan_review=D(2024, 1, 5), in_touch="Yes", latest_contact=D(2024, 3, 1),
               accommodation_type="U", accommodation_suitability="Suitable", activity="F1",
               allocated_team=_TEAM[2], allocated_worker="Jae Vang"),
        _child("1006", uasc="Yes", disability="No", personal_adviser="Ann Lee", eligibility="Former relevant",
               pathway_plan_review=D(2023, 6, 5), in_touch="No", latest_contact=D(2023, 6, 1),
               accommodation_type="S", accommodation_suitability="Unsuitable", activity="G6",
               allocated_team=_TEAM[2], allocated_worker="Emir Dyer"),
        {**_child("1005", uasc=None, disability="Unknown", personal_adviser=None, eligibility="Relevant",
                  pathway_plan_review=None, in_touch="Refu", latest_contact=None, accommodation_type="Z",
                  accommodation_suitability=None, activity="P5", allocated_team=_TEAM[2],
                  allocated_worker="Stefan Rees"), "child_id": "1007", "age": 20},
        {**_child("1004", uasc="No", disability="No", personal_adviser="Bo Ray", eligibility="Qualifying",
                  pathway_plan_review=D(2024, 2, 1), in_touch="NREQ", latest_contact=D(2024, 2, 1),
                  accommodation_type="B", accommodation_suitability="Suitable", activity="G5",
                  allocated_team=_TEAM[2], allocated_worker="Jae Vang"), "child_id": "1008", "age": 19},
        {**_child("1006", uasc="No", disability="No", personal_adviser="Bo Ray", eligibility="Former relevant",
                  pathway_plan_review=D(2024, 3, 2), in_touch="Yes", latest_contact=D(2024, 3, 2),
                  accommodation_type="D", accommodation_suitability="Suitable", activity="F3",
                  allocated_team=_TEAM[2], allocated_worker="Emir Dyer"), "child_id": "1009", "age": 20}],
    10: [_child("1002", family_id="5001", disability="Yes", entered_care=D(2023, 7, 1), adoption_decision=D(2023, 10, 1),
                placement_order=D(2023, 12, 1), matching=None, placed_for_adoption=None, adoption_order=None,
                no_longer_adoption_decision=D(2024, 3, 1), no_longer_adoption_reason="RD3", ffa_placement=None),
         _child("1001", family_id="5002", disability="No", entered_care=D(2022, 3, 1), adoption_decision=D(2022, 6, 1),
                placement_order=D(2022, 9, 1), matching=D(2023, 1, 10), placed_for_adoption=D(2023, 2, 1),
                adoption_order=D(2023, 9, 1), no_longer_adoption_decision=None, no_longer_adoption_reason=None,
                ffa_placement=D(2022, 4, 1))],
}

# ---- how the variant edition writes values -----------------------------------------------------------------

_YES, _NO, _UNKNOWN = ("a) Yes", "Y", "yes", "a. Yes", True, "1 - Yes"), ("b) No", "N", "no", "b. No", False, "0"), \
    ("c) Unknown", "Not known", "U")
_YESNO = {"Yes": _YES, "No": _NO, "Unknown": _UNKNOWN}
SPELLINGS = {  # code set -> canonical value -> spellings used in turn
    "yesno": _YESNO,
    "disability": {"Yes": ("a) Yes", "AUT", "Y"), "No": ("b) No", "NONE", "No"),
                   "Unknown": ("NOBT - Information not yet obtained", "c) Unknown")},
    "referral_nfa": {"Yes": ("NFA", "a) Yes"), "No": ("b) No", "Further action", "N")},
    "seen": {"Yes": ("Child seen", "a) Yes", "Seen alone"), "No": ("Child not seen", "b) No")},
    "seen_alone": {"Yes": ("Seen alone", "a) Yes"), "No": ("Not seen alone", "b) No"),
                   "Unknown": ("No Visit - new in last month",)},
    "return_offered": {"Yes": ("Offered and Accepted", "Offered and Declined (by YP)"),
                       "No": ("Not Offered (Missing Again)", "b) No")},
    "return_accepted": {"Yes": ("Offered and Accepted", "Accepted"), "No": ("Offered and declined", "Declined",
                                                                            "Not Offered (Missing Again)")},
    "uasc": {"Yes": ("UASC", "a) Yes"), "No": ("Non-UASC", "b) No", "N")},
    "gender": {"Male": ("a) Male", "M", "1 - Male"), "Female": ("b) Female", "F", "Female"),
               "Not stated/recorded": ("c) Not stated/recorded", "Not known")},
    "ethnicity": {"WBRI": ("a) WBRI", "White - British [WBRI]"), "APKN": ("k) APKN", "Pakistani"),
                  "NOBT": ("s) NOBT", "Information not yet obtained"), "MWBC": ("f) MWBC", "White and Black Caribbean"),
                  "BAFR": ("o) BAFR", "Black African"), "WOTH": ("d) WOTH", "Any other White background")},
    "source": {"6": ("q) 6: Police", "Police", "6 - Police"), "1A": ("a) 1A: Individual", "1A"),
               "2A": ("e) 2A: Schools", "Schools"), "3D": ("j) 3D: Health services",),
               "8": ("s) 8: Other",), "10": ("u) 10: Unknown",)},
    "primary_need": {"N1": ("N1 - Abuse or Neglect",), "N2": ("N2 - Child's disability",), "N4": ("n4",),
                     "N5": ("Family dysfunction",), "N0": ("N0 - Not stated",)},
    "closure_reason": {"RC8": ("RC8 - Case closed after assessment, no further action",)},
    "case_status": {"CP plan": ("b) Child Protection plan",), "CIN plan": ("c) Child in need plan",),
                    "Closed episode": ("e) Closed episode",), "CLA": ("a) Looked after child",),
                    "Open assessment": ("Open asmt",)},
    "abuse_category": {"NEG": ("a) Neglect", "Neglect"), "MUL": ("Neglect, Physical", "e) Multiple/not recommended"),
                       "EMO": ("Emotional abuse", "d) Emotional abuse"), "PHY": ("Physical abuse",),
                       "SAB": ("c) Sexual abuse",)},
    "category_of_need": {"N1": ("N1 - Abuse or Neglect", "Abuse or neglect"), "N2": ("N2 - Child's disability",),
                         "N8": ("Absent parenting",)},
    "legal_status": {"C2": ("C2 [Full Care Order]",),
                     "V3": ("Accommodated under an agreed series of short-term breaks, when individual episodes of "
                            "care are recorded",),
                     "V2": ("Single Period of Accommodation Under Section 20", "V2: Single period under S20")},
    "reason_ceased": {"E17": ("E17: Aged 18 (or over) and remained with current carers",)},
    "placement_type": {"U4": ("d) U4: Foster placement - long term",), "K2": ("K2 - Children's Homes",),
                       "H5": ("n) H5: Residential accommodation",), "U6": ("f) U6: Foster placement - not FFA",)},
    "placement_provider": {"PR1": ("b) PR1 - Own provision", "Own Provision by LA"), "PR4": ("e) PR4 - Private provision",),
                           "PR5": ("f) PR5 - Voluntary/third sector",)},
    "placement_location": {"In": ("a) In", "Inside LA Boundary"), "Out": ("Out of LA", "Outside LA boundary")},
    "eligibility": {"Former relevant": ("b) Former relevant child", "Former Relevant", "FR"),
                    "Relevant": ("a) Relevant child",), "Qualifying": ("c) Qualifying care leaver",)},
    "in_touch": {"Yes": ("In touch", "01"), "No": ("2 - No, resident in the UK",), "Refu": ("d) Refu",),
                 "NREQ": ("10 - Young person no longer requires services",)},
    "accommodation_type": {"U": ("U: Independent living",), "S": ("S - No fixed abode / homeless",),
                           "Z": ("Z - Staying Put",), "B": ("B1",), "D": ("Semi-independent, transitional",)},
    "accommodation_suitability": {"Suitable": ("1 - Suitable", "a) Suitable", "1"),
                                  "Unsuitable": ("2 - Accommodation is considered unsuitable",)},
    "activity": {"F1": ("F1: Full time in higher education",), "G6": ("Pregnancy or parenting",),
                 "P5": ("P5: Young person engaged part time in training or employment (not apprenticeship)",),
                 "G5": ("g5",), "F3": ("F3: Full time in training or employment",)},
    "adoption_stopped_reason": {"RD3": ("RD3 - Prospective adopters could not be found",)},
}

# list -> key -> heading in the variant edition (LIIA's names, a pivot prefix, CamelCase, misspellings)
HEADINGS = {
    1: {"age": "Age"},
    3: {"referral_date": "Date of Referral", "age": "Age"},
    6: {"case_status": "CaseStatus"},
    7: {"previous_cp_plans": "Sum of Number of Previous Child Protection Plans"},
    8: {"uasc": "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))",
        "second_period_12m": "Is this a second or subsequent period of being a Looked After Child within the last "
                             "12 months (Y/N)",
        "placement_location": "Placement Location",
        "missing_episodes_12m": "Number of Episodes the Child has been \u2018Missing\u2019 from their Placement in "
                                "the last 12 months",
        "return_interview_accepted": "Did the child accept a Return Interview after their last missing episode "
                                     "(Y/N)?"},
    9: {"uasc": "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
        "accommodation_suitability": "Suitability of Accomodation", "eligibility": "Eligibity Category"},
}


def _tidy(column, value):
    return value  # dates are real date cells, codes bare, numbers whole


def _variant(number, column, value, row):
    if value is None:
        return None
    if column.codeset:
        spellings = SPELLINGS[column.codeset][value]
        return spellings[row % len(spellings)]
    if column.kind == "date":
        return value.strftime("%d/%m/%Y")
    if column.key in ("child_id", "family_id"):
        return int(value) if row % 2 else float(value)  # Excel numbers
    if column.key == "age":
        return value + 0.4 + row / 100  # fractional years
    if column.kind == "int":
        return float(value)
    if column.key == "allocated_worker":
        return value.replace(" ", "\u00a0")  # non-breaking spaces
    return f" {value} " if row % 2 else value


def _rows(number, heading, cell):
    spec = LISTS[number]
    rows = [[heading(number, c) for c in spec.columns]]
    for i, fact in enumerate(FACTS[number]):
        rows.append([cell(number, c, fact.get(c.key), i) for c in spec.columns])
    return rows


def tidy_sheets():
    return {f"List {n}": _rows(n, lambda _, c: c.heading, lambda _, c, v, i: _tidy(c, v)) for n in FACTS}


def variant_sheets():
    return {f"List {n} - {LISTS[n].topic}"[:31]: _rows(n, lambda n, c: HEADINGS.get(n, {}).get(c.key, c.heading),
                                                  _variant) for n in FACTS}


def write_tidy(path):
    return workbook(path, tidy_sheets())


def write_variants(path):
    return workbook(path, variant_sheets())
