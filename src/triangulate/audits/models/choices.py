"""Choices shared by several audits models."""

from django.db import models


class CaseType(models.TextChoices):
    """The four plans a sampled child can be open on, in the fixed order sampling uses (design §4.1)."""

    CIN = "cin", "Child in need"
    CP = "cp", "Child protection"
    CLA = "cla", "Child looked after"
    CARE_LEAVER = "care_leaver", "Care leaver"


def all_case_types():
    return [case_type.value for case_type in CaseType]


class Population(models.TextChoices):
    OPEN_CASES = "open_cases", "Open cases"
    CLOSED_CASES = "closed_cases", "Closed cases"
