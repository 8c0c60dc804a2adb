"""The shape of the synthetic demo council: service areas, localities and teams.

Each team template says which service area it sits in, its funded posts and the
mix of roles in post, so a generated council looks like the councils in the seeds
(locality safeguarding teams, a front door, children in care, an 18+ service...).
"""

from dataclasses import dataclass

from triangulate.people.models import StaffRole as R
from triangulate.people.models import TeamType as T

SERVICE_AREAS = (
    "Front door and assessment",
    "Safeguarding",
    "Children in care and care leavers",
    "Early help",
    "Disabled children",
    "Quality assurance and safeguarding standards",
    "Leadership",
)

LOCALITIES = ("North", "South", "East", "West", "Central", "Coast")


@dataclass(frozen=True)
class TeamTemplate:
    name: str
    team_type: str
    service_area: str
    # (role, how many in post when fully staffed), manager first
    roles: tuple
    per_locality: int = 0  # 0: one council-wide team; n: n teams in each locality


SOCIAL_WORK_TEAM = ((R.TEAM_MANAGER, 1), (R.DEPUTY_TEAM_MANAGER, 1), (R.SENIOR_PRACTITIONER, 1),
                    (R.SOCIAL_WORKER, 5), (R.ASYE, 1), (R.FAMILY_SUPPORT_WORKER, 1))

TEAMS = (
    TeamTemplate("Front Door and MASH", T.FRONT_DOOR, "Front door and assessment",
                 ((R.TEAM_MANAGER, 1), (R.DEPUTY_TEAM_MANAGER, 2), (R.SENIOR_PRACTITIONER, 2),
                  (R.SOCIAL_WORKER, 8), (R.FAMILY_SUPPORT_WORKER, 2))),
    TeamTemplate("Assessment {locality}", T.ASSESSMENT, "Front door and assessment", SOCIAL_WORK_TEAM, 1),
    TeamTemplate("Safeguarding {locality} {n}", T.LOCALITY_SAFEGUARDING, "Safeguarding", SOCIAL_WORK_TEAM, 2),
    TeamTemplate("Children in Care {half}", T.CHILDREN_IN_CARE, "Children in care and care leavers",
                 ((R.TEAM_MANAGER, 1), (R.DEPUTY_TEAM_MANAGER, 1), (R.SENIOR_PRACTITIONER, 1),
                  (R.SOCIAL_WORKER, 7), (R.ASYE, 1))),
    TeamTemplate("Care Leavers 18+", T.CARE_LEAVERS, "Children in care and care leavers",
                 ((R.TEAM_MANAGER, 1), (R.SENIOR_PRACTITIONER, 1), (R.SOCIAL_WORKER, 2), (R.PERSONAL_ADVISER, 8))),
    TeamTemplate("Adolescent Service", T.ADOLESCENT, "Safeguarding",
                 ((R.TEAM_MANAGER, 1), (R.SENIOR_PRACTITIONER, 1), (R.SOCIAL_WORKER, 6),
                  (R.FAMILY_SUPPORT_WORKER, 2))),
    TeamTemplate("Fostering", T.FOSTERING_ADOPTION, "Children in care and care leavers",
                 ((R.TEAM_MANAGER, 1), (R.SENIOR_PRACTITIONER, 1), (R.SOCIAL_WORKER, 7))),
    TeamTemplate("Adoption and Permanence", T.FOSTERING_ADOPTION, "Children in care and care leavers",
                 ((R.TEAM_MANAGER, 1), (R.SOCIAL_WORKER, 5))),
    TeamTemplate("Early Help {half}", T.EARLY_HELP, "Early help",
                 ((R.TEAM_MANAGER, 1), (R.SENIOR_PRACTITIONER, 1), (R.FAMILY_SUPPORT_WORKER, 9))),
    TeamTemplate("Disabled Children's Team", T.DISABLED_CHILDREN, "Disabled children",
                 ((R.TEAM_MANAGER, 1), (R.SENIOR_PRACTITIONER, 1), (R.SOCIAL_WORKER, 6), (R.ASYE, 1))),
    TeamTemplate("Independent Reviewing Service", T.OTHER, "Quality assurance and safeguarding standards",
                 ((R.TEAM_MANAGER, 1), (R.IRO, 8))),
    TeamTemplate("Quality Assurance", T.OTHER, "Quality assurance and safeguarding standards",
                 ((R.SERVICE_MANAGER, 1), (R.PRINCIPAL_SOCIAL_WORKER, 1), (R.AUDITOR, 3))),
    TeamTemplate("Senior Leadership", T.OTHER, "Leadership",
                 ((R.DIRECTOR, 1), (R.HEAD_OF_SERVICE, 2), (R.SERVICE_MANAGER, 5))),
)

# Share of posts filled, and share of social work posts filled by agency staff, by team type:
# front doors and assessment teams carry the most vacancies and agency workers.
FILL_RATE = {T.FRONT_DOOR: 0.85, T.ASSESSMENT: 0.82, T.LOCALITY_SAFEGUARDING: 0.86}
AGENCY_SHARE = {T.FRONT_DOOR: 0.25, T.ASSESSMENT: 0.3, T.LOCALITY_SAFEGUARDING: 0.2}
DEFAULT_FILL_RATE = 0.93
DEFAULT_AGENCY_SHARE = 0.08
AGENCY_ROLES = frozenset({R.SOCIAL_WORKER, R.SENIOR_PRACTITIONER, R.TEAM_MANAGER, R.PERSONAL_ADVISER, R.IRO})

# The story's strained locality and strong team (journeys/story.py) in the workforce: the strained
# locality's teams hold more vacancies, more agency staff and more leavers (scaled by the team's share of the
# strain: a children in care team for two localities gets half); the strong team is nearly fully staffed.
STRAIN_FILL_RATE = -0.2
STRAIN_AGENCY_SHARE = 0.3
STRAIN_TURNOVER = 0.25
STRONG_FILL_RATE = 0.98
STRONG_AGENCY_SHARE = 0.03
STRONG_TURNOVER = 0.12
