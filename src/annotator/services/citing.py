"""A passage quoted with its citation, as the briefing cites it: “words” (Author, Title, Outlet,
date, ¶ 12) — or "p. 12" for a source with pages."""

from __future__ import annotations

from annotator.store.library import Library


def quote_with_citation(library: Library, document_id: int, start: int, end: int) -> str:
    """The words of ``[start, end)`` in quotation marks, then the reference the briefing gives
    the document (its empty parts left out, never a file name while a title exists) and the
    page, or the paragraph they start in (numbered as the briefing numbers them)."""
    # Imported on use: the briefing model is not needed to open the window.
    from annotator.core.briefing import ParagraphIndex
    from annotator.core.briefing_cite import authors_text, date_text
    from annotator.core.metadata import page_span

    document = library.documents.get(document_id)
    text = library.documents.text(document_id)
    words = " ".join(text[start:end].split())
    parts = [authors_text(document.authors), " ".join(document.title.split()) or document.path]
    parts += [" ".join(document.outlet.split()), date_text(document.published)]
    page = page_span(library.documents.pages(document_id), start, end)
    if page:
        parts.append(f"{'pp.' if '–' in page else 'p.'}\u00a0{page}")
    else:
        paragraph = ParagraphIndex(text).number_at(start)
        if paragraph is not None:
            parts.append(f"¶\u00a0{paragraph}")
    return f"“{words}” ({', '.join(part for part in parts if part)})"
