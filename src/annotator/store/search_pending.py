"""Search the documents still queued for the full-text index, as FTS5 would match them."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import cache, lru_cache

# FTS5's unicode61 tokenizer: a token is a run of letters, digits and private-use characters;
# everything else (punctuation, spaces, "_") separates tokens.
_SEPARATOR = r"[\W_]+"
_TOKEN = re.compile(r"[^\W_]+")
# The Latin letters remove_diacritics takes accents from (Latin-1, Extended-A and -B,
# Extended Additional).
_LATIN = (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))


def fold(text: str) -> str:
    """``text`` as the index compares it: case folded, diacritics removed (remove_diacritics 2)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _accented() -> dict[str, str]:
    """Each unaccented letter and the accented Latin letters that fold to it ("e" -> "éèêë…")."""
    variants: defaultdict[str, str] = defaultdict(str)
    for code in _LATIN:
        letter = chr(code)
        base = fold(letter)
        if len(base) == 1 and base != letter.lower():
            variants[base] += letter
    return dict(variants)


@lru_cache(maxsize=64)
def word_pattern(word: str) -> re.Pattern[str] | None:
    """Where a search word may match in a text as written: its tokens in a row, the last one as
    a prefix (the way ``"word"*`` matches in FTS5), in any case and with or without accents;
    None for a word without any token (only punctuation). ``find`` checks that a match starts
    a token.

    The text is never folded (that took milliseconds per document): the pattern is. Both cases
    are spelled out, and the start of a token is checked only where the word is found: a
    look-behind or IGNORECASE made each search of a 20 KB text 5 to 30 times slower.
    """
    tokens = _TOKEN.findall(fold(word))
    if not tokens:
        return None
    accented = _accented()

    def letters(token: str) -> str:
        spelled = []
        for ch in token:
            upper = ch.upper()
            variants = ch + (upper if len(upper) == 1 and upper != ch else "")
            variants += accented.get(ch, "")
            spelled.append(f"[{re.escape(variants)}]" if len(variants) > 1 else re.escape(ch))
        return "".join(spelled)

    return re.compile(_SEPARATOR.join(map(letters, tokens)))


def find(word: str, text: str) -> re.Match[str] | None:
    """The first place ``word`` matches at the start of a token of ``text`` (None: nowhere;
    a word without a token matches nowhere)."""
    pattern = word_pattern(word)
    if pattern is None:
        return None
    for found in pattern.finditer(text):
        start = found.start()
        if start == 0 or _TOKEN.match(text, start - 1) is None:
            return found
    return None


def matches(words: Iterable[str], fields: tuple[str, ...]) -> bool:
    """Whether every search word is in one of the fields (title, note, text)."""
    for word in words:
        if word_pattern(word) is not None and not any(find(word, field) for field in fields):
            return False
    return True


def snippet(words: list[str], text: str, width: int = 60) -> str:
    """About ``width`` characters around the first word found, the match between [ and ]."""
    for word in words:
        found = find(word, text)
        if found is not None:
            start, end = found.start(), _token_end(text, found.end())
            before = text[max(0, start - width // 2) : start]
            after = text[end : end + width // 2]
            return " ".join(f"…{before}[{text[start:end]}]{after}…".split())
    return " ".join(text[:width].split()) + "…"


def _token_end(text: str, at: int) -> int:
    """The end of the token a prefix match ends in (the whole word is marked, as FTS5 does)."""
    found = _TOKEN.match(text, at)
    return found.end() if found else at
