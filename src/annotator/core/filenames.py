"""Which names in a source folder can be sources: not hidden, not an editor's temporary file.

The scan, ``add`` and the watcher all ask here (with the suffixes the formats layer reads), so a
file one of them takes as a source is a source for the others too.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import PurePath

# Suffixes of files that are always in flight, whatever the formats read: editors' swap files,
# backups, and downloads that are renamed to their real name when complete.
TEMP_SUFFIXES: frozenset[str] = frozenset(
    {
        ".swp",
        ".swx",
        ".swo",
        ".swn",
        ".kate-swp",
        ".tmp",
        ".temp",
        ".part",
        ".partial",
        ".crdownload",
        ".download",
        ".opdownload",
        ".filepart",
        ".bak",
        ".orig",
        ".rej",
    }
)

# Exact names that editors create and delete to probe a folder (vim writes "4913" to test whether
# it may create files there).
TEMP_NAMES: frozenset[str] = frozenset({"4913", "5036", "desktop.ini", "thumbs.db"})

# Prefixes of hidden files, emacs autosaves and locks (#x#, .#x), gedit/GIO's .goutputstream-*,
# LibreOffice locks (.~lock.x#) and Office owner files (~$x).
_TEMP_PREFIXES = (".", "#", "~")
_TEMP_ENDINGS = ("~", "#", "___jb_tmp___", "___jb_old___")


def normalise_suffixes(suffixes: Iterable[str]) -> frozenset[str]:
    """Lower-case the suffixes and give each its leading dot, so ".TXT", "txt" and ".txt" agree."""
    result = set()
    for suffix in suffixes:
        clean = suffix.strip().lower()
        if not clean:
            raise ValueError("An empty suffix would match every file; give suffixes like '.txt'.")
        result.add(clean if clean.startswith(".") else "." + clean)
    return frozenset(result)


def is_temporary_name(name: str) -> bool:
    """True for hidden files, editors' swap/backup/probe files and unfinished downloads."""
    if not name or name.startswith(_TEMP_PREFIXES) or name.endswith(_TEMP_ENDINGS):
        return True
    lower = name.lower()
    if lower in TEMP_NAMES:
        return True
    dot = lower.rfind(".")
    return dot > 0 and lower[dot:] in TEMP_SUFFIXES


def is_hidden_folder(name: str) -> bool:
    """True for folders whose content is never a source (.git, .obsidian, __pycache__, __MACOSX)."""
    return name.startswith((".", "__"))


def is_source_path(relative: PurePath, suffixes: Collection[str]) -> bool:
    """True if a file at ``relative`` (a path below a source folder, or a bare file name) is a
    source: every folder on the way visible, the name not a temporary one, and its suffix
    (compared case-insensitively) one of ``suffixes`` (lower-case, with their dots)."""
    parts = relative.parts
    if not parts or any(part in ("", ".", "..") for part in parts):
        return False
    if any(is_hidden_folder(part) for part in parts[:-1]):
        return False
    name = parts[-1]
    if is_temporary_name(name):
        return False
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in suffixes
