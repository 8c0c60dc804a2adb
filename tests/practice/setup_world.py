"""A planning week for the setup pages' tests (slice S1a-setup): organised by a QA lead, with no teams or assessors
yet, the default headings, and a team whose manager has an account."""

from datetime import date
from decimal import Decimal

from triangulate.core.roles import Role

from ..factories import StaffFactory, TeamFactory, add_to_team, make_user
from .factories import make_event


class SetupWorld:
    def __init__(self):
        self.qa = make_user(Role.QA_LEAD, username="qa", first_name="Quinn", last_name="Lead")
        self.team = TeamFactory(name="Safeguarding West 1", establishment_fte=Decimal("6"))
        council = self.team.council
        self.manager_staff = StaffFactory(council=council, role="team_manager", first_name="Tess",
                                          last_name="Manager")
        add_to_team(self.manager_staff, self.team)
        for _ in range(3):
            add_to_team(StaffFactory(council=council, role="social_worker"), self.team)
        add_to_team(StaffFactory(council=council, role="asye"), self.team)
        self.manager = make_user(Role.TEAM_MANAGER, staff=self.manager_staff, username="tess",
                                 first_name="Tess", last_name="Manager")
        self.second = TeamFactory(council=council, name="Safeguarding North 1")
        self.third = TeamFactory(council=council, name="Children in Care South")
        self.auditor = make_user(Role.AUDITOR, username="ada", first_name="Ada", last_name="Auditor")
        self.psw = make_user(Role.PRINCIPAL_SOCIAL_WORKER, username="pam", first_name="Pam", last_name="Psw")
        self.event = make_event(council=council, organisers=[self.qa], title="Practice week, spring 2027",
                                starts_on=date(2027, 3, 1), ends_on=date(2027, 3, 5), created_by=self.qa)
