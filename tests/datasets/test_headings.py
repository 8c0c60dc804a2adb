"""Annex A heading matching: canonical headings, LIIA's and data-to-insight's names, tolerant matches,
and the ambiguities that must be refused (contract B)."""

import pytest

from triangulate.datasets.parsers.annex_a.heading_variants import HEADING_PATTERNS, HEADING_VARIANTS
from triangulate.datasets.parsers.annex_a.headings import HeadingError, heading_key, match_headings
from triangulate.datasets.parsers.annex_a.schema import LISTS

COMMON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age"]
# The heading rows of LIIA's public sample workbook (Annex_A_2024_Jan.xlsx), written out by hand.
LIIA_SAMPLE = {
    1: COMMON + ["Date of Contact", "Contact Source"],
    2: COMMON + ["Assessment start date", "Assessment completion date", "Organisation completing assessment"],
    3: COMMON + ["Date of Referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months",
                 "Allocated Team", "Allocated Worker"],
    4: COMMON + ["Does the Child have a Disability", "Continuous Assessment Start Date",
                 "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation",
                 "Was the child assessed as requiring LA children's social care support?", "Allocated Team",
                 "Allocated Worker"],
    5: COMMON + ["Does the Child have a Disability", "Strategy discussion initiating Section 47 Enquiry Start Date",
                 "Was an Initial Child Protection Conference deemed unnecessary?",
                 "Date of Initial Child Protection Conference",
                 "Did the Initial Child Protection Conference Result in a Child Protection Plan",
                 "Number of Section 47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months",
                 "Allocated Team", "Allocated Worker"],
    6: COMMON + ["Does the Child have a Disability", "CIN Start Date", "Primary Need Code", "Date Child Was Last Seen",
                 "CIN Closure Date", "Reason for Closure", "Case Status", "Allocated Team", "Allocated Worker"],
    7: COMMON + ["Does the Child have a Disability", "Child Protection Plan Start Date", "Initial Category of Abuse",
                 "Latest Category of Abuse", "Date of the Last Statutory Visit", "Was the Child Seen Alone?",
                 "Date of latest review conference", "Child Protection Plan End Date",
                 "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
                 "Number of Previous Child Protection Plans", "Allocated Team", "Allocated Worker"],
    8: COMMON + ["Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))",
                 "Does the Child have a Disability", "Date Started to be Looked After", "Child's Category of Need",
                 "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
                 "Start date of current legal status", "Child's Legal Status", "Date of Latest Statutory Review",
                 "Date of Last Social Work Visit", "What is the permanence plan for this child?",
                 "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment",
                 "Date of Last Dental Check", "Number of Placements in the Last 12 months",
                 "Date Ceased to be Looked After", "Reason Ceased to be Looked After",
                 "Start Date of Most Recent Placement", "Placement Type", "Placement Provider", "Placement postcode",
                 "URN of Placement", "Placement Location", "LA of Placement",
                 "Number of Episodes the Child has been \u2018Missing\u2019 from their Placement in the last 12 months",
                 "Number of Episodes the Child has been \u2018Absent\u2019 from their Placement in the last 12 months",
                 "Was the child offered a Return Interview after their last missing episode (Y/N)?",
                 "Did the child accept a Return Interview after their last missing episode (Y/N)?",
                 "Allocated Team", "Allocated Worker"],
    9: COMMON + ["Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
                 "Does the Child have a Disability", "Allocated Team", "Allocated Worker", "Allocated Personal Advisor",
                 "Eligibility Category", "Latest Pathway Plan Review Date", "LA in Touch", "Latest Date of Contact",
                 "Type of Accommodation", "Suitability of Accommodation", "Activity Status"],
    10: ["Child Unique ID", "Family identifier", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
         "Does the Child have a Disability", "Date the Child Entered Care",
         "Date of Decision that Child Should be Placed for Adoption", "Date of Placement Order",
         "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption", "Date of Adoption Order",
         "Date of Decision that Child Should No Longer be Placed for Adoption",
         "Reason Why Child No Longer Placed for Adoption",
         "Date the child was placed for fostering in FFA or concurrent planning placement"],
    11: ["Individual adopter identifier", "Family identifier", "Gender", "Ethnicity", "Disability",
         "Is the (prospective) adopter fostering for adoption?", "Date enquiry received", "Date Stage 1 started",
         "Date Stage 1 ended", "Date Stage 2 started", "Date Stage 2 ended", "Date application submitted",
         "Date application approved", "Date adopter matched with child(ren)",
         "Date child/children placed with adopter(s)", "No. of children placed", "Date of Adoption Order",
         "Date of leaving adoption process", "Reason for leaving adoption process"],
}
# the LIIA headings that are not the canonical heading of their column
LIIA_VARIANTS = {
    (1, "Age"): "age",
    (8, "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))"): "uasc",
    (8, "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)"):
        "second_period_12m",
    (8, "Placement Location"): "placement_location",
    (8, "Did the child accept a Return Interview after their last missing episode (Y/N)?"):
        "return_interview_accepted",
    (9, "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)"): "uasc",
}


