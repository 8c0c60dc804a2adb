"""Headings councils use for Annex A columns besides the canonical one (schema.py). Pure data.

Sources: LIIA's canonical Annex A headings (which differ from Ofsted's template wording), headings seen
in councils' files, and the data-to-insight Standard Safeguarding Dataset Annex A export (CamelCase
names such as ``ReferralNFA``, including its typo ``LoookedAfterStartDate``). Matching ignores case,
spacing and punctuation, so each variant is listed once in any readable form.

``HEADING_PATTERNS`` are regular expressions tried on a heading's words (lower case, single spaces,
punctuation removed) when no name matches; a pattern only counts when exactly one column of the list
matches it.
"""

_YN = " (Y/N)"

# canonical heading -> other names for the same column
HEADING_VARIANTS = {
    # common to the child lists
    "Child Unique ID": ("Child ID", "Unique ID", "Child Unique Identifier", "ChildUniqueID", "Child Identifier"),
    "Gender": ("Sex", "Gender of Child"),
    "Ethnicity": ("Ethnic Origin", "Ethnic Group", "Ethnicity Code"),
    "Date of Birth": ("DOB", "DateOfBirth", "Birth Date", "Child DOB"),
    "Age of Child (Years)": ("Age", "Age of Child", "Age (Years)", "Age in Years", "Child Age"),
    "Allocated Team": ("Team", "AllocatedTeam", "Team Name", "Allocated Team Name"),
    "Allocated Worker": ("Worker", "Allocated Social Worker", "AllocatedWorker", "Social Worker", "Worker Name",
                         "Allocated Worker Name"),
    "Does the Child have a Disability": ("Disability", "HasDisability", "Disabled", "Child has a Disability",
                                         "Disability" + _YN),
    # list 1
    "Date of Contact": ("Contact Date", "DateOfContact"),
    "Contact Source": ("Source of Contact", "ContactSource"),
    # list 2
    "Assessment start date": ("AssessmentStartDate", "Early Help Assessment Start Date", "EH Assessment Start Date"),
    "Assessment completion date": ("AssessmentCompletionDate", "Early Help Assessment Completion Date",
                                   "EH Assessment Completion Date", "Assessment End Date"),
    "Organisation completing assessment": ("OrganisationCompletingAssessment", "Organization completing assessment",
                                           "Organisation"),
    # list 3
    "Date of referral": ("Referral Date", "ReferralDate"),
    "Referral Source": ("ReferralSource", "Source of Referral"),
    "Referral NFA?": ("Referral NFA", "ReferralNFA", "NFA", "Referral No Further Action"),
    "Number of Referrals in Last 12 Months": ("ReferralsLast12Months", "Referrals in Last 12 Months"),
    # list 4
    "Continuous Assessment Start Date": ("Assessment Start Date", "ContinuousAssessmentStart",
                                         "Single Assessment Start Date"),
    "Child Seen During Continuous Assessment": ("ContinuousAssessmentChildSeen", "Child Seen During Assessment",
                                                "Child Seen"),
    "Continuous Assessment Date of Authorisation": ("Assessment Date of Authorisation", "Date of Authorisation",
                                                    "ContinuousAssessmentAuthDate", "Assessment Authorisation Date"),
    "Was the child assessed as requiring LA children's social care support?": (
        "CSCSupportRequired", "Assessed as requiring LA children's social care support"),
    # list 5
    "Strategy discussion initiating Section 47 Enquiry Start Date": (
        "Section 47 Enquiry Start Date", "S47 Start Date", "StratDiscussionDate", "Strategy Discussion Date",
        "S47 Enquiry Start Date"),
    "Was an Initial Child Protection Conference deemed unnecessary?": ("InitialCPConfUnnecessary",
                                                                       "ICPC deemed unnecessary"),
    "Date of Initial Child Protection Conference": ("ICPC Date", "InitialCPConfDate", "Date of ICPC",
                                                    "Initial Child Protection Conference Date"),
    "Did the Initial Child Protection Conference Result in a Child Protection Plan": (
        "CPConfResultInCPPlan", "Did the ICPC result in a CP Plan", "ICPC Resulted in CP Plan"),
    "Number of Section 47 Enquiries in the last 12 months": ("NumberS47s12m", "Number of S47s in the last 12 months"),
    "Number of ICPCs in the last 12 months": ("NumberICPCs12m",),
    # list 6
    "CIN Start Date": ("CINStartDate", "Child in Need Start Date"),
    "Primary Need Code": ("Primary Need", "PrimaryNeedCode", "CIN Primary Need Code"),
    "Date Child Was Last Seen": ("DateChildLastSeen", "Date Child Last Seen", "Date Last Seen"),
    "CIN Closure Date": ("CINClosureDate", "Child in Need Closure Date", "CIN End Date"),
    "Reason for Closure": ("ReasonForClosure", "Closure Reason", "CIN Closure Reason"),
    "Case Status": ("CaseStatus",),
    # list 7
    "Child Protection Plan Start Date": ("ChildProtectionPlanStartDate", "CP Plan Start Date", "CPP Start Date"),
    "Initial Category of Abuse": ("InitialCategoryOfAbuse", "Initial Category", "Initial Abuse Category"),
    "Latest Category of Abuse": ("LatestCategoryOfAbuse", "Latest Category", "Latest Abuse Category"),
    "Date of the Last Statutory Visit": ("DateOfLastStatutoryVisit", "Last Statutory Visit Date"),
    "Was the Child Seen Alone?": ("ChildSeenAlone", "Seen Alone"),
    "Date of latest review conference": ("DateOfLatestReviewConf", "Latest Review Conference Date"),
    "Child Protection Plan End Date": ("ChildProtectionPlanEndDate", "CP Plan End Date", "CPP End Date"),
    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)": (
        "ProtectionLastSixMonths",),
    "Number of Previous Child Protection Plans": ("NumberOfPreviousChildProtectionPlans",
                                                  "Number of Previous CP Plans"),
    # list 8
    "UASC within the Last 12 Months (Y/N)": (
        "UASC", "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months" + _YN,
        "Unaccompanied Asylum Seeking Child"),
    "Date Started to be Looked After": ("LoookedAfterStartDate", "LookedAfterStartDate", "CLA Start Date",
                                        "Looked After Start Date"),
    "Child's Category of Need": ("ChildCategoryOfNeed", "Category of Need"),
    "Is this a second or subsequent period of being looked after within the last 12 months (Y/N)": (
        "Is this a second or subsequent period of being a Looked After Child within the last 12 months" + _YN,
        "SubsequentLACEpisodeLast12Months"),
    "Start date of current legal status": ("MostRecentLegalStatusStart", "Legal Status Start Date"),
    "Child's Legal Status": ("Legal Status", "LegalStatus", "Current Legal Status"),
    "Date of Latest Statutory Review": ("LatestStatutoryReviewDate", "Latest Statutory Review Date"),
    "Date of Last Social Work Visit": ("LastSocialWorkVisitDate", "Last Social Work Visit Date"),
    "What is the permanence plan for this child?": ("PermanencePlan", "Permanence Plan"),
    "Date of Last IRO Visit / Contact to the Child": ("LastIROVisitDate", "Date of Last IRO Visit",
                                                      "Last IRO Visit Date"),
    "Date of Last Health Assessment": ("LastHealthAssessmentDate", "Last Health Assessment Date"),
    "Date of Last Dental Check": ("LastDentalCheckDate", "Last Dental Check Date"),
    "Number of Placements in the Last 12 months": ("PlacementsLast12Months",),
    "Date Ceased to be Looked After": ("CeasedLookedAfterDate", "CLA End Date", "Date Ceased Looked After"),
    "Reason Ceased to be Looked After": ("ReasonCeasedLookedAfter", "Reason Ceased"),
    "Start Date of Most Recent Placement": ("MostRecentPlacementStartDate", "Placement Start Date"),
    "Placement Type": ("PlacementType",),
    "Placement Provider": ("PlacementProvider",),
    "Placement postcode": ("PlacementPostcode",),
    "URN of Placement": ("PlacementURN", "Placement URN"),
    "Placement Location (In/Out of LA area)": ("Placement Location", "PlacementLocation"),
    "LA of Placement": ("PlacementLA", "Placement LA"),
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months": (
        "EpisodesChildMissingFromPlacement",),
    "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months": (
        "EpisodesChildAbsentFromPlacement",),
    "Was the child offered a Return Interview after their last missing episode (Y/N)?": (
        "ChildOfferedReturnInterviewAfterLastMFH",),
    "Did the child accept the offer of a Return Interview after their last missing episode (Y/N)?": (
        "Did the child accept a Return Interview after their last missing episode" + _YN,
        "ChildAcceptedReturnInterviewAfterLastMFH"),
    # list 9
    "UASC, or formerly UASC if 18 or over (Y/N)": (
        "UASC", "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over" + _YN),
    "Allocated Personal Advisor": ("Allocated Personal Adviser", "AllocatedPersonalAdvisor", "Personal Advisor",
                                   "Personal Adviser"),
    "Eligibility Category": ("EligibilityCategory", "Eligibility"),
    "Latest Pathway Plan Review Date": ("LatestPathwayPlan", "Pathway Plan Review Date"),
    "LA in Touch": ("LAInTouch", "In Touch"),
    "Latest Date of Contact": ("LatestContact", "Latest Contact Date", "Date of Latest Contact"),
    "Type of Accommodation": ("TypeOfAccommodation", "Accommodation Type", "Accommodation"),
    "Suitability of Accommodation": ("SuitabilityOfAccommodation", "Accommodation Suitability", "Suitability"),
    "Activity Status": ("ActivityStatus", "Activity", "Main Activity"),
    # list 10
    "Family identifier": ("FamilyID", "Family ID"),
    "Date the Child Entered Care": ("EnteredCareDate", "Date Entered Care"),
    "Date of Decision that Child Should be Placed for Adoption": ("ADMSHOBPADecisionDate", "SHOBPA Decision Date"),
    "Date of Placement Order": ("PlacementOrderDate", "Placement Order Date"),
    "Date of Matching Child and Prospective Adopters": ("MatchedForAdoptionDate", "Date of Matching"),
    "Date Placed for Adoption": ("PlacedForAdoptionDate",),
    "Date of Adoption Order": ("AdoptionOrderDate", "Adoption Order Date"),
    "Date of Decision that Child Should No Longer be Placed for Adoption": ("DecisionReversedDate",),
    "Reason Why Child No Longer Placed for Adoption": ("DecisionReversedReason",),
    "Date the child was placed for fostering in FFA or concurrent planning placement": (
        "DateFFAConsurrencyPlacement", "DateFFAConcurrencyPlacement"),
    # list 11
    "Individual adopter identifier": ("AdopterID", "Adopter ID", "Adopter Identifier"),
    "Disability": ("HasDisability", "Adopter Disability"),
    "Is the (prospective) adopter fostering for adoption?": ("AdoptedByCarer", "Fostering for Adoption"),
    "Date enquiry received": ("EnquiryDate", "Enquiry Date"),
    "Date Stage 1 started": ("Stage1StartDate",),
    "Date Stage 1 ended": ("Stage1EndDate",),
    "Date Stage 2 started": ("Stage2StartDate",),
    "Date Stage 2 ended": ("Stage2EndDate",),
    "Date application submitted": ("ApplicationDate",),
    "Date application approved": ("ApplicationApprDate",),
    "Date adopter matched with child(ren)": ("MatchedDate",),
    "Date child/children placed with adopter(s)": ("PlacedDate",),
    "No. of children placed": ("NumSiblingsPlaced", "Number of children placed"),
    "Date of leaving adoption process": ("AdoptionLeaveDate",),
    "Reason for leaving adoption process": ("AdoptingLeaveReason",),
}

