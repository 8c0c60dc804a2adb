"""KPIs: section47 (see kpis.md)."""