@pytest.mark.parametrize("number", sorted(LIIA_SAMPLE))
def test_every_heading_of_the_liia_sample_maps_to_its_column(number):
    spec = LISTS[number]
    match = match_headings(spec, LIIA_SAMPLE[number])
    assert match.report["absent"] == []
    assert match.report["ignored"] == []
    assert sorted(match.found.values()) == list(range(len(LIIA_SAMPLE[number])))
    for row in match.report["matched"]:
        variant = LIIA_VARIANTS.get((number, row["heading"])) or LIIA_VARIANTS.get((1, row["heading"]))
        if variant:
            assert (row["key"], row["how"]) == (variant, "variant"), row
        else:
            assert row["how"] == "exact", row
            assert row["column"] == spec.column(row["key"]).heading


# data-to-insight's Standard Safeguarding Dataset Annex A export (CamelCase names)
SSD = {
    1: {"ChildUniqueID": "child_id", "Gender": "gender", "Ethnicity": "ethnicity", "DateOfBirth": "date_of_birth",
        "Age": "age", "DateOfContact": "contact_date", "ContactSource": "contact_source"},
    2: {"AssessmentStartDate": "eh_assessment_start", "AssessmentCompletionDate": "eh_assessment_completion",
        "OrganisationCompletingAssessment": "eh_organisation"},
    3: {"ReferralDate": "referral_date", "ReferralSource": "referral_source", "ReferralNFA": "referral_nfa",
        "ReferralsLast12Months": "referrals_last_12m", "AllocatedTeam": "allocated_team",
        "AllocatedWorker": "allocated_worker"},
    4: {"HasDisability": "disability", "ContinuousAssessmentStart": "assessment_start",
        "ContinuousAssessmentChildSeen": "child_seen", "ContinuousAssessmentAuthDate": "assessment_authorised",
        "CSCSupportRequired": "assessment_needs_support"},
    5: {"StratDiscussionDate": "s47_start", "InitialCPConfUnnecessary": "icpc_unnecessary",
        "InitialCPConfDate": "icpc_date", "CPConfResultInCPPlan": "icpc_to_cp", "NumberS47s12m": "s47_last_12m",
        "NumberICPCs12m": "icpc_last_12m"},
    6: {"CINStartDate": "cin_start", "PrimaryNeedCode": "primary_need", "DateChildLastSeen": "last_seen",
        "CINClosureDate": "cin_closure", "ReasonForClosure": "closure_reason", "CaseStatus": "case_status"},
    7: {"ChildProtectionPlanStartDate": "cp_start", "InitialCategoryOfAbuse": "initial_category",
        "LatestCategoryOfAbuse": "latest_category", "DateOfLastStatutoryVisit": "last_visit",
        "ChildSeenAlone": "seen_alone", "DateOfLatestReviewConf": "latest_review",
        "ChildProtectionPlanEndDate": "cp_end", "ProtectionLastSixMonths": "epo_last_6m",
        "NumberOfPreviousChildProtectionPlans": "previous_cp_plans"},
    8: {"UASC": "uasc", "LoookedAfterStartDate": "cla_start", "ChildCategoryOfNeed": "category_of_need",
        "SubsequentLACEpisodeLast12Months": "second_period_12m", "MostRecentLegalStatusStart": "legal_status_start",
        "LegalStatus": "legal_status", "LatestStatutoryReviewDate": "latest_review",
        "LastSocialWorkVisitDate": "last_visit", "PermanencePlan": "permanence_plan",
        "LastIROVisitDate": "last_iro_contact", "LastHealthAssessmentDate": "last_health_assessment",
        "LastDentalCheckDate": "last_dental_check", "PlacementsLast12Months": "placements_last_12m",
        "CeasedLookedAfterDate": "cla_end", "ReasonCeasedLookedAfter": "reason_ceased",
        "MostRecentPlacementStartDate": "placement_start", "PlacementType": "placement_type",
        "PlacementProvider": "placement_provider", "PlacementPostcode": "placement_postcode",
        "PlacementURN": "placement_urn", "EpisodesChildMissingFromPlacement": "missing_episodes_12m",
        "EpisodesChildAbsentFromPlacement": "absent_episodes_12m",
        "ChildOfferedReturnInterviewAfterLastMFH": "return_interview_offered",
        "ChildAcceptedReturnInterviewAfterLastMFH": "return_interview_accepted"},
    9: {"UASC": "uasc", "AllocatedPersonalAdvisor": "personal_adviser", "EligibilityCategory": "eligibility",
        "LatestPathwayPlan": "pathway_plan_review", "LAInTouch": "in_touch", "LatestContact": "latest_contact",
        "TypeOfAccommodation": "accommodation_type", "SuitabilityOfAccommodation": "accommodation_suitability",
        "ActivityStatus": "activity"},
    10: {"FamilyID": "family_id", "EnteredCareDate": "entered_care", "ADMSHOBPADecisionDate": "adoption_decision",
         "PlacementOrderDate": "placement_order", "MatchedForAdoptionDate": "matching",
         "PlacedForAdoptionDate": "placed_for_adoption", "AdoptionOrderDate": "adoption_order",
         "DecisionReversedDate": "no_longer_adoption_decision", "DecisionReversedReason": "no_longer_adoption_reason",
         "DateFFAConsurrencyPlacement": "ffa_placement"},
    11: {"AdopterID": "adopter_id", "HasDisability": "disability", "AdoptedByCarer": "ffa", "EnquiryDate": "enquiry",
         "Stage1StartDate": "stage1_start", "Stage1EndDate": "stage1_end", "Stage2StartDate": "stage2_start",
         "Stage2EndDate": "stage2_end", "ApplicationDate": "application_submitted",
         "ApplicationApprDate": "application_approved", "MatchedDate": "matched", "PlacedDate": "placed",
         "NumSiblingsPlaced": "children_placed", "AdoptionOrderDate": "adoption_order",
         "AdoptionLeaveDate": "left_process", "AdoptingLeaveReason": "left_reason"},
}


