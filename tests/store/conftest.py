"""Store test fixtures: a project file in a temporary folder, and documents made from text."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.models import Document
from annotator.core.textload import decode_bytes
from annotator.store.library import Library


def add_document(lib: Library, path: str, text: str, folder: Path | None = None) -> Document:
    """Store ``text`` as the document ``path`` of a folder source (the file need not exist)."""
    source = lib.sources.add(folder or Path(lib.path or "/tmp").parent / "sources", "folder").value
    return lib.documents.add(source.id, path, decode_bytes(text.encode("utf-8"))).value


@pytest.fixture
def lib(tmp_path):
    library = Library.open(tmp_path / "project.annotator")
    yield library
    library.close()


@pytest.fixture
def add_doc():
    """``add_doc(lib, path, text)``: store a document (for tests that open their own project)."""
    return add_document
