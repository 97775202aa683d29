"""Project-wide settings and the project note, kept as key/value rows in ``meta``."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.models import Changes, Outcome
from annotator.store.errors import check_expected

if TYPE_CHECKING:
    from annotator.store.library import Library


class ProjectManager:
    """The project's name, note and author; every change returns an Outcome."""

    def __init__(self, library: Library) -> None:
        self._lib = library

    def get(self, key: str, default: str = "") -> str:
        row = self._lib.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set(self, key: str, value: str) -> Outcome[None]:
        with self._lib.atomic() as db:
            db.table("meta").upsert({"key": key, "value": value}, pk="key")
        return Outcome(None, Changes(project=True))

    @property
    def name(self) -> str:
        fallback = (
            Path(self._lib.path).stem.replace("_", " ") if self._lib.path else "Untitled project"
        )
        return self.get("name", fallback)

    def set_name(self, name: str) -> Outcome[None]:
        name = " ".join(name.split())
        if not name:
            raise ValueError("a project name cannot be empty")
        return self.set("name", name)

    @property
    def note(self) -> str:
        return self.get("note")

    def set_note(self, note: str, *, expected: str | None = None) -> Outcome[None]:
        """``expected``: the note as the caller last read it; another one raises StaleValue."""
        with self._lib.atomic():
            check_expected(self.note, expected, "The project note")
            return self.set("note", note)

    @property
    def author(self) -> str:
        """Who new annotations are credited to (the system user until set)."""
        stored = self.get("author")
        if stored:
            return stored
        try:
            return getpass.getuser()
        except Exception:  # some sandboxes and services have no user name
            return ""
