"""The canonical Annex A tables (contract: shared/design/annex-a.md).

Each list becomes one table whose columns are the keys below. Column kinds:
- id:    child or person identifier, text ("1761444.0" and "1761444" are the same child)
- text:  free text, trimmed, non-breaking spaces read as spaces
- code:  a coded value read against its column's code set (codesets/) to the canonical code
         ("V2: Single period ..." -> "V2", "c) Child in need plan" -> "CIN plan")
- yesno: a code set whose values are Yes / No / Unknown ("a. Yes", "Y", "Seen alone" -> "Yes")
- date:  a date (dd/mm/yyyy, ISO, Excel serial or a real date cell)
- int:   a whole number

Every table also carries `source_row`: the row number in the sheet or file (the heading is row 1).

`required` columns (the list's id and its defining date) must be in the file; any other absent column
is null-filled and the KPIs needing it are null. Headings are matched by headings.py, with the other
names of each column kept in heading_variants.py (``Column.aliases``).
"""

from dataclasses import dataclass

from .heading_variants import HEADING_VARIANTS


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    kind: str = "text"
    required: bool = False
    # every row needs a value here (an empty cell is a data-quality issue; the row is left out of KPIs using it)
    needed: bool = False
    # the code set (codesets.py) a code/yesno column's values are read against; None for other kinds
    codeset: str | None = None

    @property
    def aliases(self):
        """Other headings seen in councils' files for this column (heading_variants.py)."""
        return HEADING_VARIANTS.get(self.heading, ())


@dataclass(frozen=True)
class ListSpec:
    number: int
    topic: str
    columns: tuple

    @property
    def keys(self):
        return [c.key for c in self.columns]

    def column(self, key):
        return next(c for c in self.columns if c.key == key)


CHILD = (
    Column("child_id", "Child Unique ID", "id", required=True, needed=True),
    Column("gender", "Gender", "code", codeset="gender"),
    Column("ethnicity", "Ethnicity", "code", codeset="ethnicity"),
    Column("date_of_birth", "Date of Birth", "date"),
    Column("age", "Age of Child (Years)", "int"),
)
ALLOCATED = (
    Column("allocated_team", "Allocated Team", "text"),
    Column("allocated_worker", "Allocated Worker", "text"),
)
DISABILITY = Column("disability", "Does the Child have a Disability", "yesno", codeset="disability")

