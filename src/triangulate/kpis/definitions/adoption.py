"""KPIs: adoption (see kpis.md)."""
