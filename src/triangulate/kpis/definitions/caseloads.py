"""KPIs: caseloads (see kpis.md)."""
