"""Published figures a council uploads to compare itself with: England, its region and its statistical
neighbours (reader.py reads the file; selectors.py turns the figures into comparisons).

Uploads are kept side by side: for a KPI, area and year the latest upload's figure is the one used, so
deleting an upload brings back the figures it had replaced."""

from django.conf import settings
from django.db import models

from triangulate.people.models import Council

from .areas import AREA_TYPES


class BenchmarkUpload(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="benchmark_uploads")
    original_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    system_reason = models.CharField(max_length=64, blank=True)  # who, when no one signed in uploaded it
    uploaded_at = models.DateTimeField(auto_now_add=True)
    row_count = models.PositiveIntegerField(default=0)
    years = models.JSONField(default=list)  # the years its figures are for, oldest first
    kpi_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return f"Benchmarks from {self.original_name}"

    @property
    def uploader(self):
        if self.uploaded_by is not None:
            return self.uploaded_by.get_full_name() or self.uploaded_by.get_username()
        return f"Triangulate ({self.system_reason})" if self.system_reason else "Triangulate"

    @property
    def years_text(self):
        if not self.years:
            return ""
        return self.years[0] if len(self.years) == 1 else f"{self.years[0]} to {self.years[-1]}"


class BenchmarkFigure(models.Model):
    class AreaType(models.TextChoices):
        ENGLAND = "england", AREA_TYPES["england"]
        REGION = "region", AREA_TYPES["region"]
        LA = "la", AREA_TYPES["la"]

    upload = models.ForeignKey(BenchmarkUpload, on_delete=models.CASCADE, related_name="figures")
    row = models.PositiveIntegerField()  # in the file, the heading being row 1
    kpi_id = models.CharField(max_length=64)
    area_type = models.CharField(max_length=8, choices=AreaType.choices)
    # England's or a region's ONS code; an authority's DfE code, else its ONS code, else "name:<name key>"
    area_key = models.CharField(max_length=130)
    la_code = models.CharField("DfE LA code", max_length=3, blank=True)
    ons_code = models.CharField("ONS code", max_length=9, blank=True)
    area_name = models.CharField(max_length=120)
    name_key = models.CharField(max_length=120, blank=True)  # areas.area_name_key: for neighbours known by name
    year = models.CharField(max_length=7)  # "2024-25", or "2023" for a calendar or reporting year
    value = models.FloatField(null=True, blank=True)  # None: suppressed or not given in the publication
    marker = models.CharField(max_length=8, blank=True)  # the publication's symbol when there is no value
    note = models.TextField(blank=True)  # for analysts only (Perm.VIEW_NOTES)

    class Meta:
        ordering = ["kpi_id", "area_type", "area_name", "year"]
        indexes = [
            models.Index(fields=["kpi_id", "area_type", "area_key"], name="benchmark_kpi_area"),
            models.Index(fields=["la_code"], name="benchmark_la_code"),
            models.Index(fields=["name_key"], name="benchmark_name_key"),
        ]

    def __str__(self):
        return f"{self.kpi_id} {self.area_name} {self.year}"

    @property
    def code(self):
        return " / ".join(c for c in (self.la_code, self.ons_code) if c)

    @property
    def shown_value(self):
        """The figure as published: the number, or its symbol ("c") when it was not given."""
        if self.value is None:
            return self.marker or "blank"
        return show_number(self.value)

    @property
    def value_sort(self):
        """For sorting a table by value: a figure not given sorts first."""
        return float("-inf") if self.value is None else self.value


def show_number(value):
    """A published figure as written: 1,234 or 22.6 or 3.25 (no more than two decimals)."""
    if value is None:
        return ""
    return f"{value:,.2f}".rstrip("0").rstrip(".")
