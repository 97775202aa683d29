"""The one object in front of a project file, with a manager per kind of record (as Anki's)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from annotator.store.annotations import AnnotationManager
from annotator.store.changelog import ChangeLog, OwnWrites
from annotator.store.counts import CountQueries
from annotator.store.database import open_database, read_only_reason, translate_errors
from annotator.store.documents import DocumentManager, SourceManager
from annotator.store.errors import ProjectMissing, ProjectReadOnly, StoreError
from annotator.store.interchange import InterchangeManager
from annotator.store.project import ProjectManager
from annotator.store.search import SearchManager, write_pending_index
from annotator.store.source_rows import ExcludedFiles, save_copy
from annotator.store.tag_keys import TagKeys
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
        read_only: str | None = None,
        own_writes: OwnWrites | None = None,
    ) -> None:
        self.db = db
        self.path = path
        self._busy_timeout_ms = busy_timeout_ms
        # Why the project can only be read ("its folder is read-only"); None when writable.
        self.read_only_reason = read_only
        # Which file the project is: a path that later names another file (or none) is not it.
        self._file_id = _file_id(path)
        self._wal_id = _wal_id(path)
        self.sources = SourceManager(self)
        self.documents = DocumentManager(self)
        self.excluded = ExcludedFiles(self)  # files of folders the user took out
        self.tags = TagManager(self)
        self.annotations = AnnotationManager(self)
        self.project = ProjectManager(self)
        self.search = SearchManager(self)
        self.interchange = InterchangeManager(self)
        self.tag_keys = TagKeys(self)  # digit keys pinned to tags
        self.counts = CountQueries(self)  # tag totals and the matrix view's counts
        self.log = ChangeLog(self, own_writes)
        # While above 0, commits leave changed documents queued for the full-text index
        # (``index_later``); otherwise each commit indexes its own and _INDEXED_AT_COMMIT more.
        self._index_later = 0
        self._savepoints = 0  # names the nested transactions (``_savepoint``)

    @classmethod
    def open(
        cls,
        path: Path | str | None,
        *,
        busy_timeout_ms: int | None = None,
        read_only: bool | None = None,
    ) -> Library:
        """Open or create the project at ``path`` (``None``: a private in-memory project).

        ``busy_timeout_ms``: how long a write waits for another program's lock (default 3 s).
        ``read_only``: True opens it for reading only; None (the default) does so by itself
        when the file or its folder cannot be written (read-only media), or SQLite says so.
        Every write to a read-only project raises ProjectReadOnly.
        """
        resolved = Path(path).expanduser().resolve() if path is not None else None
        if resolved is None:
            return cls(_connect(None, busy_timeout_ms), None, busy_timeout_ms)
        reason = "opened read-only" if read_only else None
        if read_only is None:
            reason = read_only_reason(resolved)
        if reason is None:
            try:
                return cls(_connect(resolved, busy_timeout_ms), resolved, busy_timeout_ms)
            except ProjectReadOnly:
                if read_only is False:
                    raise
                reason = "SQLite cannot write to it"
        return cls(_connect_read_only(resolved, busy_timeout_ms), resolved, busy_timeout_ms, reason)

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def check_writable(self) -> None:
        """Raise ProjectReadOnly or ProjectMissing when a change could not be saved now."""
        if self.read_only_reason is not None:
            name = self.path.name if self.path else "the project"
            raise ProjectReadOnly(
                f"{name} is read-only ({self.read_only_reason}); changes cannot be saved"
            )
        self._check_same_file()

    def _check_same_file(self) -> None:
        """The project file must still be the one opened: never write into a stranger."""
        if self.path is None or _file_id(self.path) == self._file_id:
            return
        raise ProjectMissing(
            f"the project file {self.path} was deleted or replaced while open; nothing more "
            "is written to it: export what you need (everything saved so far can still be "
            "read), then restore the file or open another project"
        )

    def sibling(self) -> Library:
        """A second connection to the same project, for another thread of this program.

        Its writes count as this program's own: ``log.since`` leaves them out of what other
        programs changed.
        """
        if self.path is None:
            raise ValueError("an in-memory project has no second connection")
        self._check_same_file()
        if self.read_only_reason is not None:
            db = _connect_read_only(self.path, self._busy_timeout_ms)
        else:
            db = _connect(self.path, self._busy_timeout_ms, mode="rw")  # never create it
        return Library(
            db, self.path, self._busy_timeout_ms, self.read_only_reason, own_writes=self.log.own
        )

    def data_version(self) -> int:
        """A number that changes when another connection commits (cheap: no table is read)."""
        with translate_errors(self.path):
            return self.db.execute("PRAGMA data_version").fetchone()[0]

    def save_copy(self, target: Path | str) -> None:
        """Write a consistent copy of the project to ``target`` (never the project itself)."""
        save_copy(self, Path(target))

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
        # Only the same file: a deleted project must not be recreated empty by the reconnect
        # (SQLite creates a missing file on open), nor another file written in its place.
        self._check_same_file()
        # Everything committed before the delete was folded into the file by the other
        # program, so the old connection has nothing left to save.
        with contextlib.suppress(Exception):
            self.db.close()
        self.db = _connect(self.path, self._busy_timeout_ms, mode="rw")
        self._wal_id = _wal_id(self.path)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def index_later(self) -> Iterator[None]:
        """Leave the documents written meanwhile queued for the full-text index.

        For bulk work (a scan of thousands of files): tokenising their texts was half of a
        scan's time. The queue is committed with the documents, so nothing is lost if the run
        stops; ``search.documents`` searches queued documents in their text, and
        ``search.index_pending`` indexes them (the window does it in slices when idle, the
        command line before it exits).
        """
        self._index_later += 1
        try:
            yield
        finally:
            self._index_later -= 1

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction (nested calls become savepoints); store errors come out readable."""
        with translate_errors(self.path):
            if self.db.conn.in_transaction:
                with self._savepoint():
                    yield self.db
                return
            self.check_writable()
            self._reconnect_if_wal_gone()
            # IMMEDIATE takes the write lock up front, so a project another program is writing
            # waits out the busy timeout; a deferred transaction that read first would fail at
            # once when it came to write.
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.log.transaction_began()
                yield self.db
                if not self._index_later:
                    write_pending_index(self.db, _INDEXED_AT_COMMIT, self.log.began)
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

    @contextlib.contextmanager
    def _savepoint(self) -> Iterator[None]:
        """A nested transaction. sqlite-utils names each savepoint with 16 random bytes from
        the system (a system call per document a scan writes): a counter is enough."""
        self._savepoints += 1
        name = f"annotator_{self._savepoints}"
        conn = self.db.conn
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            # A RAISE(ROLLBACK) trigger may have ended the whole transaction, savepoint and all.
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {name}")


