"""What a source reader gives back: normalised text, citation metadata, a page map, warnings."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.content import SourceContent, SourceMetadata
from annotator.core.textload import LoadError, normalise_newlines

# Every kind of space becomes a plain one, so a quote typed or searched for matches the text
# whatever the page used (a `&nbsp;` between "Xi" and "Jinping" is common).
_SPACES = re.compile(r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Invisible characters that only steer line breaking; they would split words for search.
# (Zero-width joiners stay: they shape emoji and Persian or Indic words.)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
# C0 controls other than tab and newline cannot be shown and break XML exports.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n{2,}")
# Nothing to change: visible characters with single plain spaces between them (``\s`` covers
# every Unicode space; the rest are the invisibles and controls above).
_VISIBLE = r"[^\s\x00-\x1f\x7f\u00ad\u200b\u2060\ufeff]+"
_PLAIN = re.compile(f"{_VISIBLE}(?: {_VISIBLE})*")


class Incomplete(LoadError):
    """A file that looks half-written (a zip without its directory, a PDF without its end).

    The watcher retries such a file once it settles, instead of refusing it for good.
    """


@dataclass(frozen=True, slots=True)
class Extracted:
    """A source file read into text, with the facts a citation needs where the file has them."""

    text: str  # `\n` newlines, NFC, a blank line between paragraphs, no trailing spaces
    title: str = ""
    authors: tuple[str, ...] = ()
    published: str = ""  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"; "" when unknown
    url: str = ""
    outlet: str = ""  # the publisher, site or journal
    # Sorted (offset, page label) breakpoints: an offset is on the page of the last breakpoint
    # at or before it. PDFs only; empty for the other formats.
    pages: tuple[tuple[int, str], ...] = ()
    warnings: tuple[str, ...] = ()  # for the user: "3 pages had no text layer"

    def content(self, encoding: str) -> SourceContent:
        """What a source format's ``read`` returns (``formats.registry.SourceFormat``): the
        text with its hash, the citation facts as metadata, the page map as the location map.
        ``encoding`` names how the file was read ("pdf", "docx", or the page's charset)."""
        metadata = SourceMetadata(self.title, self.authors, self.published, self.url, self.outlet)
        return SourceContent.of(
            self.text, encoding, metadata=metadata, locations=self.pages, warnings=self.warnings
        )

    def page_at(self, offset: int) -> str | None:
        """The label of the page ``offset`` is on, or None without a page map."""
        index = bisect_right(self.pages, offset, key=lambda breakpoint: breakpoint[0])
        return self.pages[index - 1][1] if index else None


def clean_paragraph(paragraph: str) -> str:
    """One paragraph normalised: NFC, plain spaces, no empty lines inside, no trailing spaces."""
    if _PLAIN.fullmatch(paragraph) and unicodedata.is_normalized("NFC", paragraph):
        return paragraph  # the common case, checked in C: a PDF has ~100 lines a page
    paragraph = unicodedata.normalize("NFC", normalise_newlines(paragraph))
    paragraph = _CONTROLS.sub("", paragraph.translate(_INVISIBLE))
    lines = (_SPACES.sub(" ", line).strip(" \t") for line in paragraph.split("\n"))
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip("\n")


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """The paragraphs normalised (``clean_paragraph``), empty ones dropped, a blank line between."""
    return "\n\n".join(p for p in map(clean_paragraph, paragraphs) if p)
