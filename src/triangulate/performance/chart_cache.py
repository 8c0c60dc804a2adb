"""Charts drawn once per process for the same figures: the KPI page draws three (~0.2 s each with
vl-convert), and most readers of a page between two uploads are shown exactly the same figures.

    chart = chart_cache.draw(charts.line, "trend", points, y_title="Per cent", references=[...])

The key is everything the builder is given (every figure, label and date drawn) and the chart's id, so a
reader is given a cached picture only when it is the picture their own figures would draw: a figure hidden
from one reader (disclosure control) is absent from their arguments, so their key differs from the key of
a reader who may see it. Nothing about the reader or the request is part of the picture.

Pictures are also kept on disk (DATA_DIR/cache/charts, one small SVG file per picture, keyed by a hash of
the same key and of the chart code's versions), so a web worker's first page does not start vl-convert's
JavaScript engine (more than a second) to draw what another worker drew already. The folder is inside
the private data folder and holds what charts.render made (already cleaned), and nothing else is read as
a picture: a file that is not valid UTF-8 SVG text is drawn again.
"""

import hashlib
import os
import tempfile
from collections import OrderedDict
from dataclasses import astuple, is_dataclass
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from threading import Lock

from django.conf import settings
from markupsafe import Markup

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
    chart = _from_disk(key, id)
    if chart is None:
        chart = charts.render(builder(*args, **kwargs), id=id)
        _to_disk(key, chart)
    with _lock:
        _cache[key] = chart
        while len(_cache) > SIZE:
            _cache.popitem(last=False)
    return chart


@lru_cache(maxsize=1)
def _code_version():
    """What a picture depends on besides its arguments: the chart code and the libraries that draw it."""
    digest = hashlib.sha256(Path(charts.__file__).read_bytes())
    for name in ("altair", "vl-convert-python"):
        digest.update(f"{name} {metadata.version(name)}".encode())
    return digest.hexdigest()[:16]


def _path(key):
    name = hashlib.sha256(repr((_code_version(), key)).encode()).hexdigest()
    return Path(settings.DATA_DIR) / "cache" / "charts" / name[:2] / f"{name}.svg"


def _from_disk(key, id):
    try:
        svg = _path(key).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return charts.Chart(id=id, svg=Markup(svg)) if svg.startswith("<svg") else None


def _to_disk(key, chart):
    """Written under a temporary name and renamed, so no worker reads half a picture; a folder that cannot
    be written only means each worker draws its own."""
    path = _path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".part", delete=False, encoding="utf-8") as f:
            f.write(str(chart.svg))
        os.replace(f.name, path)
    except OSError:
        pass


def clear():
    with _lock:
        _cache.clear()
