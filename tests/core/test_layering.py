"""The layers stay apart: imports point downward only, and each framework stays in its layer.

``ui -> services -> (store | watch | reanchor | briefing | interchange | formats) -> core``, with
``formats`` tying the briefing and interchange writers to the registry. Every import counts,
runtime and ``TYPE_CHECKING`` alike, inside functions too: an import under ``TYPE_CHECKING`` is
not a cycle at run time, but it still says which layer knows which, and none points upward.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import annotator

PACKAGE = Path(annotator.__file__).resolve().parent
BELOW_SERVICES = {"store", "watch", "reanchor", "briefing", "interchange", "formats"}

# Which layers each layer may import (its own modules always). ``bundled`` finds the seeds and
# resources (standard library only); ``annotator`` is the package itself (its version).
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "bundled": set(),
    "store": {"core"},
    "watch": {"core"},
    "reanchor": {"core"},
    "interchange": {"core"},
    "briefing": {"core", "bundled"},
    "formats": {"core", "briefing", "interchange"},
    "services": {"core", "bundled", *BELOW_SERVICES},
    # The front ends change the project only through the services. They read through the
    # Library facade (``store.library``: its managers run the queries, as Anki's GUI reads
    # through the collection) and catch the store's errors; the app also shows the formats'
    # labels in its dialogs.
    "cli": {"annotator", "services", "core", "store.library", "store.errors"},
    "ui": {"annotator", "bundled", "services", "core", "formats", "store.library", "store.errors"},
    "main": {"cli"},
}
# The one sideways step: ``annotator`` without a subcommand opens the app.
EXCEPTIONS = {("annotator.cli.main", "annotator.ui.app")}

# Third-party frameworks and the layers that may import them.
FRAMEWORKS: dict[str, set[str]] = {
    "PySide6": {"ui"},
    "sqlite_utils": {"store"},
    "docx": {"briefing", "formats"},  # the Word briefing; the Word source reader
    "watchdog": {"watch"},
    "fast_diff_match_patch": {"reanchor"},
    "rapidfuzz": {"reanchor"},
    "defusedxml": {"interchange", "formats"},  # untrusted XML: REFI-QDA files, PDF metadata
    "lxml": {"briefing", "formats"},  # the briefing's XML; the web-page reader
    "readability": {"formats"},
    "pypdfium2": {"formats"},
    "platformdirs": {"services"},
}


def layer_of(module: str) -> str:
    """``annotator.store.tags`` -> "store"; ``annotator.bundled`` -> "bundled"."""
    parts = module.split(".")
    if parts[0] != "annotator":
        raise ValueError(module)
    if len(parts) == 1:
        return "annotator"
    return "main" if parts[1] == "__main__" else parts[1]


def imports_of(source: str, module: str) -> set[str]:
    """Every module ``source`` imports (absolute names; relative imports resolved)."""
    found = set()
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            # "from annotator.services import commands" imports annotator.services.commands
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def allowed(importer: str, imported: str) -> bool:
    mine, theirs = layer_of(importer), layer_of(imported)
    if mine == theirs or (importer, imported) in EXCEPTIONS:
        return True
    rules = ALLOWED[mine]
    if theirs in rules:
        return True
    # Rules naming one module of a layer ("store.errors") allow it and what is inside it.
    sub = ".".join(imported.split(".")[1:3])
    return sub in rules


def violations(modules: dict[str, str]) -> list[str]:
    """(importer -> imported) steps the table forbids, for {module name: source}."""
    found = []
    for module, source in sorted(modules.items()):
        mine = layer_of(module)
        wrong: set[str] = set()
        for name in imports_of(source, module):
            top = name.split(".")[0]
            if top == "annotator":
                if _is_module(name) and not allowed(module, name):
                    wrong.add(name)  # ("from annotator.x import SomeClass": x is listed too)
            elif top in FRAMEWORKS and mine not in FRAMEWORKS[top]:
                wrong.add(top)
        # "from annotator.ui import app" names the package and the module: report the module.
        wrong = {n for n in wrong if not any(o.startswith(n + ".") for o in wrong)}
        found += [f"{module} -> {name}" for name in sorted(wrong)]
    return found


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    return (
        name == "annotator"
        or (PACKAGE / relative).with_suffix(".py").is_file()
        or (PACKAGE / relative / "__init__.py").is_file()
    )


def _product_modules() -> dict[str, str]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path.read_text(encoding="utf-8")
    return modules


def test_every_import_points_down_the_layers():
    modules = _product_modules()
    assert "annotator.formats.registry" in modules and "annotator.ui.main_window" in modules
    assert set(map(layer_of, modules)) == set(ALLOWED) | {"annotator"}
    assert violations(modules) == []


@pytest.mark.parametrize(
    ("module", "source", "offence"),
    [
        # The step issue 8 found: interchange doing use-case work.
        (
            "annotator.interchange.w3c",
            "from annotator.services.sources import add_paths",
            "annotator.interchange.w3c -> annotator.services.sources",
        ),
        (
            "annotator.core.models",
            "if TYPE_CHECKING:\n    from annotator.store.library import Library",
            "annotator.core.models -> annotator.store.library",
        ),
        (
            "annotator.store.tags",
            "def f():\n    from annotator.formats import registry",
            "annotator.store.tags -> annotator.formats.registry",
        ),
        (
            "annotator.ui.tag_panel",
            "from annotator.store.tags import TagManager",
            "annotator.ui.tag_panel -> annotator.store.tags",
        ),
        ("annotator.cli.commands", "import watchdog.events", "annotator.cli.commands -> watchdog"),
        (
            "annotator.services.live",
            "from ..ui import app",
            "annotator.services.live -> annotator.ui.app",
        ),
    ],
)
def test_the_check_catches_an_upward_or_sideways_import(module, source, offence):
    assert violations({module: source}) == [offence]


def test_a_module_importing_downward_passes():
    source = (
        "from annotator.core.models import Changes\nfrom annotator.store.errors import NotFound"
    )
    assert violations({"annotator.cli.fake": source}) == []


def _store_writers() -> set[str]:
    """The managers' methods that change data (those returning an Outcome)."""
    import typing

    from annotator.core.models import Outcome
    from annotator.store.library import Library

    library = Library.open(None)
    try:
        managers = [library.sources, library.documents, library.tags, library.annotations]
        managers.append(library.project)
        return {
            name
            for manager in managers
            for name, member in vars(type(manager)).items()
            if callable(member)
            and not name.startswith("_")
            and typing.get_origin(typing.get_type_hints(member).get("return")) is Outcome
        }
    finally:
        library.close()