# canonical heading -> pattern on the heading's words (see module docstring)
HEADING_PATTERNS = {
    "Child Unique ID": r"\bchilds?\b.*\b(id|identifier)\b|\b(id|identifier)\b.*\bchilds?\b",
    "Date of Birth": r"\bdate of birth\b|\bbirth date\b",
    "Age of Child (Years)": r"^age\b",
    "Date of Contact": r"\bdate\b.*\bcontact\b",
    "Contact Source": r"\bcontact\b.*\bsource\b",
    "Date of referral": r"\bdate\b.*\breferral\b|\breferral date\b",
    "Referral Source": r"\breferral\b.*\bsource\b",
    "Was the child assessed as requiring LA children's social care support?":
        r"\bassessed as requiring\b|\bsocial care support\b",
    "Strategy discussion initiating Section 47 Enquiry Start Date": r"\bstrategy discussion\b",
    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)":
        r"\bemergency protection order\b",
    "UASC within the Last 12 Months (Y/N)": r"\bunaccompanied asylum seeking\b|^uasc\b",
    "UASC, or formerly UASC if 18 or over (Y/N)": r"\bunaccompanied asylum seeking\b|^uasc\b",
    "Is this a second or subsequent period of being looked after within the last 12 months (Y/N)":
        r"\bsecond or subsequent\b",
    "Child's Category of Need": r"\bcategory of need\b",
    "Child's Legal Status": r"\blegal status$",
    "Placement Location (In/Out of LA area)": r"^placement location\b",
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months":
        r"\bepisodes?\b.*\bmissing\b",
    "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months":
        r"\bepisodes?\b.*\babsent\b",
    "Was the child offered a Return Interview after their last missing episode (Y/N)?":
        r"\boffered\b.*\breturn interview\b",
    "Did the child accept the offer of a Return Interview after their last missing episode (Y/N)?":
        r"\baccept(ed)?\b.*\breturn interview\b",
    "Eligibility Category": r"^eligib",
    "LA in Touch": r"\bin touch\b",
    "Type of Accommodation": r"\btype of accomm?odation\b|\baccomm?odation type\b",
    "Suitability of Accommodation": r"\bsuitab",
    "Activity Status": r"^activity\b",
}
