"""Taking a source out of a project with everything read from it, putting it back, moving it,
and writing a consistent copy of the whole project."""

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
    from annotator.store.library import Library


@dataclass(frozen=True)
class RemovedSource:
    """The rows a removed source took with it, exactly as they were (for ``restore``)."""

    source: dict[str, Any]
    documents: tuple[dict[str, Any], ...]
    annotations: tuple[dict[str, Any], ...]
    links: tuple[dict[str, Any], ...]  # annotation_tags

    def changes(self) -> Changes:
        return Changes(
            sources={self.source["id"]},
            documents={d["id"] for d in self.documents},
            annotations={a["id"] for a in self.annotations},
            tags={link["tag_id"] for link in self.links},
        )


def remove_source(lib: Library, source_id: int) -> Outcome[RemovedSource]:
    """Remove a source, its documents, their annotations and tag links, in one transaction."""
    with lib.atomic() as db:
        found = list(db.query("SELECT * FROM sources WHERE id = ?", [source_id]))
        if not found:
            raise NotFound(f"no source {source_id}")
        documents = tuple(db.query("SELECT * FROM documents WHERE source_id = ?", [source_id]))
        doc_ids = [d["id"] for d in documents]
        within = f"({', '.join('?' * len(doc_ids))})"
        annotations: tuple[dict[str, Any], ...] = ()
        links: tuple[dict[str, Any], ...] = ()
        if doc_ids:
            annotations = tuple(
                db.query(f"SELECT * FROM annotations WHERE document_id IN {within}", doc_ids)
            )
            links = tuple(
                db.query(
                    "SELECT annotation_tags.* FROM annotation_tags JOIN annotations a "
                    f"ON a.id = annotation_id WHERE a.document_id IN {within}",
                    doc_ids,
                )
            )
            db.execute(
                "DELETE FROM annotation_tags WHERE annotation_id IN "
                f"(SELECT id FROM annotations WHERE document_id IN {within})",
                doc_ids,
            )
            db.execute(f"DELETE FROM annotations WHERE document_id IN {within}", doc_ids)
            db.execute(f"DELETE FROM documents WHERE id IN {within}", doc_ids)
        db.execute("DELETE FROM sources WHERE id = ?", [source_id])
    removed = RemovedSource(found[0], documents, annotations, links)
    return Outcome(removed, removed.changes())


def restore_source(lib: Library, removed: RemovedSource) -> Outcome[None]:
    """Put a removed source back with its ids; tag links to tags deleted since are left out."""
    with lib.atomic() as db:
        if lib.sources.find(removed.source["path"]) is not None:
            raise Conflict(f"{removed.source['path']} was added to the project again meanwhile")
        db.table("sources").insert(removed.source)
        if removed.documents:
            db.table("documents").insert_all(removed.documents)
        if removed.annotations:
            db.table("annotations").insert_all(removed.annotations)
        tags = {row["id"] for row in db.query("SELECT id FROM tags")}
        links = [link for link in removed.links if link["tag_id"] in tags]
        if links:
            db.table("annotation_tags").insert_all(links)
    return Outcome(None, removed.changes())


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
