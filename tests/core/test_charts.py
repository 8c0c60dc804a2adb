"""core/charts.py and components/chart.html: server-rendered SVG a strict-CSP page can embed, labelled by
its caption and finding, with every label from data escaped."""

import re
from datetime import date

import pytest
from django.template import engines

from triangulate.core import charts

HOSTILE = '<script>alert("x")</script>'


def months(values, series="Testshire"):
    return [{"series": series, "date": date(2025, m, 1), "value": v} for m, v in enumerate(values, start=1)]


@pytest.fixture(scope="module")
def rendered():
    chart = charts.line(months([80.1, 81.0, None, 83.5, 84.2], series=HOSTILE), y_title="Per cent", percent=True,
                        references=[charts.Reference("England (2024-25)", 85.7)])
    return charts.render(chart, id="trend")


def test_the_svg_is_one_image_named_by_the_caption_and_finding(rendered):
    svg = str(rendered.svg)
    root = re.match(r"<svg [^>]*>", svg).group(0)
    assert 'role="img"' in root and 'aria-labelledby="trend-caption trend-finding"' in root
    assert (rendered.caption_id, rendered.finding_id) == ("trend-caption", "trend-finding")
    # it scales with its column and keeps its shape; the children are not announced one by one
    assert 'width="100%"' in root and 'viewBox="0 0 640 300"' in root and "height=" not in root
    assert svg.count("role=") == 1 and "aria-label=" not in svg and "aria-roledescription" not in svg


def test_the_svg_needs_no_inline_style_and_carries_no_script(rendered):
    svg = str(rendered.svg)
    assert "style" not in svg  # neither a style attribute nor a <style> element
    assert "<script" not in svg and re.search(r"\son\w*=", svg) is None


def test_a_label_from_data_is_escaped(rendered):
    svg = str(rendered.svg)
    assert "&lt;script&gt;alert(\"x\")&lt;/script&gt;" in svg or "&lt;script&gt;alert(&quot;x&quot;)" in svg
    assert "<script" not in svg
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "England (2024-25)" in texts and "Per cent" in texts
    assert [t for t in texts if t in ("0", "20", "40", "60", "80", "100")] == ["0", "20", "40", "60", "80", "100"]


def test_a_missing_month_is_a_gap_not_a_zero(rendered):
    # five months, the third missing: the council's line is two pieces (two "M" moves), with four points
    line = re.search(r'class="mark-line role-mark[^"]*"[^>]*>\s*<path [^>]*d="([^"]+)"', str(rendered.svg))
    assert line.group(1).count("M") == 2
    symbols = re.search(r'<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)</g>', str(rendered.svg), re.S)
    assert symbols.group(1).count("<path") == 4


def test_clean_svg_keeps_only_the_allowlist_and_prefixes_ids():
    dirty = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" '
             'height="5" onload="alert(1)" style="color:red"><style>text{fill:red}</style>'
             '<script>alert(2)</script><defs><clipPath id="clip1"><rect width="4" height="5"/></clipPath></defs>'
             '<g clip-path="url(#clip1)" style="x" aria-label="a"><text font-size="10px">a &amp; b &lt;c&gt;</text>'
             '<a xlink:href="javascript:alert(3)"><text>link</text></a><foreignObject><p>x</p></foreignObject>'
             '<path d="M0,0L1,1" fill="url(https://evil.example/x)" stroke="#000"/></g></svg>')
    assert charts.clean_svg(dirty, id="c", labelledby="c-caption") == (
        '<svg width="100%" viewBox="0 0 10 5" xmlns="http://www.w3.org/2000/svg" class="app-chart__image" role="img" '
        'aria-labelledby="c-caption" focusable="false"><defs><clipPath id="c-clip1"><rect width="4" height="5" />'
        '</clipPath></defs><g clip-path="url(#c-clip1)"><text font-size="10px">a &amp; b &lt;c&gt;</text>'
        '<path d="M0,0L1,1" stroke="#000" /></g></svg>')


