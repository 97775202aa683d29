"""Fold typographic variants (curly quotes, dashes, white space) so that comparisons ignore them."""

from __future__ import annotations

import re

# One character for one character, so that offsets into a folded text are offsets into the text.
_SINGLE = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": ".",
    **dict.fromkeys("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000", " "),
    **dict.fromkeys("".join(chr(c) for c in range(0x2000, 0x200B)), " "),
}
_TABLE = str.maketrans(_SINGLE)

# After folding, what tools write for one typographic character: "--" for a dash, "..." for "…".
_DASHES = re.compile(r"-{2,}")


def fold(text: str) -> str:
    """``text`` with quotes, dashes and white space made plain, one character for one."""
    return text.translate(_TABLE)


def canonical(text: str) -> str:
    """A key under which texts that differ only in typography and white space are equal."""
    return squash(text.translate(_TABLE))


def squash(folded: str) -> str:
    """``canonical`` of a text that is already folded."""
    key = " ".join(folded.split())
    if "--" in key:
        key = _DASHES.sub("-", key)
    if "..." in key:
        key = key.replace("...", ".")
    return key


def same_words(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ at most in typography and white space."""
    return a == b or canonical(a) == canonical(b)


def expand_edges(text: str, start: int, end: int, exact: str) -> tuple[int, int]:
    """``text[start:end]`` widened over a whole "..." or "--" where the quote ``exact`` ends
    (or starts) with the one character "…" or "—" that such a run was written for.

    A diff keeps one character of the run and reports the others as inserted, outside the span.
    """
    if exact[-1:] in _EXPANDED:
        while end < len(text) and text[end] in ".-" and text[end] == text[end - 1]:
            end += 1
    if exact[:1] in _EXPANDED:
        while start > 0 and text[start - 1] in ".-" and text[start - 1] == text[start]:
            start -= 1
    return start, end


_EXPANDED = "\u2026\u2014\u2013\u2015"  # written as "...", "--" in plain text
