"""The tidy and the variant editions of the same Annex A facts (tests/annex_a_variants.py).

NOTE for the lead: ``test_both_editions_read_to_the_same_tables`` needs the reader to use
``headings.match_headings`` and ``codesets.normaliser(column.codeset)`` (helper H2's integration);
the other tests check the fixture against the heading matcher and the code sets alone.
"""

import pyarrow as pa
import pytest

from triangulate.datasets.parsers.annex_a.codesets import normaliser
from triangulate.datasets.parsers.annex_a.headings import match_headings
from triangulate.datasets.parsers.annex_a.reader import read_annex_a
from triangulate.datasets.parsers.annex_a.schema import LISTS

from ..annex_a_variants import FACTS, HEADINGS, SPELLINGS, variant_sheets, write_tidy, write_variants


def test_every_spelling_reads_to_its_canonical_value():
    for name, values in SPELLINGS.items():
        read = normaliser(name)
        for code, spellings in values.items():
            for spelling in spellings:
                assert read(spelling) == (code, None), (name, spelling)


def test_every_coded_column_a_kpi_reads_takes_several_values():
    for number, rows in FACTS.items():
        for column in LISTS[number].columns:
            if column.codeset and column.key not in ("gender", "ethnicity"):
                values = {row.get(column.key) for row in rows}
                assert len(values - {None}) >= 1, (number, column.key)
    assert {r["case_status"] for r in FACTS[6]} == {"CP plan", "CIN plan", "Closed episode", "CLA", "Open assessment"}
    assert {r["legal_status"] for r in FACTS[8]} == {"C2", "V2", "V3"}
    assert {r["in_touch"] for r in FACTS[9]} == {"Yes", "No", "Refu", "NREQ"}
    assert {r["activity"] for r in FACTS[9]} == {"F1", "G6", "P5", "G5", "F3"}


@pytest.mark.parametrize("number", sorted(FACTS))
def test_the_variant_headings_all_match(number):
    sheet = next(rows for name, rows in variant_sheets().items() if name.startswith(f"List {number} "))
    match = match_headings(LISTS[number], sheet[0])
    assert match.report["absent"] == [] and match.report["ignored"] == []
    how = {row["key"]: row["how"] for row in match.report["matched"]}
    assert how.get("previous_cp_plans", "tolerant") == "tolerant"
    assert {k for k, h in how.items() if h == "exact"} >= set(how) - set(HEADINGS.get(number, {}))


def _values(table):
    return table.drop_columns(["source_row"]).to_pylist()


def test_both_editions_read_to_the_same_tables(tmp_path):
    tidy = read_annex_a(write_tidy(tmp_path / "tidy.xlsx"))
    variant = read_annex_a(write_variants(tmp_path / "variant.xlsx"))
    assert set(tidy.tables) == set(variant.tables) == set(FACTS)
    for number in FACTS:
        assert _values(variant.tables[number]) == _values(tidy.tables[number]), number
        assert variant.tables[number].schema.metadata.get(b"triangulate:absent") == b"[]"
        unreadable = variant.tables[number].column("_unreadable")
        assert unreadable.null_count == len(unreadable), number
    assert [i for i in variant.issues if "not a known" in str(i.problem)] == []
    assert variant.tables[9].column("activity").to_pylist() == ["F1", "G6", "P5", "G5", "F3"]
    assert variant.tables[1].column("age").type == pa.int64()
