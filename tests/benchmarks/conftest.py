import pytest

from triangulate.benchmarks.services import upload_benchmarks
from triangulate.core.roles import Role
from triangulate.people.models import StatisticalNeighbour

NEIGHBOURS = [(f"Neighbour {i}", str(900 + i)) for i in range(1, 11)]
HEADER = "kpi_id,area_type,area_code,area_name,year,value,note\n"


@pytest.fixture
def council(world):
    council = world.own.council
    StatisticalNeighbour.objects.bulk_create(
        StatisticalNeighbour(council=council, rank=rank, name=name, la_code=code)
        for rank, (name, code) in enumerate(NEIGHBOURS, start=1))
    return council


@pytest.fixture
def upload(world, council):
    """upload("rows...", name=...) as the QA lead; the template's header is added."""

    def send(rows, name="benchmarks.csv", actor=None):
        return upload_benchmarks(actor=actor or world.users[Role.QA_LEAD], council=council,
                                 file=(HEADER + rows).encode("utf-8"), original_name=name)

    return send
