"""Charts drawn once per process for the same figures: the KPI page draws three (~0.2 s each with
vl-convert), and most readers of a page between two uploads are shown exactly the same figures.

    chart = chart_cache.draw(charts.line, "trend", points, y_title="Per cent", references=[...])

The key is everything the builder is given (every figure, label and date drawn) and the chart's id, so a
reader is given a cached picture only when it is the picture their own figures would draw: a figure hidden
from one reader (disclosure control) is absent from their arguments, so their key differs from the key of
a reader who may see it. Nothing about the reader or the request is part of the picture.
"""

from collections import OrderedDict
from dataclasses import astuple, is_dataclass
from datetime import date
from threading import Lock

from triangulate.core import charts

SIZE = 256  # pictures of ~10-25 kB each
_cache = OrderedDict()
_lock = Lock()


def _frozen(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if is_dataclass(value):
        return (type(value).__name__, _frozen(astuple(value)))
    if value is None or isinstance(value, (str, int, float, bool, date)):
        return value
    raise TypeError(f"cannot key a chart on {type(value).__name__}")


def draw(builder, id, *args, **kwargs):
    """charts.render(builder(*args, **kwargs), id=id), from the cache when the same was drawn before."""
    key = (builder.__name__, id, _frozen(args), _frozen(kwargs))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    chart = charts.render(builder(*args, **kwargs), id=id)
    with _lock:
        _cache[key] = chart
        while len(_cache) > SIZE:
            _cache.popitem(last=False)
    return chart


def clear():
    with _lock:
        _cache.clear()
