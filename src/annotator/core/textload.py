"""Turn a file's bytes into normalised text: read them safely, detect the encoding, refuse binary.

Only decoding lives here. Which files are sources, and what else a format reads from them (a
title, authors, pages), is the formats layer's (``annotator.formats``). Offsets everywhere count
code points in the text this module returns, whose newlines are ``\\n``.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from annotator.core.atomic_write import special_kind
from annotator.core.content import SourceContent

# Larger texts are refused: a 20 MB article is almost certainly not an article, and the reading
# view, the FTS index and the briefing all slow down far beyond that.
MAX_BYTES = 20 * 1024 * 1024


# A UTF-8 file with at most this many invalid bytes (or one in a thousand, in a large file) is
# read as UTF-8 with those bytes replaced, rather than as Windows-1252 throughout: one stray
# byte must not turn every accented letter of a long UTF-8 text into mojibake.
_FEW_BAD_BYTES = 8
_BAD_BYTES_PER = 1000
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of an invalid byte
_ASCII = bytes(range(128))


class LoadError(Exception):
    """A source file that cannot be read as text; the message says why, for the user."""


class NotRegularFile(LoadError):
    """A FIFO, a device or a socket: never opened (a FIFO blocks, a device may never end)."""


def load_text(path: Path | str) -> SourceContent:
    """Read and decode the text file ``path``; LoadError with a readable reason when it cannot be
    used (see ``read_bytes``)."""
    path = Path(path)
    return decode_bytes(read_bytes(path), name=path.name)


def read_bytes(path: Path | str, limit: int = MAX_BYTES, kind: str = "text") -> bytes:
    """The bytes of ``path``; raise LoadError with a readable reason when it cannot be read.

    Only regular files are read (symlinks followed): a FIFO would block the reader until some
    writer came, and a device such as /dev/zero never ends (its size says 0). The file is read
    up to ``limit`` + 1 bytes whatever its size says. Every format reads its files here;
    ``kind`` names the format in the messages ("PDF files over 200 MB are not loaded").
    """
    path = Path(path)
    try:
        info = os.stat(path)
        _check_regular(info.st_mode, path, kind)
        if info.st_size > limit:
            raise LoadError(_too_big(path, info.st_size, limit, kind))
        # O_NONBLOCK: should the file have become a FIFO since the stat, opening it still
        # returns at once, and the fstat below refuses it (a regular file ignores the flag).
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(path, flags), "rb") as file:
            opened = os.fstat(file.fileno())
            _check_regular(opened.st_mode, path, kind)
            # Asking for the limit would allocate that much (20 MB and more) for every file:
            # read what the size says, and on only if the file grew meanwhile.
            wanted = min(opened.st_size, limit) + 1
            data = file.read(wanted)
            if len(data) == wanted and wanted <= limit:
                data += file.read(limit + 1 - wanted)
    except FileNotFoundError as error:
        raise LoadError(f"{path} does not exist") from error
    except PermissionError as error:
        raise LoadError(f"{path.name} cannot be read: permission denied") from error
    except IsADirectoryError as error:
        raise LoadError(f"{path.name} is a folder, not a {kind} file") from error
    except OSError as error:
        raise LoadError(f"{path.name} cannot be read: {error.strerror or error}") from error
    if len(data) > limit:
        raise LoadError(f"{path.name} is over {limit // 1_048_576} MB; it is not loaded")
    return data


def _check_regular(mode: int, path: Path, kind: str = "text") -> None:
    if stat.S_ISDIR(mode):
        raise LoadError(f"{path.name} is a folder, not a {kind} file")
    if not stat.S_ISREG(mode):
        raise NotRegularFile(
            f"{path.name} is not a regular file ({special_kind(mode)}); it is not read"
        )


def _too_big(path: Path, size: int, limit: int, kind: str) -> str:
    return (
        f"{path.name} is {size / 1_048_576:.1f} MB; {kind} files over "
        f"{limit // 1_048_576} MB are not loaded"
    )


def decode_bytes(data: bytes, *, name: str = "the file") -> SourceContent:
    """Decode file content to normalised text (see the module docstring), with no metadata."""
    if len(data) > MAX_BYTES:
        raise LoadError(f"{name} is over {MAX_BYTES // 1_048_576} MB; it is not loaded")
    text, encoding, replaced, cut_short = _decode(data, name)
    return SourceContent.of(
        normalise_newlines(text), encoding, replaced=replaced, cut_short=cut_short
    )


def normalise_newlines(text: str) -> str:
    """CRLF, CR and the Unicode line/paragraph separators all become ``\\n``."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return text


def _decode(data: bytes, name: str) -> tuple[str, str, int, bool]:
    """(text, encoding, bytes replaced, whether the file ends mid-character)."""
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, 0, False
            except UnicodeDecodeError as error:
                raise LoadError(
                    f"{name} starts with a {codec} mark but is not valid {codec}"
                ) from error
    if b"\x00" in data:
        raise LoadError(f"{name} looks like a binary file (it contains NUL bytes), not text")
    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data, encoding = data[len(codecs.BOM_UTF8) :], "utf-8-sig"
    try:
        return data.decode("utf-8"), encoding, 0, False
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, replaced = mostly
        return text, encoding, replaced, _cut_mid_character(data)
    try:
        return data.decode("windows-1252"), "windows-1252", 0, False
    except UnicodeDecodeError:
        # Five bytes are undefined in Windows-1252; Latin-1 maps every byte, so nothing is lost.
        return data.decode("latin-1"), "latin-1", 0, False


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 text with its few invalid bytes as U+FFFD, and their count; None for another code.

    A Windows-1252 text has its accented letters as single bytes, each invalid in UTF-8, and
    hardly ever a valid UTF-8 sequence. A UTF-8 text damaged in a few places has many valid
    sequences and few bad bytes. So: few bad bytes, and at least as many valid multi-byte
    characters as bad bytes (a text with no valid one is just as well read as Windows-1252,
    which then keeps every byte's character).
    """
    text, bad = _ESCAPED_BYTE.subn("\ufffd", data.decode("utf-8", "surrogateescape"))
    if bad > max(_FEW_BAD_BYTES, len(data) // _BAD_BYTES_PER):
        return None
    valid_high_bytes = len(data.translate(None, _ASCII)) - bad
    # Each valid multi-byte character is 2 to 4 bytes of 0x80 and above.
    if valid_high_bytes < 2 * bad:
        return None
    return text, bad


def _cut_mid_character(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8 but for an incomplete character at its very end."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True
