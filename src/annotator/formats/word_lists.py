"""The marker a Word list item shows: "• " for a bullet, its number ("2.", "1.3", "b)") otherwise.

Numbers are counted per list (``w:numId``) and level, from the level's start value (or the list's
start override); a deeper level restarts when a shallower one moves on. Word's finer rules
(restart after a level other than the one above, "continue from the previous list" links
between lists, legal numbering) are not followed, so an unusual list may number differently
from Word; bullets and ordinary numbered lists come out as Word shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{W}val"


@dataclass(frozen=True)
class _Level:
    kind: str  # w:numFmt: "bullet", "decimal", "lowerLetter", ...
    text: str  # w:lvlText: "%1.", "%1.%2", "(%1)"
    start: int


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    # Word counts a, b, ... z, aa, bb, ... (a letter repeated), not a spreadsheet's aa, ab.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def _format(kind: str, n: int) -> str:
    if kind in ("lowerLetter", "upperLetter"):
        letters = _letters(n)
        return letters.upper() if kind == "upperLetter" else letters
    if kind in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.upper() if kind == "upperRoman" else roman
    if kind == "decimalZero":
        return f"{n:02d}"
    if kind == "none":
        return ""
    return str(n)  # decimal and the many formats we do not spell (ordinals, other scripts)


class ListNumbers:
    """Markers for the list paragraphs of one document, counted in document order."""

    def __init__(self, numbering: etree._Element | None) -> None:
        self._levels: dict[tuple[str, int], _Level] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if numbering is None:
            return
        abstract = {a.get(f"{W}abstractNumId"): a for a in numbering.iter(f"{W}abstractNum")}
        for num in numbering.iter(f"{W}num"):
            num_id = num.get(f"{W}numId") or ""
            ref = num.find(f"{W}abstractNumId")
            definition = abstract.get(ref.get(_VAL) if ref is not None else None)
            if definition is None:
                continue
            overrides = {
                int(o.get(f"{W}ilvl") or 0): o.find(f"{W}startOverride")
                for o in num.iter(f"{W}lvlOverride")
            }
            for lvl in definition.iter(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl") or 0)
                start = _int(_val(lvl, "start"), 1)
                override = overrides.get(ilvl)
                if override is not None:
                    start = _int(override.get(_VAL), start)
                self._levels[(num_id, ilvl)] = _Level(
                    _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "", start
                )

    def marker(self, num_id: str, ilvl: int) -> str:
        """The marker of the next item of list ``num_id`` at level ``ilvl`` ("" if not a list)."""
        level = self._levels.get((num_id, ilvl))
        if level is None or num_id == "0":  # numId 0 switches numbering off
            return ""
        if level.kind == "bullet":
            return "•"
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = level.text
        for shown in range(ilvl, -1, -1):
            upper = self._levels.get((num_id, shown))
            if upper is None:
                continue
            value = counters.get(shown, upper.start)
            text = text.replace(f"%{shown + 1}", _format(upper.kind, value))
        return text.strip()


def _val(element: etree._Element, name: str) -> str | None:
    child = element.find(f"{W}{name}")
    return child.get(_VAL) if child is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
