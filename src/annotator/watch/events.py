"""What the watcher reports: SourceEvent, and WatchError for paths that cannot be watched."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class WatchError(Exception):
    """A path cannot be watched; the message says why in words a user understands."""


@dataclass(frozen=True)
class SourceEvent:
    """A settled change to one source file, as seen from one watched root."""

    kind: str  # "changed" (exists now, content may differ), "deleted" or "moved"
    root: Path  # the watched root (folder or single file), as given to watch()
    path: Path  # absolute path; for "moved" the new path
    old_path: Path | None = None  # for "moved": where the file was

    @property
    def name(self) -> str:
        """The document's name: its POSIX path relative to a folder root, or a file's own name."""
        return _name_in(self.root, self.path)

    @property
    def old_name(self) -> str | None:
        return None if self.old_path is None else _name_in(self.root, self.old_path)


def _name_in(root: Path, path: Path) -> str:
    return path.name if path == root else path.relative_to(root).as_posix()
