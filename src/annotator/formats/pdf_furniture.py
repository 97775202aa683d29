"""Find a PDF's running headers, footers and page numbers, so the text reads without them.

A line is furniture when it sits in a page's top or bottom margin (the outermost two line
positions within 12% of the page's height from its edge) and either
- the same text, digits ignored ("Journal of Eurasian Affairs 12 (2024) 37" and "... 38"), sits
  in that margin on at least 40% of the pages (alternating left and right running heads each
  reach about half), and on two pages at least; or
- it is a page number alone: "12", "xii", "Page 3", "3 of 10", "- 4 -".
A one-page document loses only its page number.
"""

from __future__ import annotations

import re
from collections import Counter

from annotator.formats.pdf_layout import Line

_MARGIN = 0.12
_LEVELS = 2
_SHARE = 0.4
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:page\s+|p\.\s*|seite\s+|стр\.\s*)?(?:\d{1,5}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:/|of|von|из)\s*\d{1,5})?[-–—\s]*$",
    re.I,
)


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def margin_lines(lines: list[Line], page_height: float) -> list[Line]:
    """The lines in the page's top and bottom margins (the two outermost positions each)."""
    top = sorted({round(line.top) for line in lines if line.top > page_height * (1 - _MARGIN)})
    bottom = sorted({round(line.bottom) for line in lines if line.bottom < page_height * _MARGIN})
    keep = set(top[-_LEVELS:]) | set(bottom[:_LEVELS])
    return [
        line
        for line in lines
        if (round(line.top) in keep and line.top > page_height * (1 - _MARGIN))
        or (round(line.bottom) in keep and line.bottom < page_height * _MARGIN)
    ]


def furniture(pages: list[tuple[list[Line], float]]) -> list[set[int]]:
    """For each page (its lines and height), the ids (``id(line)``) of the furniture lines."""
    margins = [margin_lines(lines, height) for lines, height in pages]
    counts: Counter[str] = Counter()
    for lines in margins:
        counts.update({_key(line.text) for line in lines})
    needed = max(2, _SHARE * len(pages))
    found = []
    for lines in margins:
        found.append(
            {
                id(line)
                for line in lines
                if counts[_key(line.text)] >= needed or _PAGE_NUMBER.match(line.text)
            }
        )
    return found
