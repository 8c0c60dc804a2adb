"""Importing this package registers every KPI. One module per section of kpis.md."""

from . import (  # noqa: F401
    adoption,
    assessments,
    care_leavers,
    caseloads,
    child_protection,
    children_in_care,
    children_in_need,
    front_door,
    section47,
)
