"""Make the command line's output safe for a terminal: control characters become visible escapes.

File names, titles, quotes and notes come from files anyone may have written; an escape sequence
among them would otherwise recolour, retitle or rewrite the reader's terminal. Every C0 control
but tab and newline, DEL and every C1 control is shown as ``\\u001b`` and the like: visible as
text, and, inside JSON strings, the same character again for a program reading the output.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TextIO

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with every control character but tab and newline as a ``\\uXXXX`` escape."""
    return _CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


class SafeStream:
    """A text stream that writes ``visible(text)``; ``unfiltered`` is the stream itself.

    Deliberate control characters (a progress bar's carriage return) go to ``unfiltered``.
    """

    def __init__(self, stream: TextIO) -> None:
        self.unfiltered = stream

    def write(self, text: str) -> int:
        return self.unfiltered.write(visible(text))

    # Not called by our code, but written out: ``__getattr__`` would hand it to the raw stream,
    # past the filter.
    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.unfiltered, name)
