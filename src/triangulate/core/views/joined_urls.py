"""An app's `urlpatterns` as the `urlpatterns` of every module in its views package, joined in module order.

Apps built in slices (audits, practice) join their pages this way rather than listing each path, so a slice adds
pages without editing a shared file; the permission matrix still fails for any page it lacks."""

import importlib
import pkgutil


def joined_patterns(views_package):
    patterns = []
    for module_info in sorted(pkgutil.iter_modules(views_package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{views_package.__name__}.{module_info.name}")
        patterns.extend(getattr(module, "urlpatterns", []))
    return patterns
