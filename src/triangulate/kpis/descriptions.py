"""Every KPI in plain English, for the top of its page (no Django).

kpis.md states each KPI's rule for analysts ("of `cla_open`, % with legal status V2"); a head of
service, a councillor or an inspector needs the same rule in words: what is measured, what is counted
(the numerator), out of what (the denominator), and whether higher or lower is better. The words here
follow kpis.md's rules and the definitions' own choices (kpis/definitions/*), not a looser paraphrase:
tests/kpis/test_descriptions.py checks every KPI in the catalogue has one.

Rates per 10,000 children are described from the counts they are made of (registry.py derives them the
same way).

    describe(spec) -> Description(summary, numerator, denominator, better)
"""

from dataclasses import dataclass

# "period": the page says which one (the 12 months to an extract, one month, or an extract's own date)
_WD = "working days (Monday to Friday, not counting bank holidays in England)"


@dataclass(frozen=True)
class Description:
    summary: str  # what the measure is and why it matters, in a sentence or two
    numerator: str  # what is counted
    denominator: str = ""  # out of what ("" for a count, whose value is the number counted)
    better: str = ""  # which way is better, in words (from the KPI's polarity)


BETTER = {
    "higher": "Higher is better.",
    "lower": "Lower is better.",
    "contextual": "Neither higher nor lower is better in itself: read it with what lies behind it.",
}

