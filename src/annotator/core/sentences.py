"""Sentence boundaries around a passage: the context a quote is read in.

A full stop ends a sentence unless it follows a known abbreviation ("Mr.", "e.g.", "U.S."), a
single letter (an initial: "J. Smith"), or a number followed by more of it ("3.5" has no space);
"!", "?", "…" and a line break always end one. Closing quotes and brackets after the mark belong
to the sentence that ends. Only a window around the passage is scanned, so the cost does not grow
with the document.
"""

from __future__ import annotations

import re

CONTEXT_LIMIT = 320  # characters on each side at most: a sentence, not a page
# Text scanned on each side: a sentence starting further back is cut to the limit anyway.
_WINDOW = 2 * CONTEXT_LIMIT + 40

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st mt vs etc al cf eg ie e.g i.e u.s u.k u.n e.u no nos vol pp "
    "fig inc ltd co corp gen col lt sgt capt cmdr adm gov sen rep pres amb dept est approx "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# A sentence mark with any closing quotes/brackets, then whitespace; or a line break.
_END = re.compile(r"([.!?…]+)[\"'”’»)\]]*(?=\s)|\n")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_ENDED = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    mark = m.group(1)
    if mark is None:  # a line break
        return True
    if mark != ".":
        return True
    word = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start())
    if word:
        token = word.group(1).casefold().rstrip(".")
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            return False
    # "... the U.S. economy": a lower-case word after a full stop continues the sentence.
    rest = text[m.end() : m.end() + 3].lstrip()
    return not (rest[:1].islower())


def _starts(text: str, lo: int, hi: int) -> list[int]:
    """Sentence starts in ``text[lo:hi]`` (the offset after each boundary's whitespace)."""
    out: list[int] = []
    for m in _END.finditer(text, lo, hi):
        if _is_boundary(text, m):
            pos = m.end()
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if not out or out[-1] != pos:  # blank lines end one sentence, not several
                out.append(pos)
    return out


def context(text: str, start: int, end: int, limit: int = CONTEXT_LIMIT) -> tuple[str, str]:
    """The sentence before ``text[start:end]`` (with the lead-in of its own first sentence) and
    the sentence after it (with the rest of its own last one), each at most ``limit``
    characters, whitespace collapsed; "" where the passage meets the text's edge."""
    if not text or not 0 <= start <= end <= len(text):
        return "", ""
    lo = max(0, start - _WINDOW)
    starts = [s for s in _starts(text, lo, start) if s <= start]
    if lo == 0:
        starts.insert(0, 0)
    # From the start of the previous sentence (or of the passage's own, when the passage starts
    # mid-sentence and nothing precedes that sentence).
    if starts and starts[-1] == start:
        starts.pop()
    begin = starts[-2] if len(starts) >= 2 else (starts[-1] if starts else lo)
    before = _squeeze(text[begin:start])
    hi = min(len(text), end + _WINDOW)
    # The passage ends its own sentence: the next one is the context; else the rest of its
    # sentence and the next.
    ended = bool(_ENDED.search(text, max(0, end - 6), end)) or text[end : end + 1] == "\n"
    # A passage that stops before the closing quote of its last sentence ("... their history."
    # then "”") ended that sentence all the same: the quote mark is no context of its own.
    wanted = 1 if ended and text[end : end + 1] in _CLOSERS else 0 if ended else 1
    ends: list[int] = []
    for m in _END.finditer(text, end, hi):
        # A boundary with only whitespace since the last one (blank lines) ends nothing new.
        if _is_boundary(text, m) and not text[ends[-1] if ends else end : m.end()].isspace():
            ends.append(m.end())
            if len(ends) > wanted:
                break
    stop = ends[wanted] if len(ends) > wanted else hi
    after = _squeeze(text[end:stop])
    return _trim_left(before, limit), _trim_right(after, limit)


def gap_before(before: str) -> str:
    """What goes between the context ``before`` a quote and the quote: a space, or nothing when
    the context ends with an opening quote or bracket (whitespace is collapsed in context, so
    that is the only way the source can have them touching)."""
    return "" if before[-1:] in _OPENERS else " "


def gap_after(after: str) -> str:
    """What goes between a quote and the context ``after`` it: nothing when the context starts
    with what closes the quote's sentence (a quote mark, a bracket, punctuation), else a space."""
    return "" if after[:1] in _CLOSERS else " "


_CLOSERS = "\"'”’»)]},.;:!?…"
_OPENERS = "\"'“‘«([{"


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _trim_left(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.find(" ", len(text) - limit)
    return "…" + text[cut + 1 if cut >= 0 else len(text) - limit :]


def _trim_right(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + "…"
