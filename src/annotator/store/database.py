"""Open a project file: pragmas, schema upgrade, and readable errors for locked or damaged files."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from annotator.store.errors import ProjectCorrupt, ProjectLocked, ProjectReadOnly, StoreError
from annotator.store.migrations import migrations

_BUSY_TIMEOUT_MS = 3000


class ProjectDatabase(Database):
    """sqlite-utils' Database whose reads, too, fail with readable StoreErrors.

    A damaged page shows only when a query reaches it; without this a plain read (listing the
    documents) raised sqlite3.DatabaseError and the command line or the app died with a
    traceback instead of saying that the project is damaged.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self.project_path = path
        super().__init__(connection)

    def execute(
        self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None
    ) -> sqlite3.Cursor:
        with translate_errors(self.project_path):
            return super().execute(sql, parameters)

    def query(
        self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None
    ) -> Generator[dict[str, Any], None, None]:
        with translate_errors(self.project_path):
            rows = super().query(sql, params)
        return _translated(rows, self.project_path)


def _translated(
    rows: Iterator[dict[str, Any]], path: Path | None
) -> Generator[dict[str, Any], None, None]:
    # Rows are fetched lazily: a damaged page may show only half-way through them.
    with translate_errors(path):
        yield from rows


def open_database(
    path: Path | str | None,
    *,
    busy_timeout_ms: int = _BUSY_TIMEOUT_MS,
    mode: str = "rwc",
) -> Database:
    """Open and upgrade a project; ``None`` opens a private in-memory one.

    ``mode``: "rwc" opens or creates, "rw" opens only an existing file (never creates an empty
    one in place of a deleted project), "ro" opens read-only (nothing is written, not even the
    schema upgrade), "immutable" reads a file on read-only media where SQLite cannot even keep
    its shared-memory index. ``busy_timeout_ms`` is how long a write waits for another program.
    """
    if path is None:
        db: Database = ProjectDatabase(sqlite3.connect(":memory:"), None)
    else:
        path = Path(path)
        if path.is_dir():
            raise StoreError(f"{path} is a folder; a project is a single file")
        if not path.parent.is_dir():
            raise StoreError(f"the folder {path.parent} does not exist")
        try:
            db = ProjectDatabase(sqlite3.connect(_uri(path, mode), uri=True), path)
        except sqlite3.Error as error:
            raise _translate(error, path) from error
    try:
        with translate_errors(path):
            db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            db.execute("PRAGMA foreign_keys = ON")
            writable = mode in ("rw", "rwc")
            if path is not None and writable:
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
            tables = set(db.table_names())
            name = path.name if path is not None else "the project"
            if tables and "_sqlite_migrations" not in tables:
                raise ProjectCorrupt(f"{name} is an SQLite file but not an Annotator project")
            if writable or path is None:
                migrations.apply(db)
            elif not tables or migrations.pending(db):
                raise ProjectReadOnly(
                    f"{name} is read-only and was made by an older version of "
                    "Annotator: it cannot be upgraded to be opened here"
                )
    except BaseException:
        db.close()
        raise
    return db


def _uri(path: Path, mode: str) -> str:
    uri = Path(os.path.abspath(path)).as_uri()
    if mode == "immutable":
        return f"{uri}?mode=ro&immutable=1"
    return f"{uri}?mode={mode}"


def read_only_reason(path: Path) -> str | None:
    """Why the project at ``path`` can only be read (None: it can be written).

    SQLite writes a project in WAL mode next to it (``-wal`` and ``-shm`` files), so the
    folder must be writable as well as the file.
    """
    if not path.exists():
        return None  # a new project: creating it says whether that is possible
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK):
        return "its folder is read-only"
    return None


@contextlib.contextmanager
def translate_errors(path: Path | str | None = None) -> Iterator[None]:
    """Turn sqlite3's errors into StoreErrors whose messages a user can act on."""
    try:
        yield
    except sqlite3.Error as error:
        raise _translate(error, path) from error


def _translate(error: sqlite3.Error, path: Path | str | None) -> StoreError:
    name = Path(path).name if path else "the project"
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return ProjectLocked(
            f"{name} is locked by another program; close it there and try again (nothing was lost)"
        )
    if "not a database" in text:
        # Learnt from SQLite, never by reading the file ourselves: closing any handle on the
        # file drops the SQLite locks this process may hold on it (POSIX locks are per
        # process), and another program may then delete the write-ahead log under us.
        return ProjectCorrupt(f"{name} is not an Annotator project (not an SQLite database)")
    if "malformed" in text or "corrupt" in text or "could not decode" in text:
        return ProjectCorrupt(f"{name} is damaged ({error}); restore it from a backup")
    if "readonly" in text or "read-only" in text:
        return ProjectReadOnly(f"{name} is read-only; changes cannot be saved")
    if "unable to open" in text:
        return StoreError(f"{name} cannot be opened: {error}")
    return StoreError(f"{name}: {error}")
