"""The one object in front of a project file, with a manager per kind of record (as Anki's)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from annotator.store.annotations import AnnotationManager
from annotator.store.database import open_database, translate_errors
from annotator.store.documents import DocumentManager, SourceManager
from annotator.store.project import ProjectManager
from annotator.store.search import SearchManager
from annotator.store.tags import TagManager


class Library:
    """A project: documents, tags, annotations and notes in one SQLite file.

    Every method that changes something runs in one transaction and returns a ``Changes`` record
    (or a record that allows undo together with it). Errors are ``StoreError``s with readable text.
    """

    def __init__(self, db: Database, path: Path | None) -> None:
        self.db = db
        self.path = path
        self.sources = SourceManager(self)
        self.documents = DocumentManager(self)
        self.tags = TagManager(self)
        self.annotations = AnnotationManager(self)
        self.project = ProjectManager(self)
        self.search = SearchManager(self)

    @classmethod
    def open(cls, path: Path | str | None, *, busy_timeout_ms: int | None = None) -> Library:
        """Open or create the project at ``path`` (``None``: a private in-memory project).

        ``busy_timeout_ms``: how long a write waits for another program's lock (default 3 s).
        """
        resolved = Path(path).expanduser().resolve() if path is not None else None
        if busy_timeout_ms is None:
            return cls(open_database(resolved), resolved)
        return cls(open_database(resolved, busy_timeout_ms=busy_timeout_ms), resolved)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            if self.path is not None:
                # Fold the WAL back so the project is one self-contained file when closed.
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction (nested calls become savepoints); store errors come out readable."""
        with translate_errors(self.path):
            if self.db.conn.in_transaction:
                with self.db.atomic():
                    yield self.db
                return
            # IMMEDIATE takes the write lock up front, so a project another program is writing
            # waits out the busy timeout; a deferred transaction that read first would fail at
            # once when it came to write.
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.conn.rollback()
                raise
            try:
                self.db.execute("COMMIT")
            except BaseException:
                self.db.conn.rollback()
                raise
