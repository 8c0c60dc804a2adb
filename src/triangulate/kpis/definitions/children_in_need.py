"""KPIs: children_in_need (see kpis.md)."""
