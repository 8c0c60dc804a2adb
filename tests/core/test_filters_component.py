"""The shared filter form (core/jinja2/components/filters.html with core/filters.py), rendered on its own
with hand-written filters: the option chosen stays chosen, every control is named by its label, and
"Clear the filters" drops the filters and nothing else."""

import re

from django.http import QueryDict
from django.template import engines

from triangulate.core.filters import Checkbox, Filters, Select

COMPONENT = """{% from "components/filters.html" import filters %}{{ filters(form, query, "/children/") }}"""
ORDER = Select.of("sort", "Order", ["overdue", "child"], "child",
                  text={"overdue": "Most overdue first", "child": "Child ID"}.get)
FAILING = Checkbox("failing", "Only those not meeting the measure", checked=True)


def render(form, query=""):
    return engines["jinja2"].from_string(COMPONENT).render({"form": form, "query": QueryDict(query)})


def team(selected, everything="All teams"):
    return Select.of("team", "Team", ["North", "South"], selected, everything=everything)


def options(html, name):
    """(value, text, selected) of each option of the select named `name`."""
    select = re.search(rf'<select [^>]*name="{name}">(.*?)</select>', html, re.S).group(1)
    found = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select)
    return [(value, text, bool(chosen)) for value, chosen, text in found]


def clear_link(html):
    found = re.findall(r'<a class="govuk-link" href="([^"]*)">Clear the filters</a>', html)
    return found[0].replace("&amp;", "&") if found else None


def test_the_option_chosen_stays_chosen_after_everything():
    html = render(Filters((team("South"), ORDER)), "team=South&sort=child")
    assert options(html, "team") == [("", "All teams", False), ("North", "North", False), ("South", "South", True)]
    assert options(html, "sort") == [("overdue", "Most overdue first", False), ("child", "Child ID", True)]
    # nothing chosen: no option marked, so the browser shows the first, "All teams"
    assert [chosen for _, _, chosen in options(render(Filters((team(None),))), "team")] == [False, False, False]


def test_each_control_is_named_by_its_own_label():
    html = render(Filters((team(None), ORDER), (FAILING,)))
    labels = dict(re.findall(r'<label class="govuk-label[^"]*" for="([^"]+)">([^<]+)</label>', html))
    assert labels == {"team": "Team", "sort": "Order", "failing": "Only those not meeting the measure"}
    controls = re.findall(r'<(?:select|input) class="govuk-(?:select|checkboxes__input)" id="([^"]+)" name="([^"]+)"', html)
    assert controls == [("team", "team"), ("sort", "sort"), ("failing", "failing")]
    assert 'id="failing" name="failing" type="checkbox" value="1" checked>' in html
    assert '<button type="submit" class="govuk-button" data-module="govuk-button">Show</button>' in html


def test_clearing_drops_the_filters_and_the_page_and_keeps_the_order():
    html = render(Filters((team("North"), ORDER), (FAILING,)), "team=North&failing=1&sort=child&page=3")
    assert clear_link(html) == "/children/?sort=child"
    # nothing else in the address: the page's own address
    assert clear_link(render(Filters((team("North"),)), "team=North")) == "/children/"


def test_a_team_without_all_teams_is_kept_when_clearing_and_is_no_filter_by_itself():
    # a team-scoped reader's list is always of one of their teams: clearing keeps it
    scoped = Filters((team("North", everything=None), ORDER), (FAILING,))
    html = render(scoped, "team=North&failing=1&sort=child")
    assert options(html, "team") == [("North", "North", True), ("South", "South", False)]
    assert clear_link(html) == "/children/?team=North&sort=child"
    unchecked = Filters((team("North", everything=None), ORDER), (Checkbox("failing", "Only those", False),))
    assert clear_link(render(unchecked, "team=North&sort=child")) is None


def test_names_from_an_extract_are_escaped():
    hostile = Select.of("worker", "Worker", ['"><script>alert(1)</script>'], None, everything="All workers")
    html = render(Filters((hostile,)))
    assert "<script>" not in html
    assert options(html, "worker")[1][0] == "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
