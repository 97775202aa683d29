"""A word-level comparison of two wordings of a passage (what an edit on disk changed)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Literal

Piece = tuple[Literal["same", "deleted", "inserted"], str]
_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[Piece]:
    """``old`` turned into ``new`` as runs of kept, deleted and inserted words (white space
    travels with the words around it, so joining the kept and inserted runs gives ``new``)."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    pieces: list[Piece] = []

    def add(kind: Literal["same", "deleted", "inserted"], tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if pieces and pieces[-1][0] == kind:
            pieces[-1] = (kind, pieces[-1][1] + text)
        else:
            pieces.append((kind, text))

    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            add("same", a[i1:i2])
        else:
            add("deleted", a[i1:i2])
            add("inserted", b[j1:j2])
    return pieces
