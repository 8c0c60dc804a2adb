"""The KPI engine (contract: shared/design/kpis.md). No Django imports anywhere in this package."""
