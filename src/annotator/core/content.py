"""What a source format reads from a file: the text, how it was decoded, metadata and places.

Every source format (plain text, Markdown, and the HTML, Word and PDF readers to come) returns a
``SourceContent``: the normalised text annotations point into (code points, ``\\n`` line ends),
whatever citation metadata the file itself carries, and a location map of breakpoints such as
pages, so that an offset can be cited as "p. 12". Plain text has no locations.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass

_TITLE_MAX = 160
_BOILERPLATE = {
    "skip to content",
    "skip to main content",
    "menu",
    "search",
    "home",
    "advertisement",
}


@dataclass(frozen=True, slots=True)
class SourceMetadata:
    """Citation data as the file states it; empty where it says nothing (never guessed here)."""

    title: str = ""
    authors: tuple[str, ...] = ()
    published: str = ""  # ISO 8601 date, "YYYY-MM-DD" (or "YYYY-MM", "YYYY")
    url: str = ""
    outlet: str = ""  # the publisher or site


Location = tuple[int, str]
"""A breakpoint of the location map: from this offset on, the text is at this place ("12")."""


@dataclass(frozen=True, slots=True)
class SourceContent:
    """A source file as read: normalised text, its encoding and hash, metadata and locations."""

    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "windows-1252", … or the format's own
    content_hash: str  # sha256 of the normalised text: what tells an edit from a touch
    metadata: SourceMetadata = SourceMetadata()
    locations: tuple[Location, ...] = ()  # sorted by offset; empty for plain text
    replaced: int = 0  # bytes that were not valid UTF-8, each now U+FFFD
    cut_short: bool = False  # the only bad bytes end the file mid-character (a writer at work)
    warnings: tuple[str, ...] = ()  # for the user: "3 pages had no text layer"
    format: str = ""  # the key of the source format that read it (set by the registry)
    # Counted with the hash, where the file is read: a large scan reads in other processes.
    word_count: int = 0

    @classmethod
    def of(
        cls,
        text: str,
        encoding: str,
        *,
        metadata: SourceMetadata = SourceMetadata(),  # noqa: B008 (frozen: shared safely)
        locations: tuple[Location, ...] = (),
        replaced: int = 0,
        cut_short: bool = False,
        warnings: tuple[str, ...] = (),
        format: str = "",
    ) -> SourceContent:
        """The content of ``text`` (already normalised), its hash computed here."""
        digest = content_hash(text)
        return cls(
            text,
            encoding,
            digest,
            metadata,
            locations,
            replaced,
            cut_short,
            warnings,
            format,
            len(text.split()),
        )

    @property
    def title(self) -> str:
        """The file's own title, else the first line that reads like one."""
        return self.metadata.title or guess_title(self.text)

    @property
    def replaced_note(self) -> str:
        """ "3 bytes that are not UTF-8 were replaced" (empty when none were)."""
        n = self.replaced
        if not n:
            return ""
        if n == 1:
            return "1 byte that is not UTF-8 was replaced"
        return f"{n:,} bytes that are not UTF-8 were replaced"

    @property
    def notes(self) -> tuple[str, ...]:
        """What the reader should be told about the file: bytes replaced, the format's warnings."""
        return ((self.replaced_note,) if self.replaced else ()) + self.warnings

    def location(self, offset: int) -> str:
        """The place (e.g. the page) holding ``offset``; "" when the map says nothing there."""
        index = bisect.bisect_right(self.locations, offset, key=lambda item: item[0])
        return self.locations[index - 1][1] if index else ""


def content_hash(text: str) -> str:
    """The hash that tells whether two texts are the same (lone surrogates included)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


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
