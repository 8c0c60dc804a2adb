"""The council, its structure, its staff and the accounts they sign in with."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from triangulate.core.concurrency import Versioned
from triangulate.core.roles import Role


class Region(models.TextChoices):
    NORTH_EAST = "north_east", "North East"
    NORTH_WEST = "north_west", "North West"
    YORKSHIRE = "yorkshire_and_the_humber", "Yorkshire and The Humber"
    EAST_MIDLANDS = "east_midlands", "East Midlands"
    WEST_MIDLANDS = "west_midlands", "West Midlands"
    EAST = "east_of_england", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"


la_code_validator = RegexValidator(r"^\d{3}$", "A DfE local authority code is 3 digits, for example 929")


class Council(Versioned):
    name = models.CharField(max_length=120)
    la_code = models.CharField("DfE LA code", max_length=3, unique=True, validators=[la_code_validator])
    region = models.CharField(max_length=32, choices=Region.choices)

    def __str__(self):
        return self.name

    def population_for(self, year):
        row = self.populations.filter(year=year).first()
        return row.children_0_17 if row else None


class CouncilPopulation(models.Model):
    """Mid-year estimate of children aged 0 to 17: the denominator of every rate per 10,000."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="populations")
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    children_0_17 = models.PositiveIntegerField()

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["council", "year"], name="one_population_per_year")]


class StatisticalNeighbour(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="statistical_neighbours")
    rank = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(15)])
    name = models.CharField(max_length=120)
    la_code = models.CharField(max_length=3, validators=[la_code_validator])

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["council", "rank"], name="one_neighbour_per_rank"),
            models.UniqueConstraint(fields=["council", "la_code"], name="neighbour_listed_once"),
        ]


