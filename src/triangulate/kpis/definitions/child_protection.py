"""KPIs: child_protection (see kpis.md)."""