@pytest.mark.parametrize("number", sorted(SSD))
def test_the_data_to_insight_camelcase_export_maps(number):
    headings = list(SSD[number])
    match = match_headings(LISTS[number], headings)
    assert {k: headings[i] for k, i in match.found.items()} == {v: k for k, v in SSD[number].items()}
    assert match.report["ignored"] == []


TOLERANT = [
    (7, "Sum of Number of Previous Child Protection Plans", "previous_cp_plans"),
    (7, "Max of Number of Previous Child Protection Plans", "previous_cp_plans"),
    (7, "SumOfNumberOfPreviousChildProtectionPlans", "previous_cp_plans"),
    (7, "Was the Child Seen Alone (y/n)", "seen_alone"),
    (3, "Count of Number of Referrals in Last 12 Months", "referrals_last_12m"),
    (8, "Date Started to be Looked Afterr", "cla_start"),
    (8, "Date Startd to be Lookd After", "cla_start"),  # two letters off a long heading
    (7, "Was the Child Seen Alone (Y/N)", "seen_alone"),
    (5, "Did the Initial Child Protection Conference Result in a Child Protection Plan (Yes/No)", "icpc_to_cp"),
    (3, "Date of referal", "referral_date"),
    (11, "Date Stage 1 endd", "stage1_end"),
    (10, "Date of Adoption Ordr", "adoption_order"),
]


