"""Which file names are source texts and which are editors' temporary or hidden files."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import PurePath

DEFAULT_SUFFIXES: tuple[str, ...] = (".txt", ".md")

# Suffixes of files that are always in flight, whatever suffixes the caller asked for: editors'
# swap files, backups, and downloads that are renamed to their real name when complete.
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
    """True for folders whose content is never a source text (.git, .obsidian, __pycache__)."""
    return name.startswith(".") or name == "__pycache__"


def is_source_name(relative: PurePath, suffixes: frozenset[str]) -> bool:
    """True if a file at ``relative`` (a path below a watched folder) is a source text.

    Every folder on the way must be visible, the name must not be a temporary one and the
    suffix (compared case-insensitively) must be one of ``suffixes``.
    """
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


def scan_sources(folder: str, suffixes: frozenset[str]) -> Iterator[str]:
    """Yield the absolute path of every source text below ``folder``, skipping hidden folders.

    Only regular files (links followed) count: a FIFO or a device named like a text is none.
    """
    for current, dirnames, filenames in os.walk(folder):
        # Pruning in place keeps os.walk out of .git and friends, which can be large.
        dirnames[:] = [name for name in dirnames if not is_hidden_folder(name)]
        for name in filenames:
            path = os.path.join(current, name)
            if is_source_name(PurePath(os.path.relpath(path, folder)), suffixes) and _regular(path):
                yield path


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False
