"""Caseloads (design §2): what each Annex A extract says about who holds which case, stored per upload by the
deriver (extract_hooks.py), with the council's matches of extract workers to staff records and its targets."""

from django.conf import settings
from django.db import models

from triangulate.people.models import Council, StaffMember, Team


class CaseKind(models.TextChoices):
    ASSESSMENT = "assessment", "Assessment in progress"
    S47 = "s47", "Section 47 enquiry in progress"
    CIN = "cin", "Child in need"
    CP = "cp", "Child protection plan"
    CLA = "cla", "Child in care"
    CARE_LEAVER = "care_leaver", "Care leaver"


# the kinds in the caseload figure (design §2.2: as kpis' avg_caseload counts); the others are weighed as work
CASELOAD_KINDS = (CaseKind.CIN, CaseKind.CP, CaseKind.CLA)


class CaseloadSnapshot(models.Model):
    """Who held which case on an extract's date: one per upload, written in the import's transaction."""

    upload = models.OneToOneField("datasets.Upload", on_delete=models.CASCADE, related_name="caseload_snapshot")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    as_at = models.DateField()  # the extract's date
    # flags the extract could not tell (a missing column): {"court": "no Child's Legal Status column", ...}
    unknown_flags = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-as_at", "-pk"]


class AllocatedCase(models.Model):
    """One open case of one child with one worker (worker "" when unallocated). `child_ref` is the extract's Child
    Unique ID, kept to place a manager's weight override; flags are None where the extract could not tell."""

    snapshot = models.ForeignKey(CaseloadSnapshot, on_delete=models.CASCADE, related_name="cases")
    child_ref = models.CharField(max_length=64)
    kind = models.CharField(max_length=16, choices=CaseKind.choices)
    worker = models.CharField(max_length=255, blank=True)  # as the extract gives it, trimmed, single spaces
    team = models.CharField(max_length=255, blank=True)  # the extract's team name, likewise
    court = models.BooleanField(null=True)
    missing = models.BooleanField(null=True)
    disability = models.BooleanField(null=True)
    out_of_area = models.BooleanField(null=True)
    # another child with the same worker shares the child's list 10 family identifier (the only family Annex A
    # names); False where no family is known, since a sibling group lightens a case (extract_hooks.py)
    sibling = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["snapshot", "worker"]), models.Index(fields=["snapshot", "team"])]


class WorkerMatch(models.Model):
    """Which staff record an extract's worker means (design §2.3). Without a row, a staff member whose reference,
    else whose full name, is the same (ignoring case and spaces) and unique is the match; a row wins over that, and
    a row with `not_staff` says the worker deliberately matches no one (a duty inbox, a locum without a record)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    extract_name = models.CharField(max_length=255)
    key = models.CharField(max_length=255)  # datasets.teams.selectors.name_key(extract_name)
    staff = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    not_staff = models.BooleanField(default=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["council", "key"], name="worker_match_key_unique"),
            models.CheckConstraint(condition=models.Q(staff__isnull=True) | models.Q(not_staff=False),
                                   name="worker_match_staff_or_not_staff"),
        ]


class CaseloadTarget(models.Model):
    """The council's default (team null; seed 003's 24) or a team's own average caseload target and maximum."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    team = models.OneToOneField(Team, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    average = models.DecimalField(max_digits=4, decimal_places=1)
    maximum = models.PositiveSmallIntegerField(null=True, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council"], condition=models.Q(team__isnull=True),
                                               name="caseload_target_one_default")]