def direct_writes(source: str, writers: set[str]) -> list[str]:
    """Calls such as ``library.tags.create(...)``: a store write that skips the services."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        manager = node.func.value
        if not isinstance(manager, ast.Attribute) or node.func.attr not in writers:
            continue
        owner = manager.value
        name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
        if name in ("library", "lib", "_lib") and manager.attr in (
            "sources",
            "documents",
            "tags",
            "annotations",
            "project",
        ):
            found.append(f"{manager.attr}.{node.func.attr}")
    return found


def test_the_front_ends_change_the_project_only_through_the_services():
    writers = _store_writers()
    assert {"create", "set_note", "delete", "add"} <= writers
    offenders = {
        module: calls
        for module, source in _product_modules().items()
        if layer_of(module) in ("ui", "cli") and (calls := direct_writes(source, writers))
    }
    assert offenders == {}
    # The check sees one:
    assert direct_writes("lib.tags.create('x')\nlib.tags.get(1)", writers) == ["tags.create"]


def test_core_modules_import_with_every_framework_blocked():
    modules = [name for name in _product_modules() if layer_of(name) == "core"]
    assert "annotator.core.models" in modules and "annotator.core.textload" in modules
    script = (
        "import sys\n"
        f"for name in {sorted(FRAMEWORKS)!r}:\n"
        "    sys.modules[name] = None\n"
        "import importlib\n"
        f"for module in {modules!r}:\n"
        "    importlib.import_module(module)\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_blocking_really_blocks():
    # The check above would pass vacuously if a blocked import did not fail.
    script = "import sys\nsys.modules['sqlite_utils'] = None\nimport annotator.store.library\n"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "ImportError" in result.stderr or "ModuleNotFoundError" in result.stderr


_SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b\s+(\*|INTO|FROM|\w+\s*(,|FROM|SET))")


def test_no_sql_in_the_ui():
    offenders = []
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if _SQL.search(node.value):
                    offenders.append(f"{path.name}: {node.value[:60]!r}")
    assert offenders == []


def test_the_sql_pattern_catches_sql():
    assert _SQL.search("SELECT id FROM tags")
    assert _SQL.search("UPDATE annotations SET note = ?")
    assert _SQL.search("DELETE FROM tags WHERE id = ?")
    assert _SQL.search("INSERT INTO meta VALUES (?, ?)")
    assert not _SQL.search("Select a passage to annotate it")
