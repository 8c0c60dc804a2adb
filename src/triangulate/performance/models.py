"""KPI values computed from an upload, stored so pages read them instead of computing."""

from django.db import models

from triangulate.datasets.models import Upload


class KpiValue(models.Model):
    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="kpi_values")
    kpi_id = models.CharField(max_length=64)
    period_start = models.DateField()
    period_end = models.DateField()
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
