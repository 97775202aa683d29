"""Where an import writes its texts: a fresh folder and portable, unique file names.

The texts are written into a hidden sibling of the folder first and renamed into place only
once the project has stored them, so an import that fails or is killed half-way leaves no
folder behind (and the next import is not pushed to "… sources 2").
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import uuid
from pathlib import Path

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
_SUFFIXES = (".txt", ".text", ".md", ".docx", ".doc", ".rtf", ".odt", ".pdf", ".html", ".htm")
# Leading characters of hidden, backup and lock files: a source named so would be skipped by
# the scan and the watcher ("#1 Interview", "~draft", ".hidden", "...Ellipsis").
_SKIPPED_LEADING = ".~# "


class StagingError(OSError):
    """The texts could not be written; the message says why, for the user."""


def free_folder(folder: Path) -> Path:
    """``folder``, or a numbered sibling ("… 2") when it exists and is not empty."""
    candidate, number = folder, 2
    while candidate.exists() and (not candidate.is_dir() or any(candidate.iterdir())):
        candidate = folder.with_name(f"{folder.name} {number}")
        number += 1
    return candidate


def file_name(name: str, taken: set[str]) -> str:
    """A portable .txt file name for a source called ``name``, unique among ``taken``.

    The name is always one the project reads as a source (not hidden, not a backup or a lock).
    """
    stem = name.strip()
    for suffix in _SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    stem = " ".join(_UNSAFE.sub("_", stem).split())[:100]
    stem = stem.lstrip(_SKIPPED_LEADING).rstrip(" .") or "document"
    if stem.lower() in _RESERVED:
        stem += "_"
    candidate, number = f"{stem}.txt", 2
    while candidate.lower() in taken:
        candidate, number = f"{stem} ({number}).txt", number + 1
    taken.add(candidate.lower())
    return candidate


def stage_texts(folder: Path, texts: list[tuple[str, str]]) -> Path:
    """Write ``(file name, text)`` pairs into a new hidden sibling of ``folder``; return it.

    Raises StagingError (and leaves nothing) when they cannot all be written, e.g. on a
    full disk.
    """
    staging = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}.importing")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        for name, text in texts:
            (staging / name).write_text(text, encoding="utf-8", newline="\n")
    except OSError as error:
        discard(staging)
        reason = error.strerror or str(error)
        raise StagingError(
            f"the texts could not be written next to {folder}: {reason}; nothing was imported"
        ) from error
    return staging


def move_into_place(staging: Path, folder: Path) -> str:
    """Rename ``staging`` to ``folder``; '' when done, else a problem for the report."""
    with contextlib.suppress(OSError):
        folder.rmdir()  # an empty folder of that name (free_folder accepted it)
    try:
        os.rename(staging, folder)
    except OSError as error:
        return (
            f"the texts could not be moved to {folder} ({error.strerror or error}); they are "
            f"in {staging}: rename that folder to {folder.name}"
        )
    return ""


def discard(staging: Path | None) -> None:
    if staging is not None:
        shutil.rmtree(staging, ignore_errors=True)