LISTS = {
    1: ListSpec(1, "Contacts", CHILD + (
        Column("contact_date", "Date of Contact", "date", required=True, needed=True),
        Column("contact_source", "Contact Source", "code", codeset="source"),
    )),
    2: ListSpec(2, "Early help", CHILD + (
        Column("eh_assessment_start", "Assessment start date", "date", required=True, needed=True),
        Column("eh_assessment_completion", "Assessment completion date", "date"),
        Column("eh_organisation", "Organisation completing assessment", "text"),
    )),
    3: ListSpec(3, "Referrals", CHILD + ALLOCATED + (
        Column("referral_date", "Date of referral", "date", required=True, needed=True),
        Column("referral_source", "Referral Source", "code", codeset="source"),
        Column("referral_nfa", "Referral NFA?", "yesno", codeset="referral_nfa"),
        Column("referrals_last_12m", "Number of Referrals in Last 12 Months", "int"),
    )),
    4: ListSpec(4, "Assessments", CHILD + ALLOCATED + (
        DISABILITY,
        Column("assessment_start", "Continuous Assessment Start Date", "date", required=True, needed=True),
        Column("child_seen", "Child Seen During Continuous Assessment", "yesno", codeset="seen"),
        Column("assessment_authorised", "Continuous Assessment Date of Authorisation", "date"),
        Column("assessment_needs_support", "Was the child assessed as requiring LA children's social care support?",
               "yesno", codeset="yesno"),
    )),
    5: ListSpec(5, "Section 47 enquiries and ICPCs", CHILD + ALLOCATED + (
        DISABILITY,
        Column("s47_start", "Strategy discussion initiating Section 47 Enquiry Start Date", "date", required=True, needed=True),
        Column("icpc_unnecessary", "Was an Initial Child Protection Conference deemed unnecessary?", "yesno",
               codeset="yesno"),
        Column("icpc_date", "Date of Initial Child Protection Conference", "date"),
        Column("icpc_to_cp", "Did the Initial Child Protection Conference Result in a Child Protection Plan",
               "yesno", codeset="yesno"),
        Column("s47_last_12m", "Number of Section 47 Enquiries in the last 12 months", "int"),
        Column("icpc_last_12m", "Number of ICPCs in the last 12 months", "int"),
    )),
    6: ListSpec(6, "Children in need", CHILD + ALLOCATED + (
        DISABILITY,
        Column("cin_start", "CIN Start Date", "date", required=True, needed=True),
        Column("primary_need", "Primary Need Code", "code", codeset="primary_need"),
        Column("last_seen", "Date Child Was Last Seen", "date"),
        Column("cin_closure", "CIN Closure Date", "date"),
        Column("closure_reason", "Reason for Closure", "code", codeset="closure_reason"),
        Column("case_status", "Case Status", "code", codeset="case_status"),
    )),
    7: ListSpec(7, "Child protection", CHILD + ALLOCATED + (
        DISABILITY,
        Column("cp_start", "Child Protection Plan Start Date", "date", required=True, needed=True),
        Column("initial_category", "Initial Category of Abuse", "code", codeset="abuse_category"),
        Column("latest_category", "Latest Category of Abuse", "code", codeset="abuse_category"),
        Column("last_visit", "Date of the Last Statutory Visit", "date"),
        Column("seen_alone", "Was the Child Seen Alone?", "yesno", codeset="seen_alone"),
        Column("latest_review", "Date of latest review conference", "date"),
        Column("cp_end", "Child Protection Plan End Date", "date"),
        Column("epo_last_6m", "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
               "Months (Y/N)", "yesno", codeset="yesno"),
        Column("previous_cp_plans", "Number of Previous Child Protection Plans", "int"),
    )),
    8: ListSpec(8, "Children in care", CHILD + ALLOCATED + (
        Column("uasc", "UASC within the Last 12 Months (Y/N)", "yesno", codeset="uasc"),
        DISABILITY,
        Column("cla_start", "Date Started to be Looked After", "date", required=True, needed=True),
        Column("category_of_need", "Child's Category of Need", "code", codeset="category_of_need"),
        Column("second_period_12m", "Is this a second or subsequent period of being looked after within the last "
               "12 months (Y/N)", "yesno", codeset="yesno"),
        Column("legal_status_start", "Start date of current legal status", "date"),
        Column("legal_status", "Child's Legal Status", "code", codeset="legal_status"),
        Column("latest_review", "Date of Latest Statutory Review", "date"),
        Column("last_visit", "Date of Last Social Work Visit", "date"),
        Column("permanence_plan", "What is the permanence plan for this child?", "text"),
        Column("last_iro_contact", "Date of Last IRO Visit / Contact to the Child", "date"),
        Column("last_health_assessment", "Date of Last Health Assessment", "date"),
        Column("last_dental_check", "Date of Last Dental Check", "date"),
        Column("placements_last_12m", "Number of Placements in the Last 12 months", "int"),
        Column("cla_end", "Date Ceased to be Looked After", "date"),
        Column("reason_ceased", "Reason Ceased to be Looked After", "code", codeset="reason_ceased"),
        Column("placement_start", "Start Date of Most Recent Placement", "date"),
        Column("placement_type", "Placement Type", "code", codeset="placement_type"),
        Column("placement_provider", "Placement Provider", "code", codeset="placement_provider"),
        Column("placement_postcode", "Placement postcode", "text"),
        Column("placement_urn", "URN of Placement", "text"),
        Column("placement_location", "Placement Location (In/Out of LA area)", "code",
               codeset="placement_location"),
        Column("placement_la", "LA of Placement", "text"),
        Column("missing_episodes_12m", "Number of Episodes the Child has been 'Missing' from their Placement in "
               "the last 12 months", "int"),
        Column("absent_episodes_12m", "Number of Episodes the Child has been 'Absent' from their Placement in "
               "the last 12 months", "int"),
        Column("return_interview_offered", "Was the child offered a Return Interview after their last missing "
               "episode (Y/N)?", "yesno", codeset="return_offered"),
        Column("return_interview_accepted", "Did the child accept the offer of a Return Interview after their last "
               "missing episode (Y/N)?", "yesno", codeset="return_accepted"),
    )),
    9: ListSpec(9, "Care leavers", CHILD + ALLOCATED + (
        Column("uasc", "UASC, or formerly UASC if 18 or over (Y/N)", "yesno", codeset="uasc"),
        DISABILITY,
        Column("personal_adviser", "Allocated Personal Advisor", "text"),
        Column("eligibility", "Eligibility Category", "code", codeset="eligibility"),
        Column("pathway_plan_review", "Latest Pathway Plan Review Date", "date"),
        Column("in_touch", "LA in Touch", "code", codeset="in_touch"),
        Column("latest_contact", "Latest Date of Contact", "date"),
        Column("accommodation_type", "Type of Accommodation", "code", codeset="accommodation_type"),
        Column("accommodation_suitability", "Suitability of Accommodation", "code",
               codeset="accommodation_suitability"),
        Column("activity", "Activity Status", "code", codeset="activity"),
    )),
    10: ListSpec(10, "Adoption", CHILD + (
        Column("family_id", "Family identifier", "id"),
        DISABILITY,
        Column("entered_care", "Date the Child Entered Care", "date"),
        Column("adoption_decision", "Date of Decision that Child Should be Placed for Adoption", "date"),
        Column("placement_order", "Date of Placement Order", "date"),
        Column("matching", "Date of Matching Child and Prospective Adopters", "date"),
        Column("placed_for_adoption", "Date Placed for Adoption", "date"),
        Column("adoption_order", "Date of Adoption Order", "date"),
        Column("no_longer_adoption_decision", "Date of Decision that Child Should No Longer be Placed for Adoption",
               "date"),
        Column("no_longer_adoption_reason", "Reason Why Child No Longer Placed for Adoption", "code", codeset="adoption_stopped_reason"),
        Column("ffa_placement", "Date the child was placed for fostering in FFA or concurrent planning placement",
               "date"),
    )),
    11: ListSpec(11, "Adopters", (
        Column("adopter_id", "Individual adopter identifier", "id", required=True, needed=True),
        Column("family_id", "Family identifier", "id"),
        Column("gender", "Gender", "code", codeset="gender"),
        Column("ethnicity", "Ethnicity", "code", codeset="ethnicity"),
        Column("disability", "Disability", "yesno", codeset="disability"),
        Column("ffa", "Is the (prospective) adopter fostering for adoption?", "yesno", codeset="yesno"),
        Column("enquiry", "Date enquiry received", "date"),
        Column("stage1_start", "Date Stage 1 started", "date"),
        Column("stage1_end", "Date Stage 1 ended", "date"),
        Column("stage2_start", "Date Stage 2 started", "date"),
        Column("stage2_end", "Date Stage 2 ended", "date"),
        Column("application_submitted", "Date application submitted", "date"),
        Column("application_approved", "Date application approved", "date"),
        Column("matched", "Date adopter matched with child(ren)", "date"),
        Column("placed", "Date child/children placed with adopter(s)", "date"),
        Column("children_placed", "No. of children placed", "int"),
        Column("adoption_order", "Date of Adoption Order", "date"),
        Column("left_process", "Date of leaving adoption process", "date"),
        Column("left_reason", "Reason for leaving adoption process", "text"),
    )),
}

# The lists that carry Allocated Team (kpis.md "Breakdowns": 3-9): only they can be broken down by team.
TEAM_LISTS = frozenset(n for n, spec in LISTS.items() if "allocated_team" in spec.keys)
