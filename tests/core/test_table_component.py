"""The shared table component (core/jinja2/components/table.html): server-side sorting by ?sort=.

Read through the practice themes list, whose twelve default themes are known in advance."""

import re

from django.urls import reverse

from triangulate.core.roles import Role

BY_ORDER = ["Voice of the child", "Management oversight and supervision", "Assessment quality",
            "Planning (SMART)", "Visits and direct work", "Multi-agency working", "Recording", "Timeliness",
            "Workforce and caseloads", "Leadership", "Parent and carer experience", "Outcomes"]
BY_NAME = ["Assessment quality", "Leadership", "Management oversight and supervision", "Multi-agency working",
           "Outcomes", "Parent and carer experience", "Planning (SMART)", "Recording", "Timeliness",
           "Visits and direct work", "Voice of the child", "Workforce and caseloads"]


def themes_page(world, client_for, query=""):
    response = client_for(world.users[Role.QA_LEAD]).get(reverse("core:theme_list") + query)
    assert response.status_code == 200
    return response.content.decode()


def row_headings(html):
    return re.findall(r'<th scope="row" class="govuk-table__header">([^<]*)</th>', html)


def theme_header(html):
    return re.search(r'<th scope="col"[^>]*>(?:(?!</th>).)*Theme(?:(?!</th>).)*</th>', html, re.S).group(0)


def test_rows_keep_the_views_order_until_a_column_is_chosen(world, client_for):
    html = themes_page(world, client_for)
    assert row_headings(html) == BY_ORDER
    assert 'href="?sort=name"' in theme_header(html) and "aria-sort" not in theme_header(html)


def test_a_sortable_column_sorts_ascending_then_descending(world, client_for):
    ascending = themes_page(world, client_for, "?sort=name")
    assert row_headings(ascending) == BY_NAME
    assert 'aria-sort="ascending"' in theme_header(ascending)
    assert 'href="?sort=-name"' in theme_header(ascending)  # choosing it again reverses it
    descending = themes_page(world, client_for, "?sort=-name")
    assert row_headings(descending) == BY_NAME[::-1]
    assert 'aria-sort="descending"' in theme_header(descending)
    assert 'href="?sort=name"' in theme_header(descending)


def test_only_the_columns_own_sort_keys_are_used(world, client_for):
    # "description" is an attribute of every theme but no column sorts by it: the order is left alone
    for query in ("?sort=description", "?sort=-pk", "?sort=name.__class__", "?sort="):
        assert row_headings(themes_page(world, client_for, query)) == BY_ORDER, query


def test_sorting_keeps_the_pages_filters(world, client_for):
    response = client_for(world.users[Role.QA_LEAD]).get(reverse("improvement:action_list") + "?status=all&sort=due_date")
    html = response.content.decode()
    assert 'href="?status=all&amp;sort=-due_date"' in html
    assert 'href="?status=all&amp;sort=title"' in html
