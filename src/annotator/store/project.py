"""Project-wide settings and the project note, kept as key/value rows in ``meta``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.models import Changes, Outcome
from annotator.store.errors import check_expected

if TYPE_CHECKING:
    from annotator.store.library import Library


# Project settings a briefing takes its identity from (empty: the briefing's own default).
SETTINGS = ("title", "subtitle", "author", "summary_heading")


class ProjectManager:
    """The project's name, note, author and briefing settings; every change returns an
    Outcome."""

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
        """Who new annotations are credited to and the briefing's author: only a name the user
        typed ("" until then; the login name is never used)."""
        return self.get("author")

    @property
    def settings(self) -> dict[str, str]:
        """The briefing identity the user set: title, subtitle, author, summary heading."""
        return {key: self.get(key) for key in SETTINGS}

    def set_settings(self, values: dict[str, str]) -> Outcome[None]:
        """Store the given settings (unknown keys are refused; whitespace runs become one)."""
        unknown = set(values) - set(SETTINGS)
        if unknown:
            raise ValueError(f"unknown project settings: {', '.join(sorted(unknown))}")
        with self._lib.atomic() as db:
            for key, value in values.items():
                db.table("meta").upsert({"key": key, "value": " ".join(value.split())}, pk="key")
        return Outcome(None, Changes(project=True))
