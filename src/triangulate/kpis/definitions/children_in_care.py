"""KPIs: children_in_care (see kpis.md)."""
