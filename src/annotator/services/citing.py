"""A passage quoted with its citation, as the briefing cites it: “words” (Title, ¶ 12)."""

from __future__ import annotations

from annotator.core.briefing import ParagraphIndex
from annotator.store.library import Library


def quote_with_citation(library: Library, document_id: int, start: int, end: int) -> str:
    """The words of ``[start, end)`` in quotation marks, then the document's title and the
    paragraph they start in (numbered as the briefing numbers them)."""
    document = library.documents.get(document_id)
    text = library.documents.text(document_id)
    words = " ".join(text[start:end].split())
    paragraph = ParagraphIndex(text).number_at(start)
    where = f", ¶ {paragraph}" if paragraph is not None else ""
    return f"“{words}” ({document.title or document.path}{where})"
