"""Markdown sources (.md, .markdown): read as written, markup and all; a top heading is the title.

A byline and an origin notice are read as for every format (``registry.read_source``).

The text is not rendered: offsets count the characters of the file, so an annotation survives
an edit in any editor exactly as in a plain text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from annotator.core.content import SourceContent, SourceMetadata
from annotator.core.textload import load_text
from annotator.formats.registry import SourceFormat

# "# Title" or "# Title #" on the first non-empty line (an ATX heading of level one).
_HEADING = re.compile(r"\A\s*#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*(?:\n|\Z)")


def read(path: Path) -> SourceContent:
    content = load_text(path)
    heading = _HEADING.match(content.text)
    title = " ".join(heading.group(1).split()) if heading else ""
    return replace(content, metadata=SourceMetadata(title=title)) if title else content


FORMAT = SourceFormat("markdown", "Markdown", (".md", ".markdown"), read)
