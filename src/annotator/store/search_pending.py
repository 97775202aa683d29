"""Search the documents still queued for the full-text index, as FTS5 would match them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# FTS5's unicode61 tokenizer: a token is a run of letters, digits and private-use characters;
# everything else (punctuation, spaces, "_") separates tokens.
_SEPARATOR = r"[\W_]+"
_TOKEN = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """``text`` as the index compares it: case folded, diacritics removed (remove_diacritics 2)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=64)
def word_pattern(word: str) -> re.Pattern[str] | None:
    """Where a search word matches: its tokens in a row, the last one as a prefix (the way
    ``"word"*`` matches in FTS5); None for a word without any token (only punctuation)."""
    tokens = _TOKEN.findall(fold(word))
    if not tokens:
        return None
    body = _SEPARATOR.join(map(re.escape, tokens))
    return re.compile(rf"(?<![^\W_]){body}")


def matches(words: Iterable[str], folded: str) -> bool:
    """Whether every search word is in the folded text."""
    for word in words:
        pattern = word_pattern(word)
        if pattern is not None and pattern.search(folded) is None:
            return False
    return True


def snippet(words: list[str], text: str, width: int = 60) -> str:
    """About ``width`` characters around the first word found, the match between [ and ]."""
    folded = fold(text)
    for word in words:
        pattern = word_pattern(word)
        found = pattern.search(folded) if pattern is not None else None
        # Folding can change lengths (ß -> ss, decomposed letters): mark only when it did not.
        if found is not None and len(folded) == len(text):
            start, end = found.span()
            end = _token_end(text, end)
            before = text[max(0, start - width // 2) : start]
            after = text[end : end + width // 2]
            return " ".join(f"…{before}[{text[start:end]}]{after}…".split())
    return " ".join(text[:width].split()) + "…"


def _token_end(text: str, at: int) -> int:
    """The end of the token a prefix match ends in (the whole word is marked, as FTS5 does)."""
    found = _TOKEN.match(text, at)
    return found.end() if found else at
