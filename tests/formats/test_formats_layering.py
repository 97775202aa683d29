"""The source readers stand on the core alone: no store, services, ui, watch or Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import annotator

FORMATS = Path(annotator.__file__).resolve().parent / "formats"
READERS = ("extracted", "source_file", "citation", "html_reader", "html_meta", "word_reader",
           "word_lists", "pdf_reader", "pdf_layout", "pdf_furniture", "pdf_meta")  # fmt: skip
FORBIDDEN = ("annotator.store", "annotator.services", "annotator.ui", "annotator.watch",
             "annotator.cli", "PySide6", "sqlite_utils", "watchdog")  # fmt: skip


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_readers_import_nothing_above_the_core() -> None:
    offenders = {
        name: sorted(m for m in imports(FORMATS / f"{name}.py") if m.startswith(FORBIDDEN))
        for name in READERS
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_check_sees_imports() -> None:
    assert "annotator.core.textload" in imports(FORMATS / "extracted.py")
