"""What the council is compared with (benchmarks/selectors.py): England, its region and its statistical
neighbours' average, with the latest upload winning, and the shipped England figures behind them."""

import pytest

from triangulate.benchmarks.selectors import comparators, comparators_for
from triangulate.benchmarks.services import delete_benchmark_upload
from triangulate.core.roles import Role
from triangulate.kpis import benchmarks as shipped
from triangulate.kpis.registry import all_kpis
from triangulate.people.models import Region, StatisticalNeighbour
from triangulate.people.selectors import the_council


def test_the_neighbour_average_is_the_mean_of_those_with_a_figure_for_the_latest_year(upload, council):
    # 3 of the 10 neighbours have a 2024-25 figure, one more is suppressed that year; 2023-24 is older
    upload("rereferral_pct,la,901,Neighbour 1,2024-25,20.0,\n"
           "rereferral_pct,la,902,Neighbour 2,2024-25,25.5,\n"
           "rereferral_pct,la,903,Neighbour 3,2024-25,30.1,\n"
           "rereferral_pct,la,904,Neighbour 4,2024-25,c,\n"
           "rereferral_pct,la,905,Neighbour 5,2023-24,99,\n"
           "rereferral_pct,la,555,Not a neighbour,2024-25,1,\n")
    average = comparators(council, "rereferral_pct").neighbours
    assert average.value == pytest.approx((20.0 + 25.5 + 30.1) / 3)  # 25.2
    assert (average.year, average.count, average.of) == ("2024-25", 3, 10)
    assert [(m.rank, m.value, m.marker) for m in average.members[:5]] == [
        (1, 20.0, ""), (2, 25.5, ""), (3, 30.1, ""), (4, None, "c"), (5, None, "")]
    assert average.source.startswith("benchmarks.csv, uploaded ")


def test_no_neighbour_average_says_why(upload, council, world):
    assert comparators(council, "rereferral_pct").neighbours.reason == \
        "No figures for the council's statistical neighbours have been uploaded"
    upload("rereferral_pct,la,901,Neighbour 1,2024-25,c,\nrereferral_pct,la,902,Neighbour 2,2024-25,x,\n")
    average = comparators(council, "rereferral_pct").neighbours
    assert average.value is None and average.of == 10
    assert average.reason == "The publication gave no figure for any of the council's statistical neighbours"
    StatisticalNeighbour.objects.filter(council=council).delete()
    assert comparators(council, "rereferral_pct").neighbours.reason == \
        "The council has not recorded its statistical neighbours"


def test_a_neighbour_uploaded_with_only_its_ons_code_is_matched_by_name(upload, council):
    StatisticalNeighbour.objects.filter(council=council, rank=1).update(name="Bristol, City of", la_code="801")
    upload("rereferral_pct,la,E06000023,City of Bristol,2024-25,30,\n")
    average = comparators(council, "rereferral_pct").neighbours
    assert (average.value, average.count) == (30, 1)


def test_the_latest_upload_wins_and_deleting_it_brings_back_the_earlier_figures(upload, council, world):
    first = upload("rereferral_pct,england,E92000001,England,2024-25,22.0,first\n"
                   "rereferral_pct,la,901,Neighbour 1,2024-25,10,\n"
                   "rereferral_pct,la,902,Neighbour 2,2024-25,20,\n", name="first.csv")
    second = upload("rereferral_pct,england,E92000001,England,2024-25,22.6,revised\n"
                    "rereferral_pct,la,901,Neighbour 1,2024-25,14,\n", name="second.csv")
    found = comparators(council, "rereferral_pct")
    assert (found.england.value, found.england.note) == (22.6, "revised")
    assert found.england.source.startswith("second.csv")
    assert (found.neighbours.value, found.neighbours.count) == (17, 2)  # 14 (second) and 20 (first)
    assert "first.csv" in found.neighbours.source and "second.csv" in found.neighbours.source
    delete_benchmark_upload(actor=world.users[Role.QA_LEAD], upload=second)
    found = comparators(council, "rereferral_pct")
    assert (found.england.value, found.neighbours.value) == (22.0, 15)
    delete_benchmark_upload(actor=world.users[Role.QA_LEAD], upload=first)
    england = comparators(council, "rereferral_pct").england
    assert (england.value, england.uploaded) == (shipped.england("rereferral_pct").value, False)
    assert "shipped with Triangulate" in england.source


