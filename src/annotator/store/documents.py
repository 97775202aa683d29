"""Documents and their sources: the texts annotations point into."""

from __future__ import annotations

import builtins
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.content import SourceContent
from annotator.core.metadata import (
    check_field,
    check_published,
    check_url,
    clean_authors,
    clean_line,
)
from annotator.core.models import Changes, DocStatus, Document, Outcome, Source
from annotator.store import source_rows
from annotator.store.errors import Conflict, NotFound, check_expected
from annotator.store.rows import DOCUMENT_COLUMNS, json_list, now, placeholders, to_document
from annotator.store.source_rows import RemovedSource

if TYPE_CHECKING:
    from annotator.store.library import Library

_FIELDS = [column.strip() for column in DOCUMENT_COLUMNS.split(",")]
_COUNTS = (
    f"SELECT {', '.join('d.' + column for column in _FIELDS)}, "
    """
           count(a.id) AS annotation_count,
           sum(a.reviewed = 0 AND a.status != 'orphan') AS needs_review,
           sum(a.status = 'orphan') AS orphan_count
    FROM documents d LEFT JOIN annotations a ON a.document_id = d.id
"""
)
# Every column _COUNTS gives, as json_object() arguments: 'name', name, ...
_COUNTED_PAIRS = ", ".join(
    f"'{name}', {name}" for name in (*_FIELDS, "annotation_count", "needs_review", "orphan_count")
)


class SourceManager:
    """The folders and single files the project reads documents from."""

    def __init__(self, library: Library) -> None:
        self._lib = library

    def add(self, path: Path, kind: str) -> Outcome[Source]:
        """The source for ``path`` (folder or file), added unless the project has it already."""
        path_text = str(Path(path).resolve())
        existing = self.find(path_text)
        if existing:
            return Outcome(existing, Changes())
        with self._lib.atomic() as db:
            table = db.table("sources")
            table.insert({"path": path_text, "kind": kind, "added": now()})
            source = Source(_row_id(table.last_pk), path_text, kind)
        return Outcome(source, Changes(sources={source.id}))

    def relocate(self, source_id: int, path: Path) -> Outcome[None]:
        """The source's folder (or file) is now at ``path``; its documents keep their names
        relative to it, and with them every annotation."""
        path_text = str(Path(path).resolve())
        other = self.find(path_text)
        if other is not None and other.id != source_id:
            raise Conflict(f"{path_text} is already a source of the project")
        self.get(source_id)
        with self._lib.atomic() as db:
            db.execute("UPDATE sources SET path = ? WHERE id = ?", [path_text, source_id])
        return Outcome(None, Changes(sources={source_id}))

    def find(self, path: Path | str) -> Source | None:
        # A plain query: db["sources"].rows_where asks SQLite for the table and view names first
        # (three queries where one does), and a burst of file events asks once per file.
        row = self._lib.db.execute(
            "SELECT id, path, kind FROM sources WHERE path = ?", [str(path)]
        ).fetchone()
        return Source(row[0], row[1], row[2]) if row else None

    def get(self, source_id: int) -> Source:
        for source in self.list():
            if source.id == source_id:
                return source
        raise NotFound(f"no source {source_id}")

    def list(self) -> builtins.list[Source]:
        rows = self._lib.db.execute("SELECT id, path, kind FROM sources ORDER BY id")
        return [Source(row[0], row[1], row[2]) for row in rows]

    def remove(self, source_id: int) -> Outcome[RemovedSource]:
        """Take a source out with its documents and their annotations (``restore`` undoes)."""
        return source_rows.remove_source(self._lib, source_id)

    def restore(self, removed: RemovedSource) -> Outcome[None]:
        return source_rows.restore_source(self._lib, removed)

    def move(self, source_id: int, path: Path) -> Outcome[None]:
        """A single-file source whose file was renamed: it and its document follow."""
        return source_rows.move_source(self._lib, source_id, path)


