"""The results page's chart (design §5.3): the share agreeing for each theme, council-wide, this year beside last
year's published check, as grouped horizontal bars (the themes' names are long, so they read along the y axis).

Only council-wide figures are drawn: the council's result is shown only with `min_responses` or more, and a team's
never goes in, so the picture reveals nothing a suppressed team's figures would (the table beside it holds the same
figures). A theme with no share (or not asked last year) has no bar, never a zero bar; the table says why. The spec is
built here (core/charts.py has no grouped bars) with its colours and config, and drawn by `charts.render`."""

from triangulate.core import charts

from .analytics.health import percent as shown

THIS, LAST = 0, 1


def theme_bars(rows, *, this_year, last_year=None, width=charts.WIDTH):
    """rows: [(theme label, this year's share agreeing as a Fraction or None, last year's or None)], in order.
    `last_year`: the year of last year's published check, or None when there is none (one bar a theme)."""
    import altair as alt

    groups = [str(this_year)] + ([str(last_year)] if last_year is not None else [])
    order = [label for label, _, _ in rows]
    values = []
    for label, now, before in rows:
        for group, share in zip(groups, (now, before), strict=False):
            if share is not None:  # the label rounds as the table does
                values.append({"theme": label, "year": group, "value": float(share * 100), "text": shown(share)})
    y = alt.Y("theme:N", sort=order, scale=alt.Scale(domain=order), title=None,
              axis=alt.Axis(labelLimit=260, labelFontSize=14))
    offset = alt.YOffset("year:N", sort=groups, scale=alt.Scale(domain=groups))
    x = alt.X("value:Q", title="Per cent agreeing", scale=alt.Scale(domain=[0, 100]))
    colour = alt.Color("year:N", scale=alt.Scale(domain=groups, range=list(charts.COLOURS[:len(groups)])),
                       legend=alt.Legend(symbolType="square"))
    base = alt.Chart(alt.Data(values=values))
    drawn = base.mark_bar().encode(y=y, yOffset=offset, x=x, color=colour)
    labels = base.mark_text(align="left", dx=4, fontSize=13, color="#0b0c0c").encode(
        y=y, yOffset=offset, x="value:Q", text="text:N")
    height = max(120, 28 * len(groups) * len(rows) + 20)
    return alt.layer(drawn, labels).properties(width=width, height=height,
                                               autosize={"type": "fit", "contains": "padding"})


def render(rows, *, this_year, last_year=None):
    if not any(now is not None or before is not None for _, now, before in rows):
        return None
    return charts.render(theme_bars(rows, this_year=this_year, last_year=last_year), id="themes-by-year")
