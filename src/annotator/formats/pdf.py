"""PDF files (.pdf) as sources: the text layer in reading order, with its page map."""

from __future__ import annotations

from pathlib import Path

from annotator.core.content import SourceContent
from annotator.formats.registry import SourceFormat


def read(path: Path) -> SourceContent:
    """The text (``pdf_reader``), the document information, and each offset's page label."""
    from annotator.formats.pdf_reader import read_pdf  # pypdfium2 on first use

    return read_pdf(path).content("pdf")


FORMAT = SourceFormat("pdf", "PDF", (".pdf",), read)
