"""The one object in front of a project file, with a manager per kind of record (as Anki's)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from annotator.store.annotations import AnnotationManager
from annotator.store.changelog import ChangeLog, OwnWrites
from annotator.store.database import open_database, translate_errors
from annotator.store.documents import DocumentManager, SourceManager
from annotator.store.project import ProjectManager
from annotator.store.search import SearchManager, write_pending_index
from annotator.store.tags import TagManager


class Library:
    """A project: documents, tags, annotations and notes in one SQLite file.

    Every method that changes something runs in one transaction and returns a ``Changes`` record
    (or a record that allows undo together with it). Errors are ``StoreError``s with readable text.
    """

    def __init__(
        self,
        db: Database,
        path: Path | None,
        busy_timeout_ms: int | None = None,
        own_writes: OwnWrites | None = None,
    ) -> None:
        self.db = db
        self.path = path
        self._busy_timeout_ms = busy_timeout_ms
        self._wal_id = _wal_id(path)
        self.sources = SourceManager(self)
        self.documents = DocumentManager(self)
        self.tags = TagManager(self)
        self.annotations = AnnotationManager(self)
        self.project = ProjectManager(self)
        self.search = SearchManager(self)
        self.log = ChangeLog(self, own_writes)

    @classmethod
    def open(cls, path: Path | str | None, *, busy_timeout_ms: int | None = None) -> Library:
        """Open or create the project at ``path`` (``None``: a private in-memory project).

        ``busy_timeout_ms``: how long a write waits for another program's lock (default 3 s).
        """
        resolved = Path(path).expanduser().resolve() if path is not None else None
        return cls(_connect(resolved, busy_timeout_ms), resolved, busy_timeout_ms)

    def sibling(self) -> Library:
        """A second connection to the same project, for another thread of this program.

        Its writes count as this program's own: ``log.since`` leaves them out of what other
        programs changed.
        """
        if self.path is None:
            raise ValueError("an in-memory project has no second connection")
        db = _connect(self.path, self._busy_timeout_ms)
        return Library(db, self.path, self._busy_timeout_ms, own_writes=self.log.own)

    def data_version(self) -> int:
        """A number that changes when another connection commits (cheap: no table is read)."""
        with translate_errors(self.path):
            return self.db.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        with contextlib.suppress(Exception):
            if self.path is not None:
                # Fold the WAL back so the project is one self-contained file when closed.
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()

    def _reconnect_if_wal_gone(self) -> None:
        """Reopen the project when the WAL this connection writes to is no longer on disk.

        SQLite guards an open project with POSIX locks, and closing any handle on the file in
        this process drops them all: a file dialog reading the file to guess its type does it.
        Another program closing the project then believes it was the last one, folds the WAL
        into the file and deletes it; every later write of ours would go to that deleted file
        and be lost at exit. A fresh connection takes the locks again and writes to the file.
        """
        if self.path is None or _wal_id(self.path) == self._wal_id:
            return
        # Everything committed before the delete was folded into the file by the other
        # program, so the old connection has nothing left to save.
        with contextlib.suppress(Exception):
            self.db.close()
        self.db = _connect(self.path, self._busy_timeout_ms)
        self._wal_id = _wal_id(self.path)

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
            self._reconnect_if_wal_gone()
            # IMMEDIATE takes the write lock up front, so a project another program is writing
            # waits out the busy timeout; a deferred transaction that read first would fail at
            # once when it came to write.
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.log.transaction_began()
                yield self.db
                write_pending_index(self.db)
                last = self.log.transaction_committing()
            except BaseException:
                self.db.conn.rollback()
                raise
            # Marked as ours before they can be seen (a poll must not take them for another
            # program's); no lock is held over the COMMIT, which may checkpoint for a while.
            with self.log.own.lock:
                self.log.own.add(self.log.began, last, id(self))
            try:
                self.db.execute("COMMIT")
            except BaseException:
                self.db.conn.rollback()
                with self.log.own.lock:  # the numbers will be used again by the next writer
                    self.log.own.discard(self.log.began, last)
                raise


def _connect(path: Path | None, busy_timeout_ms: int | None) -> Database:
    if busy_timeout_ms is None:
        return open_database(path)
    return open_database(path, busy_timeout_ms=busy_timeout_ms)


def _wal_id(path: Path | None) -> tuple[int, int] | None:
    """Which file the project's write-ahead log is now (None: there is none)."""
    if path is None:
        return None
    try:
        stat = os.stat(f"{path}-wal")
    except OSError:
        return None
    return stat.st_dev, stat.st_ino
