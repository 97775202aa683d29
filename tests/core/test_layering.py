"""The layers stay apart: the core imports no framework, only ui/ imports Qt or holds no SQL."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import annotator

PACKAGE = Path(annotator.__file__).resolve().parent
FRAMEWORKS = ("PySide6", "sqlite_utils", "docx", "watchdog", "fast_diff_match_patch", "rapidfuzz")


def _modules(folder: Path) -> list[str]:
    names = []
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_core_modules_import_with_every_framework_blocked():
    modules = _modules(PACKAGE / "core")
    assert "annotator.core.models" in modules and "annotator.core.textload" in modules
    script = (
        "import sys\n"
        f"for name in {FRAMEWORKS!r}:\n"
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


def test_only_the_ui_imports_qt():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if (PACKAGE / "ui") in path.parents:
            continue
        if any(m == "PySide6" or m.startswith("PySide6.") for m in _imported_modules(path)):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


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
