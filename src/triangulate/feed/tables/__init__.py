"""The feed's tables: each module computes one endpoint's rows with the selectors and presenters the pages use,
so the feed and the pages cannot disagree (docs/design/estate.md §4). A table is its columns and rows of plain
values (numbers, text, dates, None); views/endpoints.py writes it as CSV or JSON.

Every figure a publication token reads goes through core/disclosure.py the way elected members' pages pass it;
a hidden figure is None (empty in CSV, null in JSON) and its row's `suppressed` column is true."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

from triangulate.core import disclosure

PERIOD = re.compile(r"(year|month|\d{4}-\d{2})")


class BadFilter(ValueError):
    """A filter's value the endpoint cannot read (answered 400, with these words)."""


@dataclass(frozen=True)
class Filters:
    period: str | None = None  # "year", "month", or a month "YYYY-MM"
    team: str | None = None  # a team's name, or "council" for the whole council's rows
    kpi: str | None = None

    @classmethod
    def from_query(cls, query):
        period = (query.get("period") or "").strip() or None
        if period is not None and not PERIOD.fullmatch(period):
            raise BadFilter("period is year, month or a month as YYYY-MM")
        return cls(period=period, team=(query.get("team") or "").strip() or None,
                   kpi=(query.get("kpi") or "").strip() or None)

    def as_dict(self):
        return {k: v for k, v in (("period", self.period), ("team", self.team), ("kpi", self.kpi)) if v}

    def month_wanted(self, day):
        """A monthly row for the month of `day` is wanted."""
        if self.period in (None, "month"):
            return True
        return self.period == f"{day:%Y-%m}"

    @property
    def year_wanted(self):
        return self.period in (None, "year")

    def team_wanted(self, name):
        """`name` None: the council's own row."""
        if self.team is None:
            return True
        if name is None:
            return self.team.casefold() == "council"
        return self.team.casefold() == name.casefold()


@dataclass(frozen=True)
class Reader:
    """Who reads through the token: whether figures are controlled, which teams, and the person to log as."""

    publication: bool
    issuer: object  # the token's issuer: the user child-level reads are logged as
    teams: frozenset | None = None  # team names, or None for every team
    threshold: int = disclosure.THRESHOLD
    today: date | None = None

    @classmethod
    def for_token(cls, token, today):
        names = frozenset(token.teams.values_list("name", flat=True)) or None
        return cls(publication=token.publication, issuer=token.created_by, teams=names,
                   threshold=settings.TRIANGULATE.get("SUPPRESSION_THRESHOLD", disclosure.THRESHOLD), today=today)

    def may_see_team(self, name):
        return self.teams is None or name in self.teams


@dataclass
class Table:
    columns: list
    rows: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # what the rows are of (the extract's date, a reason for none)
    children: list | None = None  # child ids, for the access log

    def add(self, **values):
        unknown = set(values) - set(self.columns)
        if unknown:
            raise KeyError(f"columns not in the table: {sorted(unknown)}")
        self.rows.append([values.get(c) for c in self.columns])
