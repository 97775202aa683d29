"""Plain text sources (.txt, .text): the text as decoded (its byline and origin notice are read,
as for every format, by ``registry.read_source``)."""

from __future__ import annotations

from annotator.core.textload import load_text
from annotator.formats.registry import SourceFormat

FORMAT = SourceFormat("text", "Plain text", (".txt", ".text"), load_text)
