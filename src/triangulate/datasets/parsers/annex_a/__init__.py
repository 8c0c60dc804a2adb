"""Ofsted Annex A: schema, normalisation and reading (pure Python: no Django here)."""
