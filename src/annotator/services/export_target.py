"""Refuse an export target that is the open project or a source the project reads."""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from annotator.core.filenames import is_source_path
from annotator.formats.registry import source_suffixes
from annotator.store.library import Library


class ExportTargetError(ValueError):
    """An export would overwrite the project or one of its sources; the message says which."""


# SQLite's companions of an open project: overwriting one corrupts or loses the project.
_COMPANIONS = (
    ("", "the open project file"),
    ("-wal", "the open project's write-ahead log"),
    ("-shm", "the open project's shared-memory index"),
    ("-journal", "the open project's rollback journal"),
)


def check_export_target(library: Library, out: Path | str) -> None:
    """Raise ExportTargetError when writing ``out`` would destroy what the project holds.

    Refused: the project file and its -wal/-shm/-journal, a source file the project reads, a
    document's file in a watched folder, and any file there that a scan would take for a new
    source. Paths are compared as the file system sees them: symbolic links are followed, and
    an existing file is compared by identity (device and inode), so another spelling of its
    name on a case-insensitive disk is caught too.
    """
    given = Path(out).expanduser()
    target = Path(os.path.realpath(given))
    if library.path is not None:
        for suffix, what in _COMPANIONS:
            if _same_place(target, Path(f"{library.path}{suffix}")):
                raise ExportTargetError(
                    f"{given} is {what}: exporting there would destroy the project. "
                    "Choose another file name; nothing was written."
                )
    folders: dict[tuple[int, int], Path] = {}
    for source in library.sources.list():
        root = Path(source.path)
        if source.kind == "file":
            if _same_place(target, root):
                raise ExportTargetError(
                    f"{given} is the source file {root}, which the project reads: exporting "
                    "there would overwrite the text and orphan its annotations. Choose another "
                    "file name; nothing was written."
                )
        elif (ident := _identity(root)) is not None:
            folders[ident] = root
    found = _watched_folder(target, folders)
    if found is None:
        return
    root, relative = found
    if not relative.parts:
        raise ExportTargetError(f"{given} is the watched folder {root}, not a file.")
    if is_source_path(relative, source_suffixes()):
        raise ExportTargetError(
            f"{given} is in the watched folder {root}: the export would overwrite a source "
            "text or be read as a new one. Choose a file outside that folder (or another "
            "kind of file); nothing was written."
        )


def _same_place(target: Path, protected: Path) -> bool:
    try:
        return os.path.samefile(target, protected)
    except OSError:
        pass
    # One of them does not exist (yet): the same folder and the same name. The name is compared
    # without case: refusing "P.annotator-WAL" on a case-sensitive disk costs nothing.
    try:
        same_folder = os.path.samefile(target.parent, protected.parent)
    except OSError:
        same_folder = target.parent == protected.parent
    return same_folder and target.name.casefold() == protected.name.casefold()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _watched_folder(
    target: Path, folders: dict[tuple[int, int], Path]
) -> tuple[Path, PurePath] | None:
    """The watched folder ``target`` is in (or is), with its path relative to that folder."""
    if not folders:
        return None
    for folder in (target, *target.parents):
        ident = _identity(folder)
        if ident is not None and ident in folders:
            return folders[ident], target.relative_to(folder)
    return None
