"""KPIs: care_leavers (see kpis.md)."""