def test_england_falls_back_to_the_shipped_figure_and_a_newer_one_wins(upload, council):
    england = comparators(council, "cp_repeat_pct").england
    assert (england.value, england.year, england.uploaded, england.verified) == (23.5, "2023-24", False, False)
    upload("cp_repeat_pct,england,E92000001,England,2022-23,22.0,\n")  # older than the shipped figure
    assert comparators(council, "cp_repeat_pct").england.value == 23.5
    upload("cp_repeat_pct,england,E92000001,England,2023-24,23.9,\n")  # same year: the upload is used
    assert comparators(council, "cp_repeat_pct").england.value == 23.9
    assert comparators(council, "contacts").england.reason == "No figure for England has been uploaded"


def test_the_region_is_matched_by_code_and_by_name(upload, council):
    council.region = Region.YORKSHIRE
    council.save()
    shipped_region = comparators(council, "rereferral_pct").region  # shipped: Yorkshire and The Humber 21.7
    assert (shipped_region.label, shipped_region.value, shipped_region.uploaded) == \
        ("Yorkshire and The Humber", 21.7, False)
    upload("assessments_within_45wd_pct,region,E12000003,,2024-25,88.1,\n"
           "assessments_within_45wd_pct,region,E12000001,North East,2024-25,80,\n"
           "icpc_within_15wd_pct,,,Yorkshire & the Humber,2024-25,79.5,\n"
           "cla_rate,region,,yorkshire and humber,2024/25,71,\n")
    found = comparators_for(council, ["assessments_within_45wd_pct", "icpc_within_15wd_pct", "cla_rate"])
    assert [found[k].region.value for k in found] == [88.1, 79.5, 71]
    assert found["cla_rate"].region.label == "Yorkshire and The Humber"


def test_notes_travel_with_the_figures_and_are_dropped_for_those_who_may_not_see_them(upload, council, world):
    upload("rereferral_pct,england,E92000001,England,2024-25,22.6,to be verified\n"
           "rereferral_pct,la,901,Neighbour 1,2024-25,20,boundary change\n")
    found = comparators(council, "rereferral_pct")
    assert found.notes == [("England", "to be verified"), ("Statistical neighbours", "Neighbour 1: boundary change")]
    assert found.without_notes().notes == []
    assert found.for_user(world.users[Role.PRINCIPAL_SOCIAL_WORKER]).notes == found.notes
    for role in (Role.ELECTED_MEMBER, Role.INSPECTOR, Role.PRACTITIONER, Role.TEAM_MANAGER):
        assert found.for_user(world.users[role]).notes == []


def test_every_kpi_in_a_constant_number_of_queries(upload, council, django_assert_num_queries):
    upload("".join(f"{kpi_id},la,{900 + n},Neighbour {n},2024-25,{n},\n"
                   for kpi_id in ("rereferral_pct", "cla_rate") for n in range(1, 11)))
    everything = list(all_kpis())
    assert len(everything) > 50
    with django_assert_num_queries(2):  # the neighbours, then the figures
        found = comparators_for(council, everything)
    assert found["cla_rate"].neighbours.value == pytest.approx(5.5)
    prefetched = the_council()
    with django_assert_num_queries(1):
        comparators_for(prefetched, everything)
    with django_assert_num_queries(1):
        comparators_for(prefetched, ["rereferral_pct"])


def test_every_region_a_council_can_record_has_its_ons_code():
    from triangulate.benchmarks.areas import REGIONS

    assert {key: name for key, (_code, name, _aliases) in REGIONS.items()} == dict(Region.choices)
    assert sorted(code for code, _name, _aliases in REGIONS.values()) == [f"E1200000{i}" for i in range(1, 10)]
