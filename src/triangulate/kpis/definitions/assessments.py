"""KPIs: assessments (see kpis.md)."""
