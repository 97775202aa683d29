"""Take a quote longer than any text out of W3C JSON before it is parsed (a 50 MB quote).

Parsing such a file holds its text and the parsed quote at once: four times the quote's size,
for a quote that is refused anyway (no document can hold it). Before parsing, each ``exact``
string of more than ``limit`` characters is replaced by a short marker that says its length;
``too_long`` reads it back. Only files over ``limit`` bytes can hold one, and only those are
searched, in their bytes.
"""

from __future__ import annotations

import codecs
import json
import re

_MARK = "\x00annotator:quote-too-long:"
_EXACT = re.compile(rb'"exact"\s*:\s*"')
# Possessive: nothing to backtrack into, so no memory kept per escaped character (the usual
# unrolled pattern held 270 MB for a 60 MB string full of escaped quotation marks).
_REST_OF_STRING = re.compile(rb'(?:[^"\\]++|\\.)*+"', re.DOTALL)
_SLICE = 1 << 20


def without_long_quotes(data: bytes, limit: int) -> bytes:
    """``data`` with each ``exact`` string over ``limit`` characters replaced by a marker."""
    if len(data) <= limit:
        return data
    pieces: list[bytes] = []
    kept_from = 0
    at = 0
    while (found := _EXACT.search(data, at)) is not None:
        start = found.end()  # just after the opening quote
        end = _REST_OF_STRING.match(data, start)
        if end is None:
            break  # unterminated: the JSON parser says what is wrong
        at = end.end()
        if end.end() - start - 1 <= limit:
            continue  # a character takes at least one byte: this one fits
        characters = _characters(data, start, end.end() - 1)
        if characters <= limit:
            continue
        pieces += [data[kept_from:start], json.dumps(f"{_MARK}{characters}")[1:].encode()]
        kept_from = end.end()
    if not pieces:
        return data
    pieces.append(data[kept_from:])
    return b"".join(pieces)


def too_long(exact: str) -> int | None:
    """The length of the quote a marker stands for; None for an ordinary quote."""
    if exact.startswith(_MARK):
        return int(exact[len(_MARK) :])
    return None


def _characters(data: bytes, start: int, end: int) -> int:
    """How many characters the JSON string ``data[start:end]`` (without its quotes) holds,
    counted in place: its characters as written, less what its escapes add ("\\n" is two
    characters written, one read; "\\u2019" six). A backslash quoted before a "u" ("\\\\u" as
    written) counts four short: near enough for a length over 20 million."""
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    body = memoryview(data)[start:end]
    written = sum(len(decoder.decode(body[at : at + _SLICE])) for at in range(0, len(body), _SLICE))
    written += len(decoder.decode(b"", final=True))
    backslashes = data.count(b"\\", start, end)
    if not backslashes:
        return written
    escapes = backslashes - data.count(b"\\\\", start, end)  # "\\\\" is one escape
    return written - escapes - 4 * data.count(b"\\u", start, end)
