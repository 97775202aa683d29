"""Read a source file into normalised text: detect the encoding, refuse binary and huge files.

Offsets everywhere count code points in the text this module returns, whose newlines are ``\\n``.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

# Larger texts are refused: a 20 MB article is almost certainly not an article, and the reading
# view, the FTS index and the briefing all slow down far beyond that.
MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".markdown", ".text")

_TITLE_MAX = 160
_BOILERPLATE = {
    "skip to content",
    "skip to main content",
    "menu",
    "search",
    "home",
    "advertisement",
}


class LoadError(Exception):
    """A source file that cannot be read as text; the message says why, for the user."""


@dataclass(frozen=True, slots=True)
class LoadedText:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "utf-32", "windows-1252" or "latin-1"
    content_hash: str  # sha256 of the normalised text

    @property
    def title(self) -> str:
        return guess_title(self.text)

    @property
    def word_count(self) -> int:
        return len(self.text.split())


def is_source_name(name: str) -> bool:
    """Whether a file name is one we read (by suffix, ignoring hidden and backup files)."""
    if name.startswith((".", "~", "#")) or name.endswith("~"):
        return False
    return name.lower().endswith(SUFFIXES)


def load_text(path: Path | str) -> LoadedText:
    """Read and decode ``path``; raise LoadError with a readable reason when it cannot be used."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise LoadError(f"{path.name} is a folder, not a text file")
        if size > MAX_BYTES:
            raise LoadError(
                f"{path.name} is {size / 1_048_576:.1f} MB; texts over "
                f"{MAX_BYTES // 1_048_576} MB are not loaded"
            )
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise LoadError(f"{path} does not exist") from error
    except PermissionError as error:
        raise LoadError(f"{path.name} cannot be read: permission denied") from error
    except IsADirectoryError as error:
        raise LoadError(f"{path.name} is a folder, not a text file") from error
    except OSError as error:
        raise LoadError(f"{path.name} cannot be read: {error.strerror or error}") from error
    return decode_bytes(data, name=path.name)


def decode_bytes(data: bytes, *, name: str = "the file") -> LoadedText:
    """Decode file content to normalised text (see the module docstring)."""
    if len(data) > MAX_BYTES:
        raise LoadError(f"{name} is over {MAX_BYTES // 1_048_576} MB; it is not loaded")
    text, encoding = _decode(data, name)
    text = normalise_newlines(text)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return LoadedText(text=text, encoding=encoding, content_hash=digest)


def normalise_newlines(text: str) -> str:
    """CRLF, CR and the Unicode line/paragraph separators all become ``\\n``."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return text


def _decode(data: bytes, name: str) -> tuple[str, str]:
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as error:
                raise LoadError(
                    f"{name} starts with a {codec} mark but is not valid {codec}"
                ) from error
    if b"\x00" in data:
        raise LoadError(f"{name} looks like a binary file (it contains NUL bytes), not text")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("windows-1252"), "windows-1252"
    except UnicodeDecodeError:
        # Five bytes are undefined in Windows-1252; Latin-1 maps every byte, so nothing is lost.
        return data.decode("latin-1"), "latin-1"


def guess_title(text: str) -> str:
    """The first non-empty line that reads like a title (skipping web-page boilerplate)."""
    first = ""
    for line in text.split("\n", 200)[:200]:
        line = " ".join(line.split())
        if not line:
            continue
        first = first or line
        # Short fragments ending like a sentence ("New Times,") are mastheads, not titles.
        if line.lower() in _BOILERPLATE or (len(line.split()) < 4 and line[-1] in ",.;"):
            continue
        return _shorten(line)
    return _shorten(first) if first else "Untitled"


def _shorten(line: str) -> str:
    if len(line) <= _TITLE_MAX:
        return line
    cut = line.rfind(" ", 0, _TITLE_MAX)
    return line[: cut if cut > 40 else _TITLE_MAX].rstrip(" ,;:") + "…"