# id: (summary, numerator, denominator)
_TEXT = {
    # ---- front door
    "contacts": ("How many contacts the front door received.",
                 "Contacts dated in the period (list 1)."),
    "referrals": ("How many referrals children's social care received.",
                  "Referrals dated in the period (list 3)."),
    "referrals_per_100_contacts": ("How many contacts became referrals: referrals for every 100 contacts.",
                                   "Referrals dated in the period.", "Contacts dated in the period, per 100."),
    "rereferral_pct": ("How often a child comes back: the share of referrals for a child already referred in the "
                       "12 months before.",
                       "Referrals where the same child had another referral in the 12 months before it, or the "
                       "extract says they had more than one referral in the last 12 months.",
                       "Referrals dated in the period."),
    "referral_nfa_pct": ("The share of referrals that ended with no further action.",
                         "Referrals marked no further action.", "Referrals dated in the period."),
    # ---- assessments
    "assessments_completed": ("How many social work assessments were completed (authorised).",
                              "Assessments authorised in the period (each assessment, not each child)."),
    "assessments_within_45wd_pct": (
        "Whether assessments are finished in time: the statutory limit is 45 working days from the start "
        "of the assessment to its authorisation.",
        f"Assessments authorised within 45 {_WD} of their start.",
        "Assessments authorised in the period that have a start date."),
    "assessment_median_wd": (
        "How long a typical assessment takes: half took this many working days or fewer, half took more.",
        f"The middle value of the {_WD} from each assessment's start to its authorisation.",
        "Assessments authorised in the period that have a start date."),
    "assessments_child_seen_pct": ("Whether the child was seen during their assessment.",
                                   "Assessments where the child was seen.",
                                   "Assessments authorised in the period."),
    "assessments_no_support_pct": ("The share of assessments that found no need for children's social care "
                                   "support.",
                                   "Assessments recording no need for support.",
                                   "Assessments authorised in the period."),
    "assessments_open_over_45wd": ("Assessments still open that have already passed the 45 working-day limit.",
                                   f"Assessments started but not authorised by the end of the period, open for "
                                   f"more than 45 {_WD}."),
    # ---- section 47 and ICPC
    "s47_enquiries": ("How many section 47 child protection enquiries were started.",
                      "Enquiries whose strategy discussion is dated in the period (list 5)."),
    "icpcs": ("How many initial child protection conferences were held.",
              "Conferences dated in the period (list 5)."),
    "icpc_within_15wd_pct": (
        "Whether initial child protection conferences are held in time: within 15 working days of the "
        "strategy discussion that started the section 47 enquiry.",
        f"Conferences held within 15 {_WD} of the strategy discussion.",
        "Conferences held in the period on or after their strategy discussion."),
    "s47_to_icpc_pct": ("The share of section 47 enquiries that led to an initial child protection conference.",
                        "Enquiries with a conference date.", "Enquiries started in the period."),
    "icpc_to_cp_pct": ("The share of initial conferences that put the child on a child protection plan.",
                       "Conferences recorded as leading to a plan.", "Conferences held in the period."),
    # ---- children in need
    "cin_open": ("How many children were open as children in need at the end of the period.",
                 "Children with a child in need episode open at the end of the period (each child once)."),
    "cin_plan_seen_in_timescale_pct": (
        "Whether children on a child in need plan are being seen as often as the council's standard asks.",
        "Children last seen within the council's child in need visit standard (20 working days unless the "
        "council set another).",
        "Children on a child in need plan at the end of the period."),
    # ---- child protection
    "cp_open": ("How many children were on a child protection plan at the end of the period.",
                "Children with a plan open at the end of the period (each child once)."),
    "cp_starts": ("How many child protection plans started.", "Plans starting in the period."),
    "cp_repeat_pct": ("The share of new plans for a child who has been on a plan before.",
                      "Plans for a child with an earlier plan.", "Plans starting in the period."),
    "cp_ended": ("How many child protection plans ended.", "Plans ending in the period."),
    "cp_ended_2y_plus_pct": ("The share of plans that lasted two years or more by the time they ended.",
                             "Plans that had lasted two years or more.", "Plans ending in the period."),
    "cp_open_2y_plus": ("Plans that have been open for two years or more.",
                        "Plans open at the end of the period that started two years or more before it."),
    "cp_visits_in_timescale_pct": (
        "Whether children on a plan are visited as often as the council's standard asks.",
        "Plans whose last statutory visit was within the council's visit standard (10 working days unless "
        "the council set another).",
        "Plans open at the end of the period."),
    "cp_seen_alone_pct": ("Whether children on a plan were seen alone at their visits.",
                          "Plans where the child was seen alone.", "Plans open at the end of the period."),
    "cp_reviews_in_timescale_pct": (
        "Whether child protection plans are reviewed in time: the first review within 3 months of the "
        "plan starting, then at least every 6 months.",
        "Plans not overdue a review.", "Plans open at the end of the period."),
    # ---- children in care
    "cla_open": ("How many children were in the council's care at the end of the period (not counting short "
                 "breaks).",
                 "Children looked after at the end of the period (each child once)."),
    "cla_starts": ("How many times children started to be looked after.",
                   "Periods of care starting in the period."),
    "cla_ceased": ("How many times children stopped being looked after.", "Periods of care ending in the period."),
    "cla_3plus_placements_pct": ("Placement moves: the share of children in care who had three or more "
                                 "placements in the last 12 months.",
                                 "Children with 3 or more placements in the last 12 months.",
                                 "Children in care at the end of the period."),
    "cla_long_term_stability_pct": (
        "Long-term stability: of children under 16 in care for two and a half years or more, the share in "
        "the same placement for at least two years.",
        "Children whose current placement started two years or more before the end of the period.",
        "Children under 16 at the end of the period, in care for at least two and a half years."),
    "cla_reviews_in_timescale_pct": (
        "Whether children in care have their reviews in time: the first within 20 working days of coming "
        "into care, then at least every 6 months.",
        "Children not overdue a review.", "Children in care at the end of the period."),
    "cla_visits_in_timescale_pct": (
        "Whether children in care are visited by their social worker as often as the council's standard asks.",
        "Children whose last social work visit was within the council's standard (30 working days unless "
        "the council set another).",
        "Children in care at the end of the period."),
    "cla_health_assessment_pct": (
        "Whether children in care for a year or more have an up-to-date health assessment (within 12 "
        "months, or 6 months for a child under 5).",
        "Children with a health assessment in time.",
        "Children in care at the end of the period who had been in care for 12 months or more."),
    "cla_dental_check_pct": ("Whether children in care for a year or more have had a dental check in the last "
                             "12 months.",
                             "Children with a dental check in the last 12 months.",
                             "Children in care at the end of the period who had been in care for 12 months or "
                             "more."),
    "cla_missing_pct": ("The share of children in care who went missing at least once in the last 12 months.",
                        "Children with one or more missing episodes in the last 12 months.",
                        "Children in care at the end of the period."),
    "cla_out_of_area_pct": ("The share of children in care placed outside the council's own area.",
                            "Children placed out of the council's area.", "Children in care at the end of the "
                                                                           "period."),
    "cla_s20_pct": ("The share of children in care accommodated by agreement with their parents (section 20 of "
                    "the Children Act 1989) rather than under a court order.",
                    "Children with legal status V2 (section 20).", "Children in care at the end of the period."),
    "cla_uasc": ("How many children in care are unaccompanied asylum-seeking children.",
                 "Children in care at the end of the period recorded as unaccompanied asylum-seeking children."),
    # ---- care leavers
    "cl_19_21": ("How many care leavers aged 19 to 21 the council supports.",
                 "Care leavers aged 19, 20 or 21 at the end of the period (not counting those who have died, "
                 "no longer need support, or have gone home to their family for 6 months or more)."),
    "cl_in_touch_pct": ("Whether the council is in touch with its care leavers aged 19 to 21.",
                        "Care leavers the council is in touch with.", "Care leavers aged 19 to 21."),
    "cl_suitable_accommodation_pct": ("Whether care leavers aged 19 to 21 live in suitable accommodation.",
                                      "Care leavers in accommodation recorded as suitable.",
                                      "Care leavers aged 19 to 21."),
    "cl_eet_pct": ("Whether care leavers aged 19 to 21 are in education, employment or training.",
                   "Care leavers in education, employment or training (full or part time).",
                   "Care leavers aged 19 to 21."),
    "cl_pathway_plan_in_date_pct": ("Whether care leavers' pathway plans have been reviewed in the last 6 months.",
                                    "Care leavers whose latest pathway plan review was within 6 months of the end "
                                    "of the period.",
                                    "All care leavers in the extract (the same exclusions as the 19 to 21 count)."),
    # ---- adoption
    "adoption_orders": ("How many children were adopted.", "Adoption orders granted in the period (list 10)."),
    "a1_avg_days": ("How long, on average, children adopted waited from entering care to moving in with their "
                    "adoptive family (the A1 adoption scorecard measure).",
                    "Days from entering care to being placed for adoption (or an earlier fostering-for-adoption "
                    "placement), added up.",
                    "Children adopted in the period."),
    "a2_avg_days": ("How long, on average, it took from the court's placement order to matching the child with "
                    "their adoptive family (the A2 adoption scorecard measure).",
                    "Days from placement order to matching, added up.",
                    "Children adopted in the period with both dates."),
    # ---- caseloads
    "avg_caseload": ("The average number of children allocated to each worker with a case.",
                     "Children allocated to a named worker across open child in need, child protection and "
                     "children in care episodes (a child counts once for each worker).",
                     "Workers with at least one such child allocated."),
    "unallocated_open": ("Children with an open case and no allocated worker.",
                         "Children open at the end of the period as a child in need, on a plan or in care, with "
                         "no worker named on any of their open records."),
}

_POPULATION = "Children aged 0 to 17 living in the council's area (the ONS mid-year estimate), per 10,000"


def describe(spec):
    """The Description of a KPI spec; a rate's from its count's."""
    better = BETTER[spec.polarity]
    if spec.unit == "rate" and spec.id not in _TEXT:
        base = _TEXT[spec.of]
        annual = " A period shorter than a year is scaled up to a year." if spec.annualised else ""
        return Description(f"{base[0][:-1]}, for every 10,000 children in the area, so councils of different "
                           f"sizes can be compared.{annual}", base[1], _POPULATION + ".", better)
    summary, numerator, *rest = _TEXT[spec.id]
    return Description(summary, numerator, rest[0] if rest else "", better)


def described_ids():
    return set(_TEXT)
