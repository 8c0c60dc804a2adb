"""KpiValue.span: whether a row is one month of a series or the 12 months to the extract date.

Existing rows are marked from their dates by the rule history.py used to apply when reading: a period
that starts and ends in the same calendar month is a month; every other stored period is the 12 months
(kpi_store.py writes only those two kinds)."""

from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import ExtractMonth, ExtractYear


def mark_months(apps, schema_editor):
    KpiValue = apps.get_model("performance", "KpiValue")
    (KpiValue.objects
     .annotate(start_year=ExtractYear("period_start"), start_month=ExtractMonth("period_start"),
               end_year=ExtractYear("period_end"), end_month=ExtractMonth("period_end"))
     .filter(start_year=F("end_year"), start_month=F("end_month"))
     .update(span="month"))


class Migration(migrations.Migration):

    dependencies = [
        ("performance", "0002_kpivalue_excluded"),
    ]

    operations = [
        # every existing row starts as the 12-month figure, then the one-month rows are marked
        migrations.AddField(
            model_name="kpivalue",
            name="span",
            field=models.CharField(choices=[("month", "Month"), ("year", "12 months")], default="year",
                                   max_length=5),
            preserve_default=False,
        ),
        migrations.RunPython(mark_months, migrations.RunPython.noop),
    ]
