"""KPI values computed from an upload, stored so pages read them instead of computing."""

from django.db import models

from triangulate.datasets.models import Upload


class KpiValue(models.Model):
    class Span(models.TextChoices):
        # one calendar month (the last one cut at the extract date): a point of a monthly series
        MONTH = "month", "Month"
        # the 12 months to the extract date: the figure the dashboard shows
        YEAR = "year", "12 months"

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="kpi_values")
    kpi_id = models.CharField(max_length=64)
    period_start = models.DateField()
    period_end = models.DateField()
    # set by kpi_store.store, which knows which row it writes, so readers pick rows by it, not by their dates
    span = models.CharField(max_length=5, choices=Span.choices)
    # blank: the whole council; otherwise the allocated team as named in the extract
    team = models.CharField(max_length=255, blank=True)
    value = models.FloatField(null=True)
    numerator = models.FloatField(null=True)
    denominator = models.FloatField(null=True)
    # rows left out of the KPI for a missing or unreadable value (kpis.md "Coverage"); None when the KPI is null
    excluded = models.IntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["upload", "kpi_id", "team"])]
        constraints = [models.UniqueConstraint(fields=["upload", "kpi_id", "period_start", "period_end", "team"],
                                               name="one_value_per_kpi_period_team")]

    def save(self, *args, **kwargs):
        # a row made one at a time (tests, a shell) without a span gets it from its dates, by the rule the
        # migration backfilled with; kpi_store sets it itself, as bulk_create never calls save()
        if not self.span:
            self.span = span_of(self.period_start, self.period_end)
        super().save(*args, **kwargs)


def span_of(start, end):
    """A period within one calendar month is a month; the only longer period stored is the 12 months."""
    same_month = (start.year, start.month) == (end.year, end.month)
    return KpiValue.Span.MONTH if same_month else KpiValue.Span.YEAR
