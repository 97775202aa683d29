"""Plain text sources (.txt, .text): the text as decoded, the first line that reads like a title."""

from __future__ import annotations

from pathlib import Path

from annotator.core.content import SourceContent
from annotator.core.textload import load_text
from annotator.formats.registry import SourceFormat


def read(path: Path) -> SourceContent:
    """The file's text (encoding detected, newlines normalised); no metadata, no locations."""
    return load_text(path)


FORMAT = SourceFormat("text", "Plain text", (".txt", ".text"), read)
