"""Read a source file's bytes safely: regular files only, and never more than a size limit."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from annotator.core.atomic_write import special_kind
from annotator.core.textload import MAX_BYTES, LoadError, NotRegularFile


def read_source(path: Path, limit: int, kind: str) -> bytes:
    """The bytes of ``path``, or LoadError naming the file and why it is not read.

    ``kind`` names the format in the messages ("PDF files over 200 MB are not loaded"). Like
    ``core.textload``: a FIFO, device or socket is never opened for reading (a FIFO blocks, a
    device may never end), and at most ``limit`` + 1 bytes are read whatever the size says.
    """
    try:
        info = os.stat(path)
        _check_regular(info.st_mode, path)
        if info.st_size > limit:
            raise LoadError(_too_big(path, info.st_size, limit, kind))
        # O_NONBLOCK: should the file have become a FIFO since the stat, opening it still
        # returns at once, and the fstat below refuses it (a regular file ignores the flag).
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(path, flags), "rb") as file:
            _check_regular(os.fstat(file.fileno()).st_mode, path)
            data = file.read(limit + 1)
    except FileNotFoundError as error:
        raise LoadError(f"{path} does not exist") from error
    except PermissionError as error:
        raise LoadError(f"{path.name} cannot be read: permission denied") from error
    except IsADirectoryError as error:
        raise LoadError(f"{path.name} is a folder, not a {kind} file") from error
    except OSError as error:
        raise LoadError(f"{path.name} cannot be read: {error.strerror or error}") from error
    if len(data) > limit:
        raise LoadError(_too_big(path, len(data), limit, kind))
    return data


def check_text_size(text: str, path: Path) -> None:
    """Refuse extracted text over the limit every text has (``core.textload.MAX_BYTES``)."""
    if len(text) > MAX_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise LoadError(
            f"the text of {path.name} is over {MAX_BYTES // 1_048_576} MB; it is not loaded"
        )


def _check_regular(mode: int, path: Path) -> None:
    if stat.S_ISDIR(mode):
        raise LoadError(f"{path.name} is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise NotRegularFile(
            f"{path.name} is not a regular file ({special_kind(mode)}); it is not read"
        )


def _too_big(path: Path, size: int, limit: int, kind: str) -> str:
    return (
        f"{path.name} is {size / 1_048_576:.1f} MB; {kind} files over "
        f"{limit // 1_048_576} MB are not loaded"
    )