def _first(number):
    return LISTS[number].columns[0]


@pytest.mark.parametrize(("number", "heading", "key"), TOLERANT)
def test_pivot_prefixes_yes_no_suffixes_and_small_typos_are_tolerated(number, heading, key):
    match = match_headings(LISTS[number], [_first(number).heading, heading])
    assert match.found == {_first(number).key: 0, key: 1}
    assert match.report["matched"][1] == {"heading": heading, "column": LISTS[number].column(key).heading,
                                          "key": key, "how": "tolerant"}


VARIANT = [
    (9, "Suitability of Accomodation", "accommodation_suitability"),
    (9, "Eligibity Category", "eligibility"),
    (9, "Type of Accomodation", "accommodation_type"),
    (3, "Referral Date", "referral_date"),
    (1, "DOB", "date_of_birth"),
    (1, "Child ID", "child_id"),
    (8, "Legal Status", "legal_status"),
    (9, "Allocated Personal Adviser", "personal_adviser"),
    (8, "UASC", "uasc"),
    (8, "Unaccompanied asylum seeking child?", "uasc"),
    (1, "Age at contact", "age"),
    (7, "Subject to an Emergency Protection Order in the last 6 months", "epo_last_6m"),
    (8, "Was the child offered a Return Interview after their last missing episode", "return_interview_offered"),
]


@pytest.mark.parametrize(("number", "heading", "key"), VARIANT)
def test_known_variants_and_patterns_match_as_variant(number, heading, key):
    match = match_headings(LISTS[number], [heading])
    assert match.found == {key: 0}
    assert match.report["matched"][0]["how"] == "variant"


EXACT = [(1, "CHILD UNIQUE ID"), (1, "child_unique_id"), (1, "ChildUniqueID"), (8, "Child\u2019s Legal Status"),
         (8, "Childs Legal Status"), (3, "  Date  of\u00a0referral "), (7, "Was the Child Seen Alone"),
         (8, "Number of Episodes the Child has been \u201cMissing\u201d from their Placement in the last 12 months"),
         (3, "ReferralNFA"), (9, "LAInTouch")]


@pytest.mark.parametrize(("number", "heading"), EXACT)
def test_case_spacing_punctuation_and_camelcase_are_exact(number, heading):
    assert match_headings(LISTS[number], [heading]).report["matched"][0]["how"] == "exact"


NOT_MATCHED = [
    (1, "Gendr"),  # short headings never tolerate typos
    (1, "Ethnicty"),
    (1, "Sender"),
    (3, "Date of refferal"),  # two letters off a 14-letter heading: too far
    (11, "Date Stage 3 ended"),  # numbers must agree
    (8, "Number of Placements in the Last 6 months"),
    (8, "Date of Last Optician Check"),
    (1, "Language"),  # contains "age" but is not the age
]


@pytest.mark.parametrize(("number", "heading"), NOT_MATCHED)
def test_headings_too_far_from_every_column_are_ignored(number, heading):
    match = match_headings(LISTS[number], [_first(number).heading, heading])
    assert match.found == {_first(number).key: 0}
    assert match.report["ignored"] == [heading]


