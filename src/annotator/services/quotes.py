"""Find a typed quote in a text the way re-anchoring compares texts: typography folded.

A quote typed by hand has plain quotes, hyphens and single spaces where the article may have
curly quotes, dashes, non-breaking spaces or a line break; ``reanchor.fold`` already treats
those as equal when re-anchoring, and the same folding decides here what a quote matches.
"""

from __future__ import annotations

import re

from annotator.reanchor.fold import fold

_RUN = re.compile(r" +|-+|\.\.\.|.", re.DOTALL)


def quote_pattern(quote: str) -> re.Pattern[str]:
    """A pattern over ``fold(text)`` for ``quote``: any run of white space matches any other,
    a dash matches "-", "--" or "—", and "..." matches "…" (each folds to a plain character)."""
    parts = []
    for run in _RUN.findall(fold(quote)):
        if run[0] == " ":
            parts.append(" +")
        elif run[0] == "-":
            parts.append("-+")
        elif run == "...":
            parts.append(r"\.(?:\.\.)?")
        else:
            parts.append(re.escape(run))
    return re.compile("".join(parts))


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every span of ``text`` that reads as ``quote`` once typography is folded, in order.

    Spans may overlap (as ``str.find`` from one past each start would find them); the exact
    words taken are ``text[start:end]``, which can differ from ``quote`` in typography only.
    """
    if not quote:
        return []
    folded = fold(text)
    pattern = quote_pattern(quote)
    spans: list[tuple[int, int]] = []
    match = pattern.search(folded)
    while match is not None:
        spans.append((match.start(), match.end()))
        match = pattern.search(folded, match.start() + 1)
    return spans
