"""The matrix view's data: tags × documents and tags × tags, with counts, as CSV, as filters.

Counts follow the one convention of the tag tree, the filters and the briefing (a passage under
a tag or any tag below it, once): clicking a cell shows exactly the excerpts it counts.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.atomic_write import write_atomic
from annotator.core.briefing import repair_surrogates
from annotator.core.models import ExcerptFilter, Match
from annotator.formats.briefing_csv import text_cell
from annotator.store.library import Library

DOCUMENTS, TAGS = "documents", "tags"


@dataclass(frozen=True)
class Matrix:
    """Rows are tags (tree order); columns are documents or tags; ``cells`` holds non-zeros."""

    kind: str  # DOCUMENTS or TAGS
    rows: tuple[tuple[int, str], ...]  # (tag id, tag path)
    columns: tuple[tuple[int, str], ...]  # (document id, title) or (tag id, tag path)
    cells: dict[tuple[int, int], int] = field(default_factory=dict)  # (row id, column id) -> n
    lineage: dict[int, frozenset[int]] = field(default_factory=dict)  # tag -> it and ancestors

    def count(self, row_id: int, column_id: int) -> int:
        return self.cells.get((row_id, column_id), 0)

    def implied(self, row_id: int, column_id: int) -> bool:
        """A tags × tags cell that says nothing new: a tag with itself (its total) or with a
        tag above or below it (every passage of the lower one counts under the upper)."""
        if self.kind != TAGS:
            return False
        return row_id in self.lineage.get(column_id, ()) or column_id in self.lineage.get(
            row_id, ()
        )

    @property
    def largest(self) -> int:
        """The largest count, implied cells of tags × tags left out (they would outshine all)."""
        return max((n for (a, b), n in self.cells.items() if not self.implied(a, b)), default=0)

    def excerpt_filter(self, row_id: int, column_id: int) -> ExcerptFilter:
        """The excerpts a cell counts: the tag in that document, or passages with both tags."""
        if self.kind == DOCUMENTS:
            return ExcerptFilter(tag_ids=(row_id,), document_ids=(column_id,))
        if row_id == column_id:
            return ExcerptFilter(tag_ids=(row_id,))
        return ExcerptFilter(tag_ids=(row_id, column_id), match=Match.ALL)


def _tag_rows(library: Library) -> tuple[tuple[tuple[int, str], ...], dict[int, frozenset[int]]]:
    """(tag id, path) in tree order, and each tag with its ancestors."""
    tags = library.tags.list()  # tree order: a parent's path is known before its children's
    paths: dict[int, str] = {}
    lineage: dict[int, frozenset[int]] = {}
    for tag in tags:
        parent = paths.get(tag.parent_id) if tag.parent_id is not None else None
        paths[tag.id] = f"{parent}/{tag.name}" if parent else tag.name
        above = (
            lineage.get(tag.parent_id, frozenset()) if tag.parent_id is not None else frozenset()
        )
        lineage[tag.id] = above | {tag.id}
    return tuple((tag.id, paths[tag.id]) for tag in tags), lineage


def tags_by_documents(library: Library) -> Matrix:
    """How many passages of each document fall under each tag."""
    documents = tuple((d.id, d.title or d.path) for d in library.documents.list())
    rows, lineage = _tag_rows(library)
    return Matrix(DOCUMENTS, rows, documents, library.counts.by_document(), lineage)


def tags_by_tags(library: Library) -> Matrix:
    """How many passages carry both tags (the diagonal: the tag's own total)."""
    rows, lineage = _tag_rows(library)
    return Matrix(TAGS, rows, rows, library.counts.co_occurrence(), lineage)


def render_csv(matrix: Matrix) -> str:
    """The matrix as CSV: a header of column names, then a row per tag (``\\r\\n`` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    corner = "tag \\ document" if matrix.kind == DOCUMENTS else "tag \\ tag"
    writer.writerow([corner, *(text_cell(name) for _id, name in matrix.columns)])
    for row_id, path in matrix.rows:
        writer.writerow(
            [text_cell(path), *(matrix.count(row_id, column_id) for column_id, _ in matrix.columns)]
        )
    return buffer.getvalue()


def write_csv(matrix: Matrix, path: str | os.PathLike[str]) -> Path:
    """Write the CSV atomically as UTF-8 with a BOM (Excel then reads the encoding right).

    Raises ``WriteError`` (a readable message) when ``path`` cannot be written.
    """
    target = Path(path)
    text = repair_surrogates(render_csv(matrix))
    write_atomic(target, lambda tmp: tmp.write_text(text, encoding="utf-8-sig", newline=""))
    return target
