"""Plain text sources (.txt, .text): the text as decoded; a byline and origin notice it states."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from annotator.core.content import SourceContent
from annotator.core.textload import load_text
from annotator.formats.registry import SourceFormat
from annotator.formats.text_metadata import text_metadata


def read(path: Path) -> SourceContent:
    """The file's text (encoding detected, newlines normalised), with the authors of a "By
    NAME" byline and the outlet of an "originally published by" line (``text_metadata``)."""
    content = load_text(path)
    return replace(content, metadata=text_metadata(content.text))


FORMAT = SourceFormat("text", "Plain text", (".txt", ".text"), read)
