"""Find the briefing template and resolve the style names it must provide to style ids, once.

The writer sets style ids directly on paragraphs (python-docx's ``style=`` by name scans every style
on each call). A user's own template only needs the same style names; a missing one falls back to a
near equivalent so the briefing still comes out, just plainer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from annotator.bundled import resources_dir

TEMPLATE_NAME = "briefing-template.docx"

# role -> (style type, names to try in order). Names compare case-insensitively, so Word's
# built-in lower-case names ("heading 1", "toc 1") match too.
_ROLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "normal": ("paragraph", ("Normal",)),
    "title": ("paragraph", ("Title",)),
    "subtitle": ("paragraph", ("Subtitle",)),
    "meta": ("paragraph", ("Briefing Meta", "Subtitle", "Normal")),
    "summary_heading": ("paragraph", ("Summary Heading", "TOC Heading", "Heading 1")),
    "summary": ("paragraph", ("Summary", "Body Text", "Normal")),
    "toc_heading": ("paragraph", ("TOC Heading", "Heading 1")),
    "toc1": ("paragraph", ("TOC 1", "Normal")),
    "toc2": ("paragraph", ("TOC 2", "TOC 1", "Normal")),
    "toc3": ("paragraph", ("TOC 3", "TOC 2", "Normal")),
    "heading1": ("paragraph", ("Heading 1",)),
    "heading2": ("paragraph", ("Heading 2", "Heading 1")),
    "heading3": ("paragraph", ("Heading 3", "Heading 2", "Heading 1")),
    "section_note": ("paragraph", ("Section Note", "Body Text", "Normal")),
    "quote": ("paragraph", ("Block Quote", "Excerpt", "Quote", "Intense Quote", "Normal")),
    "quote_more": ("paragraph", ("Block Quote Continued", "Block Quote", "Excerpt", "Quote")),
    "citation": ("paragraph", ("Citation", "Caption", "Normal")),
    "tags": ("paragraph", ("Excerpt Tags", "Citation", "Caption", "Normal")),
    "note": ("paragraph", ("Excerpt Note", "Normal")),
    "table_heading": ("paragraph", ("Table Heading",)),
    "table_text": ("paragraph", ("Table Text", "No Spacing", "Normal")),
    "table_number": ("paragraph", ("Table Number", "Table Text", "No Spacing", "Normal")),
    "header": ("paragraph", ("Header", "Normal")),
    "footer": ("paragraph", ("Footer", "Normal")),
    "hyperlink": ("character", ("Hyperlink",)),
    "strong": ("character", ("Strong",)),
    "comment_text": ("paragraph", ("annotation text", "Comment Text")),
    "comment_reference": ("character", ("annotation reference", "Comment Reference")),
    "table": ("table", ("Briefing Table", "Light List Accent 1", "Table Grid")),
}


@dataclass(frozen=True, slots=True)
class StyleIds:
    """The style id chosen for each role (None: leave the paragraph in the default style)."""

    ids: dict[str, str | None]

    def __getitem__(self, role: str) -> str | None:
        return self.ids[role]


def default_template() -> Path:
    return resources_dir() / TEMPLATE_NAME


def resolve_styles(document: DocxDocument) -> StyleIds:
    """Map every role to a style id present in ``document``'s styles part."""
    available: dict[tuple[str, str], str] = {}
    for style in document.styles.element.findall(qn("w:style")):
        name_el = style.find(qn("w:name"))
        style_id = style.get(qn("w:styleId"))
        if name_el is None or not style_id:
            continue
        kind = style.get(qn("w:type")) or "paragraph"
        available.setdefault((kind, (name_el.get(qn("w:val")) or "").casefold()), style_id)
    ids: dict[str, str | None] = {}
    for role, (kind, names) in _ROLES.items():
        ids[role] = next(
            (available[(kind, n.casefold())] for n in names if (kind, n.casefold()) in available),
            None,
        )
    return StyleIds(ids)
