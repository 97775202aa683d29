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
    from annotator.core.briefing_cite import work_parts
    from annotator.core.briefing_model import locator_text
    from annotator.core.metadata import page_span

    document = library.documents.get(document_id)
    text = library.documents.text(document_id)
    words = " ".join(text[start:end].split())
    title = document.title or document.path
    parts = [
        part for part, _ in work_parts(document.authors, title, document.outlet, document.published)
    ]
    page = page_span(library.documents.pages(document_id), start, end)
    locator = locator_text(page, None if page else ParagraphIndex(text).number_at(start))
    return f"“{words}” ({', '.join([*parts, locator] if locator else parts)})"
