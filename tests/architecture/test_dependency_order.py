"""The apps' dependency order (docs/architecture.md): a module may import only its own layer and the
layers below it. Late imports inside functions count too: they are dependencies all the same.

Read from the source with `ast` (no import runs), so the test sees every import a change adds."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

# Lowest first. A module belongs to the longest prefix that names it; modules named by none (the package
# itself, the command line, settings and URLs that wire everything together) sit above them all.
LAYERS = (
    "triangulate.core",
    "triangulate.reports",  # printed reports (PDF): uses core only; each app builds its own report's content
    "triangulate.people",
    "triangulate.sso",  # sign-in with the council's provider: binds accounts, gives people's roles from groups
    "triangulate.improvement",
    "triangulate.datasets.parsers",  # Django-free: the Annex A reader, used by the KPI engine
    "triangulate.kpis",  # Django-free: the KPI engine
    "triangulate.datasets",
    "triangulate.benchmarks",  # published figures to compare with: reads the KPI catalogue and the council
    "triangulate.performance",
    "triangulate.audits",  # case file audits: read KPIs and extracts beside their own records
    "triangulate.practice",  # practice weeks and days: above audits, but never imports it (see below)
    "triangulate.workforce",  # caseloads, weighting, staffing, the health check (docs/design/workforce.md §1)
    "triangulate.feed",  # the data feed for Power BI and Excel: reads performance, audits, practice, improvement
    "triangulate.synth",
)


def layer_of(module):
    if module == "triangulate":
        return 0  # the root package is empty: importing it only finds the install folder
    best = None
    for index, prefix in enumerate(LAYERS):
        if module == prefix or module.startswith(prefix + "."):
            if best is None or len(prefix) > len(LAYERS[best]):
                best = index
    return len(LAYERS) if best is None else best


def module_name(path):
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path):
    """Every triangulate module the file imports, absolute or relative, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if node.module is None or node.level:  # `from . import x`: x may be a module of the package
                for alias in node.names:
                    yield f"{target}.{alias.name}", node.lineno
            else:
                yield target, node.lineno


def breaches():
    out = []
    for path in sorted((SRC / "triangulate").rglob("*.py")):
        importer = module_name(path)
        for imported, line in imported_modules(path):
            if imported.startswith("triangulate") and layer_of(imported) > layer_of(importer):
                out.append(f"{path.relative_to(SRC)}:{line} {importer} imports {imported}")
    return out


def test_no_module_imports_a_layer_above_its_own():
    assert breaches() == []


def test_the_check_sees_absolute_relative_and_late_imports(tmp_path, monkeypatch):
    package = tmp_path / "triangulate"
    (package / "core" / "views").mkdir(parents=True)
    (package / "people").mkdir()
    for folder in (package, package / "core", package / "core" / "views", package / "people"):
        (folder / "__init__.py").write_text("")
    (package / "core" / "views" / "pages.py").write_text(
        "from ...people import selectors\n\ndef home():\n    import triangulate.improvement.models\n")
    (package / "people" / "selectors.py").write_text("from triangulate.core import site\nfrom . import models\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["SRC"]), "SRC", tmp_path)
    assert breaches() == [
        "triangulate/core/views/pages.py:1 triangulate.core.views.pages imports triangulate.people.selectors",
        "triangulate/core/views/pages.py:4 triangulate.core.views.pages imports triangulate.improvement.models",
    ]
    assert layer_of("triangulate.datasets.parsers.annex_a.reader") < layer_of("triangulate.kpis.engine") \
        < layer_of("triangulate.datasets.importer")


# Practice sits above audits in the order but may not import it (docs/design/practice.md §1, decision 18): a
# team's audit findings reach a follow-up day through improvement. Of datasets and kpis it may use only these.
PRACTICE_MAY_IMPORT_BELOW = ("triangulate.datasets.parsers.annex_a.normalise", "triangulate.kpis.calendar")


def practice_breaches():
    out = []
    for path in sorted((SRC / "triangulate" / "practice").rglob("*.py")):
        for imported, line in imported_modules(path):
            where = f"{path.relative_to(SRC)}:{line} imports {imported}"
            if imported == "triangulate.audits" or imported.startswith("triangulate.audits."):
                out.append(where)
            elif imported.startswith(("triangulate.datasets", "triangulate.kpis", "triangulate.benchmarks",
                                      "triangulate.performance")) and not any(
                    imported == allowed or imported.startswith(allowed + ".")
                    for allowed in PRACTICE_MAY_IMPORT_BELOW):
                out.append(where)
    return out


def test_practice_does_not_import_audits_and_reads_little_of_datasets_and_kpis():
    assert practice_breaches() == []
