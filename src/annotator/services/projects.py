"""Project files as a whole: a new project (empty or over the bundled articles), a copy, and
renaming a source's file on disk with its document."""

from __future__ import annotations

import os
from pathlib import Path

from annotator.bundled import seeds_dir
from annotator.core.models import Changes, Document
from annotator.services.sources import add_paths
from annotator.store.errors import StoreError
from annotator.store.library import Library

SUFFIX = ".annotator"


def project_file(path: Path | str) -> Path:
    """``path`` with the project suffix when it has none (a name typed without it)."""
    path = Path(path).expanduser()
    return path if path.suffix else path.with_name(path.name + SUFFIX)


def new_project(path: Path | str, *, seeds: bool = False) -> Path:
    """Create an empty project at ``path`` (named after the file), over the bundled seed
    articles when ``seeds``; refuse a file that exists (it is opened, never overwritten)."""
    path = project_file(path)
    if path.exists():
        raise StoreError(f"{path.name} exists already; open it, or choose a new name")
    library = Library.open(path)
    try:
        library.project.set_name(path.stem.replace("_", " "))
        if seeds:
            add_paths(library, [seeds_dir()])
    finally:
        library.close()
    return path


def source_file(library: Library, document: Document) -> Path:
    """The file on disk a document was read from."""
    source = library.sources.get(document.source_id)
    root = Path(source.path)
    return root if source.kind == "file" else root / document.path


def check_rename(library: Library, document: Document, new_name: str) -> tuple[Path, Path]:
    """(the file now, the file renamed) when ``rename_source_file`` may rename it; else
    StoreError saying why (the same path twice: nothing to do)."""
    old = source_file(library, document)
    name = new_name.strip()
    if not name or "/" in name or "\\" in name or name in (".", ".."):
        raise StoreError(f"'{new_name}' is not a file name (a name without folders)")
    new = old.with_name(name)
    if new == old:
        return old, new
    if not old.exists():
        raise StoreError(f"{old.name} is not on disk any more; there is nothing to rename")
    if new.exists():
        raise StoreError(f"{name} already exists in {old.parent}; choose another name")
    if old.resolve().is_relative_to(seeds_dir().resolve()):
        raise StoreError(f"{old.name} is one of Annotator's sample articles; they are not renamed")
    if not os.access(old.parent, os.W_OK):
        raise StoreError(f"{old.parent} is read-only: {old.name} cannot be renamed there")
    return old, new


def rename_source_file(library: Library, document: Document, new_name: str) -> Changes:
    """Rename the document's file on disk, in its folder; the document (and its annotations)
    follows. Refused with the reason when the name is taken or the folder cannot be written."""
    old, new = check_rename(library, document, new_name)
    if new == old:
        return Changes()
    name = new.name
    library.check_writable()
    source = library.sources.get(document.source_id)
    # The project first, the file second: a file that cannot be renamed puts the project back.
    if source.kind == "file":
        changes = library.sources.move(source.id, new).changes
    else:
        relative = Path(document.path).with_name(name).as_posix()
        changes = library.documents.relocate(document.id, source.id, relative).changes
    try:
        os.rename(old, new)
    except OSError as error:
        if source.kind == "file":
            library.sources.move(source.id, old)
        else:
            library.documents.relocate(document.id, source.id, document.path)
        raise StoreError(f"{old.name} could not be renamed: {error.strerror or error}") from error
    return changes
