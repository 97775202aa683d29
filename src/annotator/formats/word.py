"""Word documents (.docx) as sources: paragraphs, lists and tables as text; core properties."""

from __future__ import annotations

from pathlib import Path

from annotator.core.content import SourceContent
from annotator.formats.registry import SourceFormat


def read(path: Path) -> SourceContent:
    """The text of the document (``word_reader``), its title, authors and date."""
    from annotator.formats.word_reader import read_docx  # python-docx on first use

    return read_docx(path).content("docx")


FORMAT = SourceFormat("docx", "Word document", (".docx",), read)
