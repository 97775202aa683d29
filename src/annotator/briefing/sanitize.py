"""Make text safe for WordprocessingML, find web addresses, and split text into its paragraphs.

python-docx (through lxml) refuses the C0 control characters other than tab, newline and carriage
return, U+FFFE/U+FFFF (ValueError) and lone surrogates (UnicodeEncodeError). The writer passes the
whole briefing through ``clean_briefing`` once, so no text reaches the document uncleaned.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

from annotator.core.briefing import repair_surrogates

T = TypeVar("T")

# Characters XML 1.0 forbids (tab, newline and carriage return are allowed). Form feed and
# vertical tab separate words (page and line breaks in old text files): they become spaces.
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_SPACING = re.compile("[\x0b\x0c]")
_CR = re.compile("\r\n?")
# lxml refuses a text node over 10,000,000 bytes when the file is read back: a paragraph longer
# than this (in characters, up to 4 bytes each) is cut at a sentence end or space.
LONG_PARAGRAPH = 2_000_000


# Anything clean_text would change: most strings have none, and skip the work.
_DIRTY = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]")
# Web addresses in notes: up to whitespace, without the punctuation that closes a sentence.
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"“”]+")
_URL_TAIL = ".,;:!?)]}'’"


def clean_text(text: str) -> str:
    """``text`` without characters Word cannot store; line ends become ``\\n``."""
    if not text or not _DIRTY.search(text):
        return text
    # Control characters are formatting debris (NULs from bad decodes): drop them, but a form
    # feed or vertical tab stood between words. A lone surrogate stood for a character that was
    # lost: mark the gap with U+FFFD.
    text = _CR.sub("\n", repair_surrogates(text))
    return _FORBIDDEN.sub("", _SPACING.sub(" ", text))


def url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each web address in ``text``."""
    spans = []
    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _URL_TAIL:
            # A closing bracket that belongs to the address ("…/Foo_(bar)") stays.
            if text[end - 1] == ")" and text.count("(", m.start(), end) >= text.count(
                ")", m.start(), end
            ):
                break
            end -= 1
        spans.append((m.start(), end))
    return spans


def clean_briefing(value: T) -> T:
    """A copy of a (frozen) dataclass tree with every string passed through ``clean_text``.

    An object shared by several parents (an excerpt under several tags) stays shared.
    """
    return _Cleaner().clean(value)


class _Cleaner:
    def __init__(self) -> None:
        self._done: dict[int, Any] = {}
        self._fields: dict[type, tuple[str, ...]] = {}

    def clean(self, value: Any) -> Any:
        if type(value) is str:  # StrEnum members are str too: their values are plain ASCII
            return clean_text(value)
        if isinstance(value, tuple):
            items = tuple(self.clean(v) for v in value)
            return value if all(a is b for a, b in zip(items, value, strict=True)) else items
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return value
        key = id(value)
        if key in self._done:
            return self._done[key]
        names = self._fields.get(type(value))
        if names is None:
            names = self._fields[type(value)] = tuple(f.name for f in dataclasses.fields(value))
        changes = {}
        for name in names:
            old = getattr(value, name)
            new = self.clean(old)
            if new is not old:
                changes[name] = new
        result = dataclasses.replace(value, **changes) if changes else value
        self._done[key] = result
        return result


_SENTENCE_END = re.compile(r"(?<=[.!?…。])[\"'”’)\]]*\s+")


def split_paragraphs(text: str, limit: int = LONG_PARAGRAPH) -> list[str]:
    """The non-empty lines of ``text``; a line is cut (at a sentence end or space) only past
    ``limit``, far beyond any real paragraph: the source's paragraphs are the briefing's."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        while len(line) > limit:
            cut = _cut_point(line, limit)
            out.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        if line:
            out.append(line)
    return out


def _cut_point(line: str, limit: int) -> int:
    # Prefer the last sentence end in the window's second half, then the last space, then a hard
    # cut (a pathological run of characters without spaces).
    best = 0
    for m in _SENTENCE_END.finditer(line, limit // 2, limit):
        best = m.end()
    if best:
        return best
    space = line.rfind(" ", limit // 2, limit)
    return space + 1 if space > 0 else limit
