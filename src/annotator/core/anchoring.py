"""Describe a span of text as W3C selectors, and find it again in a text (pure, no Qt).

The two selectors are those of the W3C Web Annotation model: a TextPositionSelector (start, end in
code points) and a TextQuoteSelector (exact, with up to ``CONTEXT`` characters of prefix and
suffix).
``anchor`` trusts the position when the quote is still there, and otherwise looks for the quote,
scoring each candidate by how much of its context agrees and by its distance from the old position.
Whole-document re-anchoring after an edit (diff based) lives in ``annotator.reanchor``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from annotator.core.models import AnchorStatus, Annotation

CONTEXT = 32


@dataclass(frozen=True, slots=True)
class Selectors:
    """Where an annotation is (position) and what it says (quote with context)."""

    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""

    def to_w3c(self) -> list[dict]:
        return [
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
            {
                "type": "TextQuoteSelector",
                "exact": self.exact,
                "prefix": self.prefix,
                "suffix": self.suffix,
            },
        ]

    @classmethod
    def from_w3c(cls, selectors: list[dict] | dict) -> Selectors:
        """Read a W3C selector list (or one selector); a missing position becomes -1.

        ValueError (with the reason) for a quote that is not text or a position that is not
        a whole number: a repr such as "None" must never become the quote.
        """
        items = selectors if isinstance(selectors, list) else [selectors]
        start = end = -1
        exact = prefix = suffix = None
        for item in items:
            if not isinstance(item, dict):
                continue
            kind = item.get("type")
            if kind == "TextPositionSelector":
                start, end = _position(item, "start"), _position(item, "end")
            elif kind == "TextQuoteSelector":
                exact = _text(item, "exact")
                prefix = _text(item, "prefix")
                suffix = _text(item, "suffix")
        if exact is None:
            if start < 0:
                raise ValueError("no TextQuoteSelector or TextPositionSelector")
            exact = ""
        return cls(start, end, exact, prefix or "", suffix or "")


def _position(selector: dict, key: str) -> int:
    value = selector.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise ValueError(f"the TextPositionSelector's {key} is not a whole number ({value!r})")


def _text(selector: dict, key: str) -> str:
    value = selector.get(key, "")
    if value is None and key != "exact":
        return ""
    if not isinstance(value, str):
        raise ValueError(f"the TextQuoteSelector's {key} is not text ({value!r})")
    return value


@dataclass(frozen=True, slots=True)
class Anchored:
    """Where ``anchor`` placed a span."""

    start: int
    end: int
    status: AnchorStatus


def describe(text: str, start: int, end: int) -> Selectors:
    """The selectors to store for ``text[start:end]``."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}–{end} is outside a text of {len(text)} characters")
    return Selectors(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
    )


def placed_at(
    annotation: Annotation, text: str, start: int, end: int, status: AnchorStatus, reviewed: bool
) -> Annotation:
    """``annotation`` moved to ``text[start:end]``: its quote and context follow the text."""
    fresh = describe(text, start, end)
    return replace(
        annotation,
        start=fresh.start,
        end=fresh.end,
        exact=fresh.exact,
        prefix=fresh.prefix,
        suffix=fresh.suffix,
        status=status,
        reviewed=reviewed,
    )


def anchor(text: str, selectors: Selectors) -> Anchored | None:
    """Find the described span in ``text``; None when the quote is not there.

    Tries, in order: the stored position (exact when the quote is still there), every exact
    occurrence of the quote, then occurrences that differ only in white space. Among several
    occurrences the one whose prefix and suffix agree most wins; equal context is decided by
    distance to the stored position.
    """
    exact = selectors.exact
    start = selectors.start
    if not exact:
        if 0 <= start <= selectors.end <= len(text):
            return Anchored(start, selectors.end, AnchorStatus.EXACT)
        return None
    if 0 <= start and text[start : start + len(exact)] == exact:
        return Anchored(start, start + len(exact), AnchorStatus.EXACT)

    spans = list(_occurrences(text, exact))
    if len(spans) == 1 and start < 0:
        # No position to compare with (a quote-only selector): the one place the words occur.
        return Anchored(spans[0][0], spans[0][1], AnchorStatus.EXACT)
    if not spans:
        spans = list(_loose_occurrences(text, exact))
    if not spans:
        return None
    best = max(spans, key=lambda span: _score(text, span, selectors))
    return Anchored(best[0], best[1], AnchorStatus.MOVED)


def _occurrences(text: str, exact: str) -> Iterator[tuple[int, int]]:
    at = text.find(exact)
    while at != -1:
        yield at, at + len(exact)
        at = text.find(exact, at + 1)


_WHITESPACE_RUN = re.compile(r"\s{2,}")
# Every character ``\s`` and str.split() take for white space (the last is U+3000).
_SPACES = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace() and ch != " ")


def _loose_occurrences(text: str, exact: str) -> Iterator[tuple[int, int]]:
    """Where the words of ``exact`` occur with any white space between them.

    Tools disagree on \\r\\n and wrapping. Both sides are compared with every run of white
    space folded to one space; a map of the runs longer than one character turns offsets in
    the folded text back into offsets in ``text``. Linear in time and memory, with no object
    per word or per run: a regex built from the quote took 7.5 GB and 107 s for a 50 MB quote.
    """
    # Every match is at least as long as the folded quote: a longer one cannot be there, and
    # is not even folded (a 50 MB quote against texts of at most 20 MB).
    if exact.isspace() or _folded_length(exact) > len(text):
        return
    quote = _fold_spaces(exact).strip(" ")
    if not quote:
        return
    folded, folded_at, removed = _fold(text)
    at = folded.find(quote)
    while at != -1:
        last = at + len(quote) - 1  # the quote's last character, never white space
        yield _unfold(at, folded_at, removed), _unfold(last, folded_at, removed) + 1
        at = folded.find(quote, at + 1)


def _fold_spaces(text: str) -> str:
    """``text`` with every run of white space as one space (a few copies of it, no more)."""
    for space in _SPACES:
        if space in text:
            text = text.replace(space, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def _folded_length(text: str) -> int:
    """len(_fold_spaces(text).strip()), without making the folded copy."""
    length = len(text)
    for run in _WHITESPACE_RUN.finditer(text):
        length -= run.end() - run.start() - 1
    return length - text[:1].isspace() - text[-1:].isspace()


def _fold(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` folded, and where (and by how much) it shrank.

    ``folded_at[i]`` is the folded offset just after the i-th run longer than one character,
    ``removed[i]`` how many characters were dropped up to there.
    """
    folded_at: list[int] = []
    removed: list[int] = []
    dropped = 0
    for run in _WHITESPACE_RUN.finditer(text):
        folded_at.append(run.start() - dropped + 1)
        dropped += run.end() - run.start() - 1
        removed.append(dropped)
    return _fold_spaces(text), folded_at, removed


def _unfold(offset: int, folded_at: list[int], removed: list[int]) -> int:
    """The offset in the original text of ``offset`` in the folded one."""
    runs = bisect_right(folded_at, offset)
    return offset + (removed[runs - 1] if runs else 0)


def _score(text: str, span: tuple[int, int], selectors: Selectors) -> tuple[int, int]:
    start, end = span
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    agreement = common_suffix(before, selectors.prefix) + common_prefix(after, selectors.suffix)
    distance = abs(start - selectors.start) if selectors.start >= 0 else 0
    return agreement, -distance


def common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix of ``a`` and ``b``."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def common_suffix(a: str, b: str) -> int:
    """Length of the longest common suffix of ``a`` and ``b``."""
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n
