"""The defaults a council starts from (design §3, §5.1): a weighting scheme after the common design in
domain-research §7, and the health check's themes and questions after seed 003 and the LGA health check. Each is
copied into the council's own records, which it then edits."""

from decimal import Decimal

from triangulate.people.models import StaffRole

from .models import CaseKind, HealthTheme, Modifier

CASE_POINTS = {CaseKind.ASSESSMENT: Decimal("2"), CaseKind.S47: Decimal("2.5"), CaseKind.CIN: Decimal("1.5"),
               CaseKind.CP: Decimal("2.5"), CaseKind.CLA: Decimal("2"), CaseKind.CARE_LEAVER: Decimal("1")}
MODIFIER_POINTS = {Modifier.COURT: Decimal("1.5"), Modifier.MISSING: Decimal("1"), Modifier.DISABILITY: Decimal("0.5"),
                   Modifier.OUT_OF_AREA: Decimal("0.5"), Modifier.SIBLING: Decimal("-0.5")}
# points at 1.0 FTE; an ASYE's are scaled by the scheme's ASYE rule (protected caseloads)
ROLE_CAPACITY = {StaffRole.SOCIAL_WORKER: Decimal("40"), StaffRole.SENIOR_PRACTITIONER: Decimal("36"),
                 StaffRole.ASYE: Decimal("40"), StaffRole.PERSONAL_ADVISER: Decimal("50")}
CASELOAD_TARGET = Decimal("24")  # seed 003: "aiming to maintain an average caseload of 24"
CASELOAD_MAXIMUM = 30

# (theme, key, text) — agree questions; each theme ends with its comment question (design §5.1)
HEALTH_QUESTIONS = (
    (HealthTheme.WORKLOAD, "workload-manageable", "My workload is manageable."),
    (HealthTheme.WORKLOAD, "work-life-balance", "I can keep a healthy balance between work and the rest of my life."),
    (HealthTheme.WORKLOAD, "time-for-direct-work", "I have enough time for direct work with children and families."),
    (HealthTheme.SAFEGUARDING, "confident-safeguarding", "I am confident in how the council safeguards children."),
    (HealthTheme.SAFEGUARDING, "decisions-consistent", "Decisions about children's safety are made consistently."),
    (HealthTheme.SAFEGUARDING, "raise-concerns", "I can raise a concern about practice and it is acted on."),
    (HealthTheme.COMMUNICATION, "kept-informed", "I am kept informed about changes that affect my work."),
    (HealthTheme.COMMUNICATION, "information-shared", "Information I need is shared with me in good time."),
    (HealthTheme.COMMUNICATION, "leaders-visible", "Senior leaders are visible and approachable."),
    (HealthTheme.HAVING_A_SAY, "views-sought", "My views are sought on how services are run."),
    (HealthTheme.HAVING_A_SAY, "views-make-difference", "When I give my views, they make a difference."),
    (HealthTheme.HAVING_A_SAY, "feel-valued", "I feel valued by the council."),
    (HealthTheme.SUPERVISION, "regular-supervision", "I receive regular, planned supervision."),
    (HealthTheme.SUPERVISION, "reflective-supervision", "My supervision helps me reflect on my practice."),
    (HealthTheme.SUPERVISION, "manager-available", "My manager is available when I need advice."),
    (HealthTheme.SUPPORT, "training-available", "I can get the training I need for my role."),
    (HealthTheme.SUPPORT, "career-development", "I have opportunities to develop my career here."),
    (HealthTheme.SUPPORT, "wellbeing-supported", "The council supports my wellbeing."),
)
COMMENT_QUESTION = ("comments", "Is there anything else you would like to tell us?")

# a health theme's practice theme (core themes' slugs), for findings and evidence packs (design §5.4, §5.5)
PRACTICE_THEME = {HealthTheme.WORKLOAD: "workforce-and-caseloads",
                  HealthTheme.SUPERVISION: "management-oversight-and-supervision",
                  HealthTheme.SAFEGUARDING: "leadership", HealthTheme.COMMUNICATION: "leadership",
                  HealthTheme.HAVING_A_SAY: "leadership", HealthTheme.SUPPORT: "workforce-and-caseloads"}