def test_clean_svg_refuses_a_dtd_and_anything_but_svg():
    with pytest.raises(ValueError):
        charts.clean_svg('<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>', id="c",
                         labelledby="c")
    with pytest.raises(ValueError):
        charts.clean_svg("<html/>", id="c", labelledby="c")


def test_a_chart_id_is_plain():
    with pytest.raises(ValueError):
        charts.render(charts.line(months([1]), y_title="Number"), id='x" onload="y')


def test_two_charts_on_a_page_do_not_share_ids():
    # a clipped mark gets a clip path, which Vega numbers from clip1 in every chart
    spec = {"data": {"values": [{"x": 1, "y": 2}, {"x": 2, "y": 3}]}, "mark": {"type": "line", "clip": True},
            "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}}}
    one, two = charts.render(spec, id="one"), charts.render(spec, id="two")
    ids = re.findall(r' id="([^"]+)"', str(one.svg) + str(two.svg))
    assert ids and len(ids) == len(set(ids)) and all(i.startswith(("one-", "two-")) for i in ids)
    assert re.findall(r'clip-path="url\(#([^)]+)\)"', str(two.svg)) == [i for i in ids if i.startswith("two-")]


# ---- the component ---------------------------------------------------------------------------------------

COMPONENT = """{% from "components/chart.html" import chart %}
{% call(row) chart(figure, "Referrals, month by month", finding, [{"text": "Month"}, {"text": "Value", "numeric": True}],
     rows, table_caption="Referrals data", empty="No values.") %}<th scope="row" class="govuk-table__header">{{ row.month }}</th><td class="govuk-table__cell govuk-table__cell--numeric">{{ row.value }}</td>{% endcall %}"""


def component(figure, rows):
    return engines["jinja2"].from_string(COMPONENT).render({
        "figure": figure, "finding": f"Latest 12 (February 2025), {HOSTILE}.", "rows": rows})


def test_the_component_names_the_chart_and_puts_its_data_behind_show_the_data():
    figure = charts.render(charts.line(months([10, 12]), y_title="Number"), id="trend")
    html = component(figure, [{"month": "January 2025", "value": "10"}, {"month": "February 2025", "value": "12"}])
    assert '<figcaption class="govuk-heading-s govuk-!-margin-bottom-2" id="trend-caption">Referrals, month by month' in html
    assert '<p class="govuk-body" id="trend-finding">Latest 12 (February 2025), &lt;script&gt;' in html
    details = re.search(r"<details.*?</details>", html, re.S).group(0)
    assert "Show the data" in details and "Referrals data</caption>" in details
    cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", re.search(r"<tbody.*?</tbody>", details, re.S).group(0))
    assert cells == ["January 2025", "10", "February 2025", "12"]


def test_without_a_chart_the_component_shows_the_table_itself():
    html = component(None, [])
    assert "<svg" not in html and "<details" not in html and "aria-labelledby" not in html
    assert ">No values.</td>" in html


def test_a_long_legend_wraps_within_the_chart_instead_of_running_off_its_edge():
    names = ["Good or better", "Inadequate", "Families reached", "Positive difference", "Actions complete"]
    points = [{"series": name, "date": date(2026, m, 1), "value": 10.0 * i + m}
              for i, name in enumerate(names) for m in range(1, 9)]
    svg = str(charts.render(charts.line(points, y_title="Per cent", percent=True), id="trend").svg)
    # each legend entry: translate(x, y), then its background box of width w
    entries = [(float(x), float(y), float(w)) for x, y, w in re.findall(
        r'<g transform="translate\(([\d.]+),([\d.]+)\)"><path class="background" d="M0,0h([\d.]+)v[\d.]+h-[\d.]+Z"'
        r'[^>]*/><g><g class="mark-symbol role-legend-symbol', svg)]
    assert len(entries) == 5
    assert max(x + w for x, _, w in entries) <= charts.WIDTH
    assert len({y for _, y, _ in entries}) == 2  # three entries, then two on a second row
    assert charts.legend_columns(names, charts.WIDTH) == 3 and charts.legend_columns(["England"], 640) == 1
