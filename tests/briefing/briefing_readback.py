"""Read a written briefing back: paragraphs with their style names, links, bookmarks, fields."""

from __future__ import annotations

from docx.document import Document
from docx.oxml.ns import qn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def style_names(document: Document) -> dict[str, str]:
    """style id -> style name."""
    return {
        s.get(qn("w:styleId")): s.find(qn("w:name")).get(qn("w:val"))
        for s in document.styles.element.findall(qn("w:style"))
    }


def paragraphs(document: Document) -> list[tuple[str, str]]:
    """(style name, text) of each body paragraph outside tables, in order."""
    names = style_names(document)
    out = []
    for p in document.element.body.iterchildren(qn("w:p")):
        style = p.find(f"{W}pPr/{W}pStyle")
        name = names.get(style.get(qn("w:val")), "") if style is not None else ""
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        out.append((name.casefold(), text))
    return out


def texts_with_style(document: Document, name: str) -> list[str]:
    return [t for s, t in paragraphs(document) if s == name.casefold()]


def anchors(document: Document) -> list[str]:
    return [h.get(qn("w:anchor")) for h in document.element.body.iter(qn("w:hyperlink"))]


def bookmarks(document: Document) -> set[str]:
    return {b.get(qn("w:name")) for b in document.element.body.iter(qn("w:bookmarkStart"))}


def instructions(element) -> list[str]:
    return [t.text.strip() for t in element.iter(qn("w:instrText"))]


def table_rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]
