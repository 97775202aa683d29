"""Keyword in context: every place a search's words occur in a text, with the words around it.

The full-text index finds the documents; this finds the hits inside one, the way the index
matched them: each word of the query as the start of a word in the text (any case), the whole
query where its words stand together. Scripts written without spaces match anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class InContext:
    """One hit: its span in the text and the words either side (on one line)."""

    start: int
    end: int
    left: str
    keyword: str
    right: str


def hit_pattern(query: str) -> re.Pattern[str] | None:
    """What a query matches in a text (None: it has no words)."""
    words = _WORD.findall(query)
    if not words:
        return None

    def one(word: str) -> str:
        return re.escape(word) if _UNSPACED.search(word) else r"\b" + re.escape(word) + r"\w*"

    choices = []
    if len(words) > 1:  # the phrase first: where its words stand together, one hit
        choices.append(r"\W+".join(one(w) for w in words))
    choices += [one(w) for w in dict.fromkeys(words)]
    return re.compile("|".join(f"(?:{c})" for c in choices), re.IGNORECASE)


def in_context(text: str, query: str, *, width: int = 40, limit: int = 500) -> list[InContext]:
    """The hits of ``query`` in ``text`` in order, each with about ``width`` characters of
    context either side (cut at a word, white space folded), at most ``limit`` of them."""
    pattern = hit_pattern(query)
    if pattern is None:
        return []
    hits = []
    for match in pattern.finditer(text):
        start, end = match.span()
        hits.append(
            InContext(
                start, end, _left(text, start, width), match.group(), _right(text, end, width)
            )
        )
        if len(hits) >= limit:
            break
    return hits


def _left(text: str, start: int, width: int) -> str:
    piece = text[max(0, start - width) : start]
    if start > width and " " in piece.strip():
        piece = piece[piece.find(" ") + 1 :]  # from a whole word
    return _fold(piece)


def _right(text: str, end: int, width: int) -> str:
    piece = text[end : end + width]
    if end + width < len(text) and " " in piece.strip():
        piece = piece[: piece.rfind(" ")]  # to a whole word
    return _fold(piece)


def _fold(piece: str) -> str:
    """White space folded to single spaces, a space kept at either edge when there was one."""
    inner = " ".join(piece.split())
    if not inner:
        return " " if piece else ""
    lead = " " if piece[0].isspace() else ""
    trail = " " if piece[-1].isspace() else ""
    return lead + inner + trail
