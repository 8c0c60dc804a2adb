"""The councillor view: about ten headline measures in plain English, with what good looks like.

Elected members scrutinise children's services a few times a year and are not social workers: the
catalogue's titles ("ICPCs within 15 working days of the strategy discussion") and its 74 rows are for
the service. These are the measures a corporate parenting or scrutiny committee is usually shown
(the front door, timeliness, child protection, children in care and care leavers, and workload), each
named and explained in a sentence a member of the public could follow. Figures come from the scorecard
(scorecard.py), so they are the overview's figures after the same disclosure control.
"""

from dataclasses import dataclass

from triangulate.kpis.registry import all_kpis


@dataclass(frozen=True)
class Headline:
    kpi_id: str
    name: str  # the measure in plain words
    about: str  # one sentence: what it tells a councillor


HEADLINES = (
    Headline("referrals_rate", "Children referred to children's social care",
             "How many children were referred to the council's social workers over the year, for every 10,000 "
             "children living in the area."),
    Headline("rereferral_pct", "Children referred again within a year",
             "Of the referrals, the share for a child already referred in the year before: a sign that earlier "
             "help did not last."),
    Headline("assessments_within_45wd_pct", "Assessments finished on time",
             "The share of social work assessments finished within the legal limit of 45 working days, so "
             "families are not left waiting to know what help they will get."),
    Headline("icpc_within_15wd_pct", "Child protection conferences held on time",
             "The share of first child protection conferences held within 15 working days of the decision to "
             "investigate, as the law expects."),
    Headline("cp_rate", "Children on a child protection plan",
             "How many children have a child protection plan today, for every 10,000 children living in the "
             "area."),
    Headline("cp_repeat_pct", "Children on a child protection plan for a second time",
             "Of the plans started over the year, the share for a child who had been on a plan before."),
    Headline("cp_visits_in_timescale_pct", "Children on a plan visited on time",
             "The share of children on a child protection plan whose social worker has visited them as often "
             "as the council's standard requires."),
    Headline("cla_rate", "Children in the council's care",
             "How many children the council looks after today, for every 10,000 children living in the area."),
    Headline("cla_long_term_stability_pct", "Children in care settled in one home",
             "Of children under 16 who have been in care for two and a half years or more, the share who have "
             "lived in the same home for at least two years."),
    Headline("cl_eet_pct", "Care leavers in education, work or training",
             "The share of young people aged 19 to 21 who left the council's care and are in education, "
             "employment or training."),
    Headline("avg_caseload", "Social workers' caseloads",
             "The average number of children each social worker with cases is working with today."),
)

GOOD = {"higher": "Higher is better", "lower": "Lower is better",
        "contextual": "Neither higher nor lower is better in itself"}


def headlines():
    """The headline measures whose KPI is in the catalogue, with their specs: [(Headline, KpiSpec)]."""
    specs = all_kpis()
    return [(h, specs[h.kpi_id]) for h in HEADLINES if h.kpi_id in specs]


def what_good_looks_like(spec, england, benchmark_text):
    """"Higher is better; England 2024-25: 85.7%", without England when there is no figure for it.
    `benchmark_text(spec, value)` writes England's figure as the scorecard does."""
    text = GOOD[spec.polarity]
    if england is not None and england.value is not None:
        per = " per 10,000 children" if spec.unit == "rate" else ""
        text += f"; England {england.year}: {benchmark_text(spec, england.value)}{per}"
    return text
