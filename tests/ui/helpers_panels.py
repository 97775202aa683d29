"""Shared set-up for the side-panel tests: an in-memory project over the seed texts, with tags."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from annotator.bundled import seeds_dir
from annotator.services.sources import add_paths, scan
from annotator.store.library import Library
from annotator.ui.controller import ProjectController


@dataclass
class Seeded:
    controller: ProjectController
    tags: dict[str, int]  # tag path -> id
    documents: list[int]

    @property
    def library(self) -> Library:
        return self.controller.library


def seeded(*, annotate: bool = True) -> Seeded:
    """The seed texts, a small tag tree (two levels) and a few tagged annotations."""
    library = Library.open(None)
    add_paths(library, [seeds_dir()])
    tags: dict[str, int] = {}
    for path in ("Energy", "Energy/Oil", "Energy/Renewables", "Security", "Economy", "Method"):
        tags[path] = library.tags.ensure_path(path).value.id
    documents = [d.id for d in library.documents.list()]
    if annotate:
        first, second = documents[0], documents[1]
        library.annotations.create(first, 0, 20, tag_ids=[tags["Energy"], tags["Security"]])
        library.annotations.create(first, 40, 80, tag_ids=[tags["Energy/Oil"]])
        library.annotations.create(second, 10, 30, tag_ids=[tags["Energy/Oil"], tags["Economy"]])
    return Seeded(ProjectController(library), tags, documents)


def copied(tmp_path: Path) -> Seeded:
    """Like ``seeded`` but over a copy of the seed folder, so tests can edit or delete files."""
    folder = tmp_path / "sources"
    shutil.copytree(seeds_dir(), folder)
    library = Library.open(tmp_path / "project.annotator")
    add_paths(library, [folder])
    tag = library.tags.create("Energy").value
    documents = [d.id for d in library.documents.list()]
    return Seeded(ProjectController(library), {"Energy": tag.id}, documents)


def edit_inside(data: Seeded, document_id: int, start: int, end: int) -> int:
    """Annotate ``start``-``end``, then change a word inside it on disk and rescan.

    Returns the annotation id; its anchor comes back edited (or moved) and needs review.
    The rescan is announced through the controller, as the main window does.
    """
    library = data.library
    annotation = library.annotations.create(
        document_id, start, end, tag_ids=[data.tags["Energy"]]
    ).value
    document = library.documents.get(document_id)
    path = Path(library.sources.get(document.source_id).path) / document.path
    text = library.documents.text(document_id)
    quote = text[start:end]
    words = quote.split()
    middle = words[len(words) // 2]
    changed = quote.replace(middle, middle.upper() + "X", 1)
    path.write_text(text[:start] + changed + text[end:], encoding="utf-8")
    data.controller.notify(scan(library).changes)
    return annotation.id
