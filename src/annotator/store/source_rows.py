"""Taking a source, or one document of a folder, out of a project with everything read from it,
putting it back, moving it, and writing a consistent copy of the whole project."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.models import Changes, Outcome
from annotator.store.database import translate_errors
from annotator.store.errors import Conflict, NotFound, StoreError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from annotator.store.library import Library


@dataclass(frozen=True)
class RemovedSource:
    """The rows a removed source took with it, exactly as they were (for ``restore``)."""

    source: dict[str, Any]
    documents: tuple[dict[str, Any], ...]
    annotations: tuple[dict[str, Any], ...]
    links: tuple[dict[str, Any], ...]  # annotation_tags
    previous: tuple[dict[str, Any], ...] = ()  # annotation_previous: wording before an edit
    excluded: tuple[dict[str, Any], ...] = ()  # excluded_files: its files left out

    def changes(self) -> Changes:
        return Changes(
            sources={self.source["id"]},
            documents={d["id"] for d in self.documents},
            annotations={a["id"] for a in self.annotations},
            tags={link["tag_id"] for link in self.links},
        )


@dataclass(frozen=True)
class RemovedDocument:
    """One document of a folder taken out, with its rows exactly as they were; its file is
    left out of the folder until it is added again (or the removal undone)."""

    document: dict[str, Any]
    annotations: tuple[dict[str, Any], ...]
    links: tuple[dict[str, Any], ...]
    previous: tuple[dict[str, Any], ...]

    def changes(self) -> Changes:
        return Changes(
            documents={self.document["id"]},
            annotations={a["id"] for a in self.annotations},
            tags={link["tag_id"] for link in self.links},
        )


_Rows = tuple[tuple[dict[str, Any], ...], ...]


def _take_documents(db: Database, doc_ids: list[int]) -> _Rows:
    """Delete these documents with their annotations, tag links and earlier wordings; return
    (annotations, links, previous) as they were."""
    if not doc_ids:
        return (), (), ()
    within = f"({', '.join('?' * len(doc_ids))})"
    of_annotations = f"(SELECT id FROM annotations WHERE document_id IN {within})"
    annotations = tuple(
        db.query(f"SELECT * FROM annotations WHERE document_id IN {within}", doc_ids)
    )
    links = tuple(
        db.query(f"SELECT * FROM annotation_tags WHERE annotation_id IN {of_annotations}", doc_ids)
    )
    previous = tuple(
        db.query(
            f"SELECT * FROM annotation_previous WHERE annotation_id IN {of_annotations}", doc_ids
        )
    )
    for table in ("annotation_tags", "annotation_previous"):
        db.execute(f"DELETE FROM {table} WHERE annotation_id IN {of_annotations}", doc_ids)
    db.execute(f"DELETE FROM annotations WHERE document_id IN {within}", doc_ids)
    db.execute(f"DELETE FROM documents WHERE id IN {within}", doc_ids)
    return annotations, links, previous


def _put_back(
    db: Database,
    documents: tuple[dict[str, Any], ...],
    annotations: tuple[dict[str, Any], ...],
    links: tuple[dict[str, Any], ...],
    previous: tuple[dict[str, Any], ...],
) -> None:
    """Insert rows taken by ``_take_documents``; tag links to tags deleted since are left out."""
    if documents:
        db.table("documents").insert_all(documents)
    if annotations:
        db.table("annotations").insert_all(annotations)
    tags = {row["id"] for row in db.query("SELECT id FROM tags")}
    kept = [link for link in links if link["tag_id"] in tags]
    if kept:
        db.table("annotation_tags").insert_all(kept)
    if previous:
        db.table("annotation_previous").insert_all(previous)


def remove_source(lib: Library, source_id: int) -> Outcome[RemovedSource]:
    """Remove a source, its documents, their annotations and tag links, in one transaction."""
    with lib.atomic() as db:
        found = list(db.query("SELECT * FROM sources WHERE id = ?", [source_id]))
        if not found:
            raise NotFound(f"no source {source_id}")
        documents = tuple(db.query("SELECT * FROM documents WHERE source_id = ?", [source_id]))
        excluded = tuple(db.query("SELECT * FROM excluded_files WHERE source_id = ?", [source_id]))
        annotations, links, previous = _take_documents(db, [d["id"] for d in documents])
        db.execute("DELETE FROM excluded_files WHERE source_id = ?", [source_id])
        db.execute("DELETE FROM sources WHERE id = ?", [source_id])
    removed = RemovedSource(found[0], documents, annotations, links, previous, excluded)
    return Outcome(removed, removed.changes())


def restore_source(lib: Library, removed: RemovedSource) -> Outcome[None]:
    """Put a removed source back with its ids; tag links to tags deleted since are left out."""
    with lib.atomic() as db:
        if lib.sources.find(removed.source["path"]) is not None:
            raise Conflict(f"{removed.source['path']} was added to the project again meanwhile")
        db.table("sources").insert(removed.source)
        _put_back(db, removed.documents, removed.annotations, removed.links, removed.previous)
        if removed.excluded:
            db.table("excluded_files").insert_all(removed.excluded)
    return Outcome(None, removed.changes())


def remove_document(lib: Library, document_id: int) -> Outcome[RemovedDocument]:
    """Take one document of a folder out with its annotations; its file is left out of the
    folder (scan, watcher, adding the folder) until added by name or restored."""
    with lib.atomic() as db:
        found = list(db.query("SELECT * FROM documents WHERE id = ?", [document_id]))
        if not found:
            raise NotFound(f"no document {document_id}")
        document = found[0]
        kind = db.execute("SELECT kind FROM sources WHERE id = ?", [document["source_id"]])
        if kind.fetchone() != ("folder",):
            raise Conflict(f"{document['path']} is a source of its own: remove the source")
        annotations, links, previous = _take_documents(db, [document_id])
        db.execute(
            "INSERT OR IGNORE INTO excluded_files (source_id, path) VALUES (?, ?)",
            [document["source_id"], document["path"]],
        )
    removed = RemovedDocument(document, annotations, links, previous)
    return Outcome(removed, removed.changes())


def restore_document(lib: Library, removed: RemovedDocument) -> Outcome[None]:
    """Put a removed document back with its ids, and its file back into its folder."""
    source_id, path = removed.document["source_id"], removed.document["path"]
    with lib.atomic() as db:
        folder = db.execute("SELECT path FROM sources WHERE id = ?", [source_id]).fetchone()
        if folder is None:
            raise Conflict(f"the folder of {path} is no longer in the project")
        if lib.documents.find(source_id, path) is not None:
            raise Conflict(f"{path} was added to {Path(folder[0]).name} again meanwhile")
        # Its exclusion goes with the insert (the trigger of migration m014).
        _put_back(db, (removed.document,), removed.annotations, removed.links, removed.previous)
    return Outcome(None, removed.changes())


class ExcludedFiles:
    """The files of watched folders left out of the project: a document the user removed on
    its own. The scan, the watcher and adding the folder again skip them."""

    def __init__(self, library: Library) -> None:
        self._lib = library

    def remove_document(self, document_id: int) -> Outcome[RemovedDocument]:
        return remove_document(self._lib, document_id)

    def restore_document(self, removed: RemovedDocument) -> Outcome[None]:
        return restore_document(self._lib, removed)

    def all(self) -> set[tuple[int, str]]:
        """(source id, path inside the folder) of every file left out."""
        rows = self._lib.db.execute("SELECT source_id, path FROM excluded_files")
        return {(row[0], row[1]) for row in rows}

    def has(self, source_id: int, path: str) -> bool:
        query = "SELECT 1 FROM excluded_files WHERE source_id = ? AND path = ?"
        return self._lib.db.execute(query, [source_id, path]).fetchone() is not None


def move_source(lib: Library, source_id: int, path: Path) -> Outcome[None]:
    """A single-file source renamed on disk: the source and its one document follow."""
    path_text = str(Path(path).resolve())
    if lib.sources.find(path_text) is not None:
        raise Conflict(f"{path_text} is already in the project")
    with lib.atomic() as db:
        cursor = db.execute("UPDATE sources SET path = ? WHERE id = ?", [path_text, source_id])
        if cursor.rowcount == 0:
            raise NotFound(f"no source {source_id}")
        ids = [
            r["id"] for r in db.query("SELECT id FROM documents WHERE source_id = ?", [source_id])
        ]
        db.execute(
            "UPDATE documents SET path = ? WHERE source_id = ?", [Path(path).name, source_id]
        )
    return Outcome(None, Changes(sources={source_id}, documents=set(ids)))


def save_copy(lib: Library, target: Path) -> None:
    """Write a consistent, self-contained copy of the open project to ``target``.

    ``VACUUM INTO`` reads one snapshot of the database, the write-ahead log included, where a
    file copy of a WAL project can miss recent commits or catch one half-written. The copy is
    made beside ``target`` and moved over it only when complete.
    """
    target = Path(target).expanduser().resolve()
    if lib.path is not None and target in {lib.path, *_wal_files(lib.path)}:
        raise Conflict(f"{target.name} is the open project; choose another file for the copy")
    if target.is_dir():
        raise StoreError(f"{target} is a folder; a project is a single file")
    if not target.parent.is_dir():
        raise StoreError(f"the folder {target.parent} does not exist")
    partial = target.with_name(f".{target.name}.partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    try:
        with translate_errors(target):
            lib.db.execute("VACUUM INTO ?", [str(partial)])
        os.replace(partial, target)
    except OSError as error:
        raise StoreError(
            f"{target.name} could not be written: {error.strerror or error}"
        ) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()


def _wal_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
