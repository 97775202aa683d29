"""Write a file so that a failure never leaves it half-written: temporary file, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class WriteError(OSError):
    """The file could not be written; the message says why, for the user."""


def write_atomic(path: Path | str, write: Callable[[Path], None]) -> None:
    """Call ``write(temporary_path)``, then move the result over ``path`` in one step.

    The file gets the mode an ordinary save would give it (an existing file's own mode, else
    0644: mkstemp alone makes it private), and reaches the disk before it replaces ``path``.
    """
    path = Path(path)
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


def write_text_atomic(path: Path | str, text: str) -> None:
    write_atomic(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))
