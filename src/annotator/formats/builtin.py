"""The formats Annotator ships with, registered in one place: one line each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.formats import (
    briefing_csv,
    briefing_docx,
    briefing_markdown,
    briefing_pdf,
    markdown,
    pdf,
    plain_text,
    qdc,
    qdpx,
    w3c,
    web_page,
    word,
)

if TYPE_CHECKING:
    from annotator.formats.registry import Registry


def register_builtins(registry: Registry) -> None:
    # Sources
    registry.add(plain_text.FORMAT)
    registry.add(markdown.FORMAT)
    registry.add(web_page.FORMAT)
    registry.add(word.FORMAT)
    registry.add(pdf.FORMAT)
    # Briefings
    registry.add(briefing_docx.FORMAT)
    registry.add(briefing_markdown.FORMAT)
    registry.add(briefing_csv.FORMAT)
    registry.add(briefing_pdf.FORMAT)
    # Annotations and codebooks, out and in
    registry.add(w3c.EXPORT)
    registry.add(qdpx.EXPORT)
    registry.add(qdc.EXPORT)
    registry.add(w3c.IMPORT)
    registry.add(qdpx.IMPORT)
    registry.add(qdc.IMPORT)
