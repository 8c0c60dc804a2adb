"""The practice pages (design §9.1): the `urlpatterns` of every module in practice/views/, joined in module order.

Joining them here, rather than listing each path, lets the slices of design §10 add pages without editing a
shared file. The permissions matrix (tests/permissions/matrix_practice/) still fails for any page it lacks."""

import importlib
import pkgutil

from . import views

app_name = "practice"


def _joined_patterns():
    patterns = []
    for module_info in sorted(pkgutil.iter_modules(views.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{views.__name__}.{module_info.name}")
        patterns.extend(getattr(module, "urlpatterns", []))
    return patterns


urlpatterns = _joined_patterns()