class DocumentManager:
    """Read and change documents; every change is one transaction."""

    def __init__(self, library: Library) -> None:
        self._lib = library

    def add(
        self, source_id: int, path: str, content: SourceContent, *, title: str = ""
    ) -> Outcome[Document]:
        if self._exists(source_id, path):
            raise Conflict(f"{path} is already in the project")
        stamp = now()
        row = {
            "source_id": source_id,
            "path": path,
            **file_values(content),
            "format": content.format,
            "user_fields": json.dumps(["title"] if title else []),
            "text": content.text,
            "content_hash": content.content_hash,
            "status": DocStatus.PRESENT.value,
            "encoding": content.encoding,
            "word_count": content.word_count,
            "char_count": len(content.text),
            "note": "",
            "created": stamp,
            "modified": stamp,
            "read_at": stamp,
        }
        if title:
            row["title"] = check_field("title", title)
        with self._lib.atomic() as db:
            # A plain INSERT: sqlite-utils' insert reads the table's columns each time, a third
            # of the cost of adding a document in a scan of thousands.
            cursor = db.execute(
                f"INSERT INTO documents ({', '.join(row)}) VALUES ({placeholders(row)})",
                list(row.values()),
            )
            # As get() would read it back (no annotations yet), without the query.
            document = to_document({**row, "id": _row_id(cursor.lastrowid)})
        return Outcome(document, Changes(documents={document.id}))

    def get(self, document_id: int) -> Document:
        rows = list(self._lib.db.query(_COUNTS + " WHERE d.id = ? GROUP BY d.id", [document_id]))
        if not rows:
            raise NotFound(f"no document {document_id}")
        return to_document(rows[0])

    def list(self) -> builtins.list[Document]:
        """Every document, in source then path order, with annotation counts."""
        query = _COUNTS + " GROUP BY d.id ORDER BY d.source_id, d.path"
        return [to_document(row) for row in self._lib.db.query(query)]

    def many(self, ids: Iterable[int]) -> builtins.list[Document]:
        """The documents with these ids that exist, with counts, in the store's order.

        What a view refreshes after a change: only the documents it touched, never the list.
        """
        found: builtins.list[Document] = []
        for chunk in _chunks(ids):
            # As one row of JSON (see ``titles``): the window asks while the worker writes.
            query = _COUNTS + f" WHERE d.id IN ({placeholders(chunk)}) GROUP BY d.id"
            packed = self._lib.db.execute(
                f"SELECT json_group_array(json_object({_COUNTED_PAIRS})) FROM ({query})", chunk
            ).fetchone()[0]
            found.extend(to_document(row) for row in json.loads(packed or "[]"))
        return sorted(found, key=lambda d: (d.source_id, d.path))

    def titles(self, ids: Iterable[int]) -> builtins.list[tuple[int, int, str, str]]:
        """(id, source id, path, title) of the documents with these ids, in the store's order.

        Ten times quicker than ``many``: these columns come before the text in each row, so
        the text (stored in overflow pages after them) is never read.
        """
        found: builtins.list[tuple[int, int, str, str]] = []
        for chunk in _chunks(ids):
            # As one row of JSON: the window asks for thousands after a scan, and each row
            # fetched lets go of Python's lock, to wait for it while the worker computes.
            query = "SELECT json_group_array(json_array(id, source_id, path, title)) "
            query += f"FROM documents WHERE id IN ({placeholders(chunk)})"
            packed = self._lib.db.execute(query, chunk).fetchone()[0]
            found.extend((row[0], row[1], row[2], row[3]) for row in json.loads(packed or "[]"))
        return sorted(found, key=lambda row: (row[1], row[2]))

    def missing(self) -> builtins.list[Document]:
        """The documents whose file is gone from disk (indexed: no full listing)."""
        query = _COUNTS + " WHERE d.status = ? GROUP BY d.id ORDER BY d.source_id, d.path"
        return [to_document(row) for row in self._lib.db.query(query, [DocStatus.MISSING.value])]

    def text(self, document_id: int) -> str:
        rows = list(self._lib.db.query("SELECT text FROM documents WHERE id = ?", [document_id]))
        if not rows:
            raise NotFound(f"no document {document_id}")
        return rows[0]["text"]

    def stored_text(self, document_id: int) -> tuple[str, str]:
        """(text, content hash) as stored: what a reload compares and replaces."""
        row = self._lib.db.execute(
            "SELECT text, content_hash FROM documents WHERE id = ?", [document_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"no document {document_id}")
        return row[0], row[1]

    def find(self, source_id: int, path: str) -> Document | None:
        # With its counts, as get() and list() give: callers report them to the reader.
        rows = list(
            self._lib.db.query(
                _COUNTS + " WHERE d.source_id = ? AND d.path = ? GROUP BY d.id",
                [source_id, path],
            )
        )
        return to_document(rows[0]) if rows else None

    def texts(self, ids: Iterable[int]) -> Iterator[tuple[int, str]]:
        """(id, text) of the documents with these ids that exist, read in a few queries."""
        for chunk in _chunks(ids):
            query = f"SELECT id, text FROM documents WHERE id IN ({placeholders(chunk)})"
            yield from self._lib.db.execute(query, chunk)

    def _exists(self, source_id: int, path: str) -> bool:
        query = "SELECT 1 FROM documents WHERE source_id = ? AND path = ?"
        return self._lib.db.execute(query, [source_id, path]).fetchone() is not None

    def find_by_hash(self, content_hash: str) -> builtins.list[Document]:
        query = f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE content_hash = ?"
        return [to_document(row) for row in self._lib.db.query(query, [content_hash])]

    def resolve(self, ref: str) -> Document:
        """A document named by id, relative path, file name or (a unique part of) its title."""
        documents = self.list()
        if ref.isdigit():
            for doc in documents:
                if doc.id == int(ref):
                    return doc
        for key in (lambda d: d.path, lambda d: Path(d.path).name, lambda d: d.title):
            found = [doc for doc in documents if key(doc) == ref]
            if len(found) == 1:
                return found[0]
        lowered = ref.lower()
        found = [
            doc for doc in documents if lowered in doc.title.lower() or lowered in doc.path.lower()
        ]
        if len(found) == 1:
            return found[0]
        if not found:
            raise NotFound(f"no document matches '{ref}'")
        names = ", ".join(f"{doc.id}: {doc.path}" for doc in found[:5])
        raise NotFound(f"'{ref}' matches {len(found)} documents ({names}); give its id or path")

    def set_title(self, document_id: int, title: str) -> Outcome[None]:
        return self.set_field(document_id, "title", title)

    def set_field(
        self, document_id: int, name: str, value: object, *, by_user: bool = True
    ) -> Outcome[None]:
        """Set a metadata field (``core.metadata.FIELDS``), validated; ValueError says why not.

        ``by_user``: the value is the user's, and reading the file again keeps it; False hands
        the field back to the file (what undoing the user's first edit does).
        """
        stored = check_field(name, value)
        with self._lib.atomic():
            mine = set(self.get(document_id).user_fields)
            mine = mine | {name} if by_user else mine - {name}
            values: dict[str, Any] = {
                name: json.dumps(stored, ensure_ascii=False) if name == "authors" else stored,
                "user_fields": json.dumps(sorted(mine)),
            }
            return self._update(document_id, values)

    def pages(self, document_id: int) -> tuple[tuple[int, str], ...]:
        """The page map of a document: sorted (offset, page label) breakpoints; () for a
        text without pages. An offset is on the page of the last breakpoint at or before it
        (``core.metadata.page_at``)."""
        rows = list(self._lib.db.query("SELECT pages FROM documents WHERE id = ?", [document_id]))
        if not rows:
            raise NotFound(f"no document {document_id}")
        return _pages(rows[0]["pages"])

    def set_note(
        self, document_id: int, note: str, *, expected: str | None = None
    ) -> Outcome[None]:
        """``expected``: the note as the caller last read it; another one raises StaleValue."""
        with self._lib.atomic():
            check_expected(self.get(document_id).note, expected, "This document's note")
            return self._update(document_id, {"note": note})

    def set_status(self, document_id: int, status: DocStatus) -> Outcome[None]:
        return self._update(document_id, {"status": status.value})

    def relocate(self, document_id: int, source_id: int, path: str) -> Outcome[None]:
        """A renamed or moved file: same document, new place."""
        return self._update(document_id, self._place(source_id, path))

    def replace_text(
        self, document_id: int, content: SourceContent, place: tuple[int, str] | None = None
    ) -> Outcome[None]:
        """Store a new text; the caller re-anchors the annotations in the same transaction.

        The metadata the file states and its page map come with it, except the fields the user
        set (``Document.user_fields``). ``place``: (source id, path) of a file renamed and
        edited, stored in the same write (as ``relocate``; the row is written once)."""
        moved = self._place(*place) if place is not None else {}
        return self._update(
            document_id,
            {
                **moved,
                **self._from_file(document_id, content),
                "text": content.text,
                "content_hash": content.content_hash,
                "encoding": content.encoding,
                "word_count": content.word_count,
                "char_count": len(content.text),
                "status": DocStatus.PRESENT.value,
                "read_at": now(),
            },
        )

    def refresh_metadata(
        self, document_id: int, content: SourceContent, user_fields: Iterable[str] | None = None
    ) -> Outcome[None]:
        """The file's metadata and page map for a text that did not change (a Word file whose
        properties were edited); no change reported when they are as stored. ``user_fields``:
        the document's, when the caller has them (saves a look-up per file in a scan)."""
        values = self._from_file(document_id, content, user_fields)
        row = self._lib.db.execute(
            f"SELECT {', '.join(values)} FROM documents WHERE id = ?", [document_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"no document {document_id}")
        if list(row) == list(values.values()):
            return Outcome(None, Changes())
        return self._update(document_id, values)

    def _from_file(
        self, document_id: int, content: SourceContent, mine: Iterable[str] | None = None
    ) -> dict[str, Any]:
        mine = set(self._user_fields(document_id) if mine is None else mine)
        values = {k: v for k, v in file_values(content).items() if k not in mine}
        if content.format:
            values["format"] = content.format
        return values

    def _place(self, source_id: int, path: str) -> dict[str, Any]:
        """The columns that move a document to ``path``; Conflict when another is there."""
        if self._exists(source_id, path):
            raise Conflict(f"{path} is already in the project")
        return {"source_id": source_id, "path": path}

    def _user_fields(self, document_id: int) -> builtins.list[str]:
        # One column, not ``get``: its annotation counts cost ten times more, per file of a scan.
        row = self._lib.db.execute(
            "SELECT user_fields FROM documents WHERE id = ?", [document_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"no document {document_id}")
        return json_list(row[0])

    def mark_read(self, document_id: int) -> Outcome[None]:
        return self._update(document_id, {"read_at": now(), "status": DocStatus.PRESENT.value})

    def delete(self, document_id: int) -> Outcome[None]:
        """Remove a document with its annotations (an explicit user action, never automatic)."""
        self.get(document_id)
        with self._lib.atomic() as db:
            ids = [
                r["id"]
                for r in db.query("SELECT id FROM annotations WHERE document_id = ?", [document_id])
            ]
            db.execute(
                "DELETE FROM annotation_tags WHERE annotation_id IN "
                "(SELECT id FROM annotations WHERE document_id = ?)",
                [document_id],
            )
            db.execute("DELETE FROM annotations WHERE document_id = ?", [document_id])
            db.execute("DELETE FROM documents WHERE id = ?", [document_id])
        return Outcome(None, Changes(documents={document_id}, annotations=set(ids)))

    def _update(self, document_id: int, values: dict[str, Any]) -> Outcome[None]:
        with self._lib.atomic() as db:
            cursor = db.execute(
                "UPDATE documents SET "
                + ", ".join(f"{key} = ?" for key in values)
                + ", modified = ? WHERE id = ?",
                [*values.values(), now(), document_id],
            )
            if cursor.rowcount == 0:
                raise NotFound(f"no document {document_id}")
        return Outcome(None, Changes(documents={document_id}))


def file_values(content: SourceContent) -> dict[str, Any]:
    """The metadata columns as the file states them; a malformed date or URL is left out."""
    meta = content.metadata
    values: dict[str, Any] = {
        "title": clean_line(content.title)[:500] or "Untitled",
        "authors": json.dumps(clean_authors(meta.authors), ensure_ascii=False),
        "outlet": clean_line(meta.outlet),
        "published": _or_empty(check_published, meta.published),
        "url": _or_empty(check_url, meta.url),
        "pages": json.dumps([list(p) for p in content.locations], ensure_ascii=False),
    }
    return values


def _or_empty(check: Callable[[str], str], value: str) -> str:
    try:
        return check(value)
    except ValueError:
        return ""


def _pages(value: str | None) -> tuple[tuple[int, str], ...]:
    try:
        items = json.loads(value or "[]")
        return tuple((int(offset), str(label)) for offset, label in items)
    except (ValueError, TypeError):
        return ()


def _row_id(value: object) -> int:
    """The id SQLite gave the row just inserted (always set after an INSERT)."""
    assert isinstance(value, int)
    return value


def _chunks(ids: Iterable[int], size: int = 500) -> Iterator[list[int]]:
    """The ids, sorted, in lists short enough for one query's parameters."""
    wanted = sorted(set(ids))
    for at in range(0, len(wanted), size):
        yield wanted[at : at + size]