class ServiceArea(models.Model):
    """A service led by a head of service or service manager, e.g. "Safeguarding"."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="service_area_name_unique")]

    def __str__(self):
        return self.name


class Locality(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="localities")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "localities"
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="locality_name_unique")]

    def __str__(self):
        return self.name


class TeamType(models.TextChoices):
    FRONT_DOOR = "front_door", "Front door / MASH"
    ASSESSMENT = "assessment", "Assessment"
    LOCALITY_SAFEGUARDING = "locality_safeguarding", "Locality safeguarding"
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    ADOLESCENT = "adolescent", "Adolescent service"
    FOSTERING_ADOPTION = "fostering_adoption", "Fostering and adoption"
    EARLY_HELP = "early_help", "Early help"
    DISABLED_CHILDREN = "disabled_children", "Disabled children"
    OTHER = "other", "Other"


class Team(Versioned):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=120)
    team_type = models.CharField(max_length=32, choices=TeamType.choices)
    service_area = models.ForeignKey(ServiceArea, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="teams")
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.PROTECT, related_name="teams")
    # Funded posts (FTE): vacancies are the establishment less the FTE in post.
    establishment_fte = models.DecimalField(max_digits=5, decimal_places=1, default=0)
    # How the team is named in case-system extracts (Annex A "allocated team"), for matching.
    case_system_name = models.CharField(max_length=120, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="team_name_unique")]

    def __str__(self):
        return self.name


class StaffRole(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    ASYE = "asye", "Newly qualified social worker (ASYE)"
    SENIOR_PRACTITIONER = "senior_practitioner", "Senior or advanced practitioner"
    DEPUTY_TEAM_MANAGER = "deputy_team_manager", "Deputy team manager"
    TEAM_MANAGER = "team_manager", "Team manager"
    SERVICE_MANAGER = "service_manager", "Service manager"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    IRO = "iro", "Independent reviewing officer"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
    FAMILY_SUPPORT_WORKER = "family_support_worker", "Family support worker"
    AUDITOR = "auditor", "Auditor"
    PRINCIPAL_SOCIAL_WORKER = "principal_social_worker", "Principal social worker"
    DIRECTOR = "director", "Director"


# For listing a team: its leaders first, then practitioners, then support roles.
SENIORITY_ORDER = [StaffRole.DIRECTOR, StaffRole.HEAD_OF_SERVICE, StaffRole.SERVICE_MANAGER,
                   StaffRole.PRINCIPAL_SOCIAL_WORKER, StaffRole.TEAM_MANAGER, StaffRole.DEPUTY_TEAM_MANAGER,
                   StaffRole.SENIOR_PRACTITIONER, StaffRole.IRO, StaffRole.SOCIAL_WORKER, StaffRole.ASYE,
                   StaffRole.PERSONAL_ADVISER, StaffRole.AUDITOR, StaffRole.FAMILY_SUPPORT_WORKER]

# Roles that hold a social work caseload (the workforce KPIs count these).
CASE_HOLDING_ROLES = frozenset(
    {StaffRole.SOCIAL_WORKER, StaffRole.ASYE, StaffRole.SENIOR_PRACTITIONER, StaffRole.PERSONAL_ADVISER}
)


def check_asye_dates(start_date, started, completed, today=None):
    """The ASYE dates (workforce design §4) make sense: a completion needs a start and comes on or after it; neither
    is before the member of staff started here (their ASYE is the council's to follow) nor in the future (they are
    recorded when they happen). Errors are keyed by the field they name."""
    from django.core.exceptions import ValidationError

    today = today or timezone.localdate()
    errors = {}
    for name, day, what in (("asye_started_on", started, "The ASYE start date"),
                            ("asye_completed_on", completed, "The ASYE completion date")):
        if day is None:
            continue
        if day > today:
            errors[name] = f"{what} must be today or in the past"
        elif start_date and day < start_date:
            errors[name] = f"{what} must be on or after the start date"
    if completed is not None and started is None:
        errors.setdefault("asye_started_on", "Enter the ASYE start date: an ASYE with a completion date has started")
    elif completed is not None and completed < started:
        errors.setdefault("asye_completed_on", "The ASYE completion date must be on or after the ASYE start date")
    if errors:
        raise ValidationError(errors)


class StaffMemberQuerySet(models.QuerySet):
    def in_post_on(self, day):
        return self.filter(Q(start_date__lte=day), Q(leave_date__isnull=True) | Q(leave_date__gt=day))


class StaffMember(Versioned):
    class Employment(models.TextChoices):
        PERMANENT = "permanent", "Permanent"
        AGENCY = "agency", "Agency"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="staff")
    # The council's employee or case-system worker id; matches Annex A "allocated worker".
    staff_ref = models.CharField("staff reference", max_length=32)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    role = models.CharField(max_length=32, choices=StaffRole.choices)
    fte = models.DecimalField("FTE", max_digits=3, decimal_places=2, default=1,
                              validators=[MinValueValidator(0.01), MaxValueValidator(1)])
    employment = models.CharField(max_length=16, choices=Employment.choices, default=Employment.PERMANENT)
    start_date = models.DateField()
    leave_date = models.DateField(null=True, blank=True)
    # the assessed and supported year in employment (workforce design §3, §4): a protected caseload while it runs,
    # and the cohorts the principal social worker follows
    asye_started_on = models.DateField("ASYE started", null=True, blank=True)
    asye_completed_on = models.DateField("ASYE completed", null=True, blank=True)

    objects = StaffMemberQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "staff_ref"], name="staff_ref_unique"),
            models.CheckConstraint(condition=Q(leave_date__isnull=True) | Q(leave_date__gte=models.F("start_date")),
                                   name="staff_leaves_after_starting"),
        ]

    def __str__(self):
        return self.full_name

    def clean(self):
        super().clean()
        check_asye_dates(self.start_date, self.asye_started_on, self.asye_completed_on)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    def is_in_post(self, day=None):
        day = day or timezone.localdate()
        return self.start_date <= day and (self.leave_date is None or self.leave_date > day)

    def current_team(self, day=None):
        membership = self.memberships.current(day).select_related("team").first()
        return membership.team if membership else None


class TeamMembershipQuerySet(models.QuerySet):
    def current(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(start_date__lte=day), Q(end_date__isnull=True) | Q(end_date__gt=day))


class TeamMembership(models.Model):
    """A spell of a member of staff in a team; the history of moves between teams."""

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="memberships")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)  # exclusive: the first day no longer in the team

    objects = TeamMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
                                   name="membership_ends_after_starting"),
        ]


class UserProfile(Versioned):
    """What an account may see and do: its access role, its member of staff and its scope."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=32, choices=Role.choices, blank=True)
    staff = models.OneToOneField(StaffMember, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="account")
    # Extra scope beyond the staff member's own team (e.g. a manager covering a second team).
    teams = models.ManyToManyField(Team, blank=True, related_name="+")
    service_areas = models.ManyToManyField(ServiceArea, blank=True, related_name="+")
    # Time-limited accounts (inspectors) stop working at this moment.
    expires_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user} ({self.get_role_display() or 'no role'})"

    def is_current(self):
        return self.expires_at is None or self.expires_at > timezone.now()
