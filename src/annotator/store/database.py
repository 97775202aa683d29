"""Open a project file: pragmas, schema upgrade, and readable errors for locked or damaged files."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from annotator.store.errors import ProjectCorrupt, ProjectLocked, StoreError
from annotator.store.migrations import migrations

_BUSY_TIMEOUT_MS = 3000


def open_database(path: Path | str | None, *, busy_timeout_ms: int = _BUSY_TIMEOUT_MS) -> Database:
    """Open (creating if needed) and upgrade a project; ``None`` opens a private in-memory one.

    ``busy_timeout_ms`` is how long a write waits for another program's lock before giving up.
    """
    if path is None:
        db = Database(memory=True)
    else:
        path = Path(path)
        if path.is_dir():
            raise StoreError(f"{path} is a folder; a project is a single file")
        if not path.parent.is_dir():
            raise StoreError(f"the folder {path.parent} does not exist")
        try:
            db = Database(path)
        except sqlite3.Error as error:
            raise _translate(error, path) from error
    try:
        with translate_errors(path):
            db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            db.execute("PRAGMA foreign_keys = ON")
            if path is not None:
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
            tables = set(db.table_names())
            if tables and "_sqlite_migrations" not in tables:
                raise ProjectCorrupt(
                    f"{Path(path).name} is an SQLite file but not an Annotator project"
                )
            migrations.apply(db)
    except BaseException:
        db.close()
        raise
    return db


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
    if "malformed" in text or "corrupt" in text:
        return ProjectCorrupt(f"{name} is damaged ({error}); restore it from a backup")
    if "readonly" in text or "read-only" in text:
        return StoreError(f"{name} is read-only; changes cannot be saved")
    if "unable to open" in text:
        return StoreError(f"{name} cannot be opened: {error}")
    return StoreError(f"{name}: {error}")