# Besides its own documents, a commit indexes at most this many of those left queued (by a
# scan): a backlog never makes an edit on the window's thread wait for all of it.
_INDEXED_AT_COMMIT = 50


def _connect(path: Path | None, busy_timeout_ms: int | None, mode: str = "rwc") -> Database:
    if busy_timeout_ms is None:
        return open_database(path, mode=mode)
    return open_database(path, busy_timeout_ms=busy_timeout_ms, mode=mode)


def _connect_read_only(path: Path, busy_timeout_ms: int | None) -> Database:
    """Open for reading; on media where SQLite cannot keep its -shm index, as immutable."""
    try:
        return _connect(path, busy_timeout_ms, mode="ro")
    except ProjectReadOnly:
        raise
    except StoreError:
        # A WAL project needs its -shm file, which a read-only folder cannot hold: read the
        # file as it is (immutable: no locks, nobody else is expected to write there).
        return _connect(path, busy_timeout_ms, mode="immutable")


def _file_id(path: Path | None) -> tuple[int, int] | None:
    """Which file the project is (device, inode); None when there is none at ``path``."""
    if path is None:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _wal_id(path: Path | None) -> tuple[int, int] | None:
    """Which file the project's write-ahead log is now (None: there is none)."""
    if path is None:
        return None
    try:
        stat = os.stat(f"{path}-wal")
    except OSError:
        return None
    return stat.st_dev, stat.st_ino
