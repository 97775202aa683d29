"""Write a file so that a failure never leaves it half-written: temporary file, then rename."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


class WriteError(OSError):
    """The file could not be written; the message says why, for the user."""


def write_atomic(path: Path | str, write: Callable[[Path], object]) -> None:
    """Call ``write(temporary_path)``, then move the result over ``path`` in one step.

    The file gets the mode an ordinary save would give it (an existing file's own mode, else
    0644: mkstemp alone makes it private), and reaches the disk before it replaces ``path``.
    A symbolic link is written through: the file it points to is replaced and the link stays
    (``os.replace`` onto the link would replace the link itself). A target that is not a
    regular file (a device, a FIFO, a socket, a folder) is refused before anything is written.
    """
    path = final_target(Path(path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(f"The folder {folder} does not exist.")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        reason = error.strerror or "permission denied"
        raise WriteError(f"Cannot write in {folder}: {reason}.") from error
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        with contextlib.suppress(OSError, NotImplementedError):
            os.chmod(handle, mode)
        os.close(handle)
        write(Path(temporary))
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except PermissionError as error:
        raise WriteError(
            f"Cannot replace {path.name}: it is read-only or open in another program "
            "(close it there and try again)."
        ) from error
    except OSError as error:
        if isinstance(error, WriteError):
            raise
        raise WriteError(f"Cannot save {path.name}: {error.strerror or error}.") from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def final_target(path: Path) -> Path:
    """The file a write to ``path`` should replace: the end of its symlinks, a regular file.

    Raises WriteError for a target that is not a regular file: replacing a device such as
    /dev/full (as root) or a FIFO with a file would break whatever uses it.
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return path  # a new file (or a link to where a new file goes)
    except OSError as error:
        raise WriteError(f"Cannot write {path.name}: {error.strerror or error}.") from error
    if not stat.S_ISREG(mode):
        raise WriteError(
            f"Cannot write to {path}: it is {special_kind(mode)}, not a regular file; "
            "nothing was written (choose a file name)."
        )
    return path


def special_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words ("a FIFO", "a device", ...)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def write_text_atomic(path: Path | str, text: str) -> None:
    def write(temporary: Path) -> None:
        temporary.write_text(text, encoding="utf-8")

    write_atomic(path, write)
