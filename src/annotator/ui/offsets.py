"""Convert between core code-point offsets and Qt's UTF-16 positions (the GUI's one place for it).

The core counts Python code points into text whose line breaks are ``"\\n"``; Qt counts UTF-16
units, so every astral character (emoji, many CJK extension ideographs, each half of a flag) takes
two Qt positions. ``OffsetMap`` is built once per text from the sorted positions of its astral
characters and answers each conversion with one bisect; a text without astral characters (the
common case) converts by identity.

``qt_text`` prepares a core text for ``setPlainText`` without changing its length: Qt turns
``"\\r\\n"`` into a single paragraph break, which would shift every later position by one.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def qt_text(text: str) -> str:
    """The text to hand to Qt: carriage returns replaced one for one so that lengths agree."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")


class OffsetMap:
    """Core code point <-> Qt UTF-16 position for one text.

    ``to_core`` of a position inside a surrogate pair (which Qt's cursors never produce) rounds
    down to the astral character that contains it. Positions past either end are clamped.
    """

    __slots__ = ("_astral", "_astral_qt", "core_length", "qt_length")

    def __init__(self, text: str) -> None:
        self._astral: list[int] = (
            [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        )
        # Qt position of each astral character: the core index plus the pairs before it.
        self._astral_qt: list[int] = [cp + i for i, cp in enumerate(self._astral)]
        self.core_length = len(text)
        self.qt_length = len(text) + len(self._astral)

    @property
    def is_identity(self) -> bool:
        """True when the text has no astral characters and both counts agree."""
        return not self._astral

    def to_qt(self, cp: int) -> int:
        """The Qt position of core code point ``cp``."""
        cp = min(max(cp, 0), self.core_length)
        if not self._astral:
            return cp
        return cp + bisect_left(self._astral, cp)

    def to_core(self, qt: int) -> int:
        """The core code point of Qt position ``qt``."""
        qt = min(max(qt, 0), self.qt_length)
        if not self._astral:
            return qt
        return qt - bisect_left(self._astral_qt, qt)

    def block_to_core(self, block_position: int, block_length: int) -> tuple[int, int]:
        """The core span of a Qt block's text (``block_length`` excludes the paragraph break)."""
        return self.to_core(block_position), self.to_core(block_position + block_length)