def test_the_report_lists_matched_absent_and_ignored_headings():
    headings = ["Child Unique ID", "", None, "Date of Referral", "Sum of Number of Referrals in Last 12 Months",
                "Notes", "ReferralNFA"]
    match = match_headings(LISTS[3], headings)
    assert match.found == {"child_id": 0, "referral_date": 3, "referrals_last_12m": 4, "referral_nfa": 6}
    assert match.report == {
        "matched": [
            {"heading": "Child Unique ID", "column": "Child Unique ID", "key": "child_id", "how": "exact"},
            {"heading": "Date of Referral", "column": "Date of referral", "key": "referral_date", "how": "exact"},
            {"heading": "Sum of Number of Referrals in Last 12 Months",
             "column": "Number of Referrals in Last 12 Months", "key": "referrals_last_12m", "how": "tolerant"},
            {"heading": "ReferralNFA", "column": "Referral NFA?", "key": "referral_nfa", "how": "exact"},
        ],
        "absent": ["Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Allocated Team",
                   "Allocated Worker", "Referral Source"],
        "ignored": ["Notes"],
    }


def test_a_weaker_heading_loses_to_a_named_one_and_is_ignored():
    match = match_headings(LISTS[7], ["Child Unique ID", "Count of Child Unique ID", "Child's ID number"])
    assert match.found == {"child_id": 0}
    assert match.report["ignored"] == ["Count of Child Unique ID", "Child's ID number"]


@pytest.mark.parametrize(("number", "headings", "message"), [
    (3, ["Date of referral", "Referral Date"],
     "columns 'Date of referral' and 'Referral Date' both look like 'Date of referral'; expected only one of them"),
    (1, ["Child ID", "Child Unique ID"],
     "columns 'Child ID' and 'Child Unique ID' both look like 'Child Unique ID'; expected only one of them"),
    (8, ["Date Started to be Looked Afterr", "Date Startd to be Looked After"],
     "columns 'Date Started to be Looked Afterr' and 'Date Startd to be Looked After' both look like "
     "'Date Started to be Looked After'; expected only one of them"),
    (8, ["Child's Legal Status", "Child's Legal Statuss"], None),  # the typo loses to the exact heading
])
def test_two_headings_for_one_column_are_refused(number, headings, message):
    if message is None:
        assert match_headings(LISTS[number], headings).found == {"legal_status": 0}
        return
    with pytest.raises(HeadingError) as error:
        match_headings(LISTS[number], headings)
    assert str(error.value) == message


def test_a_heading_equally_close_to_two_columns_is_refused():
    # two letters from "Date Started ..." and two from "Date Ceased ..."
    with pytest.raises(HeadingError) as error:
        match_headings(LISTS[8], ["Child Unique ID", "Date Cearted to be Looked After"])
    assert str(error.value) == (
        "column 'Date Cearted to be Looked After' is equally close to 'Date Started to be Looked After' and "
        "'Date Ceased to be Looked After'; expected a heading that names one column")


def test_a_column_taken_by_name_is_not_offered_to_a_tolerant_heading():
    # "Date Started ..." is present, so the typo can only be "Date Ceased ..."
    match = match_headings(LISTS[8], ["Date Started to be Looked After", "Date Cearted to be Looked After"])
    assert match.found == {"cla_start": 0, "cla_end": 1}


def test_a_heading_matching_two_patterns_is_not_guessed():
    # "in touch" and "type of accommodation" patterns both match: not a variant; too far for tolerance
    match = match_headings(LISTS[9], ["In touch: type of accommodation"])
    assert match.found == {}


def test_variant_names_never_collide_within_a_list():
    for spec in LISTS.values():
        seen = {}
        for column in spec.columns:
            for name in (column.heading, *HEADING_VARIANTS.get(column.heading, ())):
                other = seen.setdefault(heading_key(name), column.key)
                assert other == column.key, (spec.number, name)


def test_variant_data_names_real_columns():
    headings = {c.heading for spec in LISTS.values() for c in spec.columns}
    assert set(HEADING_VARIANTS) <= headings
    assert set(HEADING_PATTERNS) <= headings
    assert LISTS[3].column("referral_date").aliases == ("Referral Date", "ReferralDate")
