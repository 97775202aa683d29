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


def _occurrences(text: str, exact: str):
    at = text.find(exact)
    while at != -1:
        yield at, at + len(exact)
        at = text.find(exact, at + 1)


def _loose_occurrences(text: str, exact: str):
    # The same words with any white space between them: tools disagree on \r\n and wrapping.
    words = exact.split()
    if not words:
        return
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    for found in pattern.finditer(text):
        yield found.start(), found.end()


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
