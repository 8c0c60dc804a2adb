"""The children behind a KPI: recomputed from the stored extract on request, for one team at a time
where the user's access is limited to teams (the extract names they may choose:
datasets/teams/selectors.extract_names_in_scope). Every child shown is written to the access log."""

from triangulate.datasets import storage
from triangulate.kpis.engine import Engine
from triangulate.kpis.periods import year_to


def children_behind(upload, kpi_id, team=None):
    tables = storage.read_tables(upload.pk)
    engine = Engine(tables, population=upload.council.population_for(upload.extract_date.year - 1))
    ids = engine.children(kpi_id, [year_to(upload.extract_date)], 0, team=team)
    numerator = set(ids["numerator"])
    rows = [{"child_id": child, "in_numerator": child in numerator} for child in ids["denominator"] if child]
    rows += [{"child_id": child, "in_numerator": True} for child in sorted(numerator - set(ids["denominator"]))
             if child]
    return rows

