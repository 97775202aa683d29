"""Snap a selection to whole words (pure Python, core code points).

A reader who drags across "…ndependence of the cou…" means the words, not the letters: the span
grows to the word boundaries around its ends and loses the blank space at its edges. Apostrophes
inside a word ("Putin’s", "don't") keep it whole; combining marks stay with their base letter.
Scripts written without spaces (Chinese, Japanese, Thai…) have no word boundary that code points
can find, so their characters are not joined into words.
"""

from __future__ import annotations

import unicodedata

_APOSTROPHES = frozenset("'\u2019\u02bc")
# Scripts without spaces between words, where joining letters would swallow whole sentences.
_UNSPACED = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # CJK extensions B onwards
)


def _unspaced(ch: str) -> bool:
    o = ord(ch)
    return o >= 0x0E00 and any(lo <= o <= hi for lo, hi in _UNSPACED)


def is_word_char(ch: str) -> bool:
    """True for letters, digits, underscore and combining marks of spaced scripts."""
    if ch.isalnum() or ch == "_":
        return not _unspaced(ch)
    return unicodedata.category(ch).startswith("M")


def _joined(text: str, i: int) -> bool:
    """True when position ``i`` (between ``text[i-1]`` and ``text[i]``) lies inside a word."""
    if i <= 0 or i >= len(text):
        return False
    left, right = text[i - 1], text[i]
    if unicodedata.category(right).startswith("M") and not left.isspace():
        return True  # never split a letter from its accent
    if is_word_char(left) and is_word_char(right):
        return True
    if right in _APOSTROPHES:
        return is_word_char(left) and i + 1 < len(text) and is_word_char(text[i + 1])
    if left in _APOSTROPHES:
        return is_word_char(right) and i >= 2 and is_word_char(text[i - 2])
    return False


def snap_to_words(text: str, start: int, end: int, *, trim: bool = True) -> tuple[int, int]:
    """``[start, end)`` grown to whole words and (with ``trim``) stripped of edge white space.

    An empty or white-space-only span is returned unchanged. Keyboard selection snaps without
    trimming: a reader extending a selection word by word steps over the space first.
    """
    if start > end:
        start, end = end, start
    start, end = max(0, start), min(len(text), end)
    if start >= end or text[start:end].isspace():
        return start, end
    if trim:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    while _joined(text, start):
        start -= 1
    while _joined(text, end):
        end += 1
    return start, end


def next_word_end(text: str, pos: int) -> int:
    """Where the word at or after ``pos`` ends (the text's end when no word follows)."""
    n = len(text)
    while pos < n and not is_word_char(text[pos]):
        pos += 1
    if pos >= n:
        return n
    pos += 1
    while _joined(text, pos):
        pos += 1
    return pos
