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
    """Call ``write(temporary_path)``, then move the result over ``path`` in one step."""
    path = Path(path)
    if not path.parent.is_dir():
        raise WriteError(f"the folder {path.parent} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except PermissionError as error:
        raise WriteError(f"cannot write in {path.parent}: permission denied") from error
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except PermissionError as error:
        raise WriteError(
            f"{path.name} cannot be replaced: it is open in another program or read-only"
        ) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def write_text_atomic(path: Path | str, text: str) -> None:
    write_atomic(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))
