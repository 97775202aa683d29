"""Lay a (sanitised) briefing out into a python-docx document opened from the template.

Paragraphs are built as lxml elements and appended straight to ``w:body`` while the body's
``w:sectPr`` is detached: python-docx's ``add_paragraph`` searches the body for it on every call
(quadratic, upstream issue #408) and resolves ``style=`` by scanning all styles. Style ids are
resolved once (see ``styles``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml.comments import CT_Comments
from docx.oxml.ns import qn
from lxml import etree

from annotator.briefing import furniture, oxml
from annotator.briefing.sanitize import split_paragraphs
from annotator.briefing.styles import StyleIds
from annotator.core.briefing import Briefing, Excerpt, Section

Progress = Callable[[int, int], object]

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
INDENT_STEP = 283  # twips (0.5 cm) per tag level in the overview table


class BriefingCancelled(Exception):
    """The progress callback asked to stop; nothing was written."""


def bookmark_name(key: str) -> str:
    """A hidden bookmark name (a leading underscore hides it in Word's bookmark list)."""
    return "_Toc_" + key.replace("-", "_")


def source_bookmark_name(document_id: int) -> str:
    return f"_Ref_src_{document_id}"


def short_date(value: str) -> str:
    return value[:10]


def citation_text(excerpt: Excerpt) -> str:
    """The locator after the document title: ", ¶ 12" (orphans have none)."""
    return f", ¶ {excerpt.paragraph}" if excerpt.paragraph is not None else ""


class Renderer:
    """Writes one briefing into ``document``'s body, header, footer and properties."""

    def __init__(
        self,
        document: DocxDocument,
        briefing: Briefing,
        styles: StyleIds,
        progress: Progress | None = None,
    ) -> None:
        self.doc = document
        self.b = briefing
        self.s = styles
        self.body = document.element.body
        self._progress = progress
        self._total = briefing.placement_count + len(briefing.orphans)
        self._done = 0
        self._step = max(1, self._total // 100)
        self._bookmark_id = 0
        self._comments: CT_Comments | None = None
        self._next_comment = 0
        section = document.sections[0]
        sizes = (section.page_width, section.left_margin, section.right_margin)
        if None in sizes:  # a template without page size or margins: Word's Letter defaults
            self.text_width = 9360
        else:
            width, left, right = (int(size or 0) for size in sizes)
            self.text_width = (width - left - right) // 635  # EMU -> twips

    # -- entry point --------------------------------------------------------------------------

    def render(self) -> None:
        self._report()
        furniture.header_footer(self.doc, self.b.options.title or self.b.project_name, self.s)
        sect_pr = self.body.find(qn("w:sectPr"))
        for child in list(self.body):
            self.body.remove(child)  # the template's sample content, if any
        try:
            self._title_page()
            self._contents()
            self._overview()
            for section in self.b.sections:
                self._section(section)
            self._sources()
            if self.b.orphans:
                self._orphans()
        finally:
            if sect_pr is not None:
                self.body.append(sect_pr)
        furniture.core_properties(self.doc, self.b)
        oxml.set_update_fields(self.doc.settings.element)
        self._report(force=True)

    # -- small builders -----------------------------------------------------------------------

    def para(self, role: str | None, text: str = "", **props: Any) -> oxml.CT_P:
        p = oxml.paragraph(self.s[role] if role else None, parent=self.body, **props)
        if text:
            oxml.run(text, parent=p)
        return p

    def bookmark(self, p: oxml.CT_P, name: str) -> None:
        self._bookmark_id += 1
        oxml.bookmark(p, name, self._bookmark_id)

    def heading(self, level: int, text: str, key: str, new_page: bool = False) -> oxml.CT_P:
        p = self.para(f"heading{min(max(level, 1), 3)}", text, page_break_before=new_page)
        self.bookmark(p, bookmark_name(key))
        return p

    def _report(self, force: bool = False) -> None:
        if self._progress is None:
            return
        if force or self._done % self._step == 0:
            if self._progress(self._done, self._total) is False:
                raise BriefingCancelled("The briefing was cancelled.")

    def _tick(self) -> None:
        self._done += 1
        self._report()

    # -- parts --------------------------------------------------------------------------------

    def _title_page(self) -> None:
        o = self.b.options
        self.para("title", o.title or self.b.project_name or "Briefing")
        if o.subtitle:
            self.para("subtitle", o.subtitle)
        if self.b.project_name and self.b.project_name != o.title:
            self.para("meta", f"Project: {self.b.project_name}")
        for line in (o.author, o.date):
            if line:
                self.para("meta", line)
        body_count = len({e.annotation_id for s in self.b.walk() for e in s.excerpts})
        counts = f"{_plural(body_count, 'excerpt')} from {_plural(len(self.b.sources), 'source')}"
        if self.b.keywords:
            counts += f", under {_plural(len(self.b.keywords), 'tag')}"
        self.para("meta", counts)
        if self.b.summary.strip():
            self.para("summary_heading", "Executive summary")
            for chunk in split_paragraphs(self.b.summary):
                self.para("summary", chunk)

    def _toc_entries(self) -> list[tuple[int, str, str]]:
        entries = [(1, "Overview", "overview")]
        entries += [(s.level, s.title, s.key) for s in self.b.walk()]
        entries.append((1, "Appendix: Sources", "sources"))
        if self.b.orphans:
            entries.append((1, "Appendix: Orphaned excerpts", "orphans"))
        return entries

    def _contents(self) -> None:
        # A real TOC field whose cached result is already filled in and linked, so the contents
        # read well before Word refreshes the field (updateFields asks it to on opening).
        self.para("toc_heading", "Contents", page_break_before=True)
        entries = self._toc_entries()
        for i, (level, title, key) in enumerate(entries):
            # Page numbers are unknown until Word lays the document out: the cached entries are
            # plain links (no empty dot leaders); Word's refresh rebuilds them with numbers.
            p = self.para(f"toc{min(level, 3)}")
            if i == 0:
                for r in oxml.field_begin(TOC_INSTRUCTION):
                    p.append(r)
            p.append(oxml.hyperlink(bookmark_name(key), oxml.run(title)))
            if i == len(entries) - 1:
                p.append(oxml.field_end())

    def _overview(self) -> None:
        self.heading(1, "Overview", "overview", new_page=True)
        by_tag = self.b.options.group_by == "tag"
        self.para(
            "normal",
            "Each row links to its section. Counts include the excerpts of nested tags; an "
            "excerpt with several tags counts under each."
            if by_tag
            else "Each row links to the document's section.",
        )
        widths = [self.text_width * 64 // 100, self.text_width * 18 // 100]
        widths.append(self.text_width - sum(widths))
        tbl = oxml.table(widths, self.s["table"])
        titles = ["Tag", "Excerpts", "Sources"] if by_tag else ["Document", "Excerpts", "Tags"]
        self._header_row(tbl, widths, titles, {1, 2})
        for section in self.b.walk():
            name = oxml.paragraph(
                self.s["table_text"], indent_left=(section.level - 1) * INDENT_STEP
            )
            name.append(
                oxml.hyperlink(
                    bookmark_name(section.key), oxml.run(section.title, self.s["hyperlink"])
                )
            )
            tr_cells = [
                name,
                self._cell(str(section.excerpt_count), number=True),
                self._cell(str(section.source_count if by_tag else section.tag_count), number=True),
            ]
            oxml.table_row(tbl, widths, tr_cells)
        self.body.append(tbl)
        self.para("normal")

    def _cell(self, text: str, *, number: bool = False, bold: bool = False) -> oxml.CT_P:
        p = oxml.paragraph(self.s["table_number" if number else "table_text"])
        if text:
            r = oxml.run(text)
            if bold:
                oxml.set_run_props(r, bold=True)
            p.append(r)
        return p

    def _header_row(
        self, tbl: etree._Element, widths: list[int], texts: list[str], numeric: set[int]
    ) -> None:
        cells = []
        for i, text in enumerate(texts):
            p = oxml.paragraph(self.s["table_heading"], jc="right" if i in numeric else None)
            r = oxml.run(text)
            if self.s["table_heading"] is None:
                oxml.set_run_props(r, bold=True)
            p.append(r)
            cells.append(p)
        oxml.table_row(tbl, widths, cells, header=True)

    def _section(self, section: Section) -> None:
        self.heading(section.level, section.title, section.key)
        if section.kind == "document" and section.description:
            self.para("section_note", f"File: {section.description}")
        elif section.description:
            for chunk in split_paragraphs(section.description):
                self.para("section_note", chunk)
        for chunk in split_paragraphs(section.note):
            self.para("section_note", chunk)
        for excerpt in section.excerpts:
            others = section.other_tags(excerpt)
            self._excerpt(excerpt, [t.name for t in others], "Also tagged")
            self._tick()
        for child in section.children:
            self._section(child)

    def _excerpt(self, excerpt: Excerpt, tag_names: list[str], tag_label: str) -> None:
        chunks = split_paragraphs(excerpt.quote) or ["(empty passage)"]
        quote_runs = []
        for i, chunk in enumerate(chunks):
            p = self.para("quote_more" if i else "quote")
            quote_runs.append((p, oxml.run(chunk, parent=p)))
        # The citation, tags line and note stay on the page of their quote (no lone note lines).
        inline_note = bool(excerpt.note.strip()) and not self.b.options.notes_as_comments
        cite = self.para("citation", "— ", keep_next=bool(tag_names) or inline_note)
        title = oxml.run(excerpt.document_title)
        oxml.set_run_props(title, italic=True)
        cite.append(oxml.hyperlink(source_bookmark_name(excerpt.document_id), title))
        details = citation_text(excerpt)
        if excerpt.created:
            details += f" · {short_date(excerpt.created)}"
        if excerpt.author and excerpt.author != self.b.options.author:
            details += f" · {excerpt.author}"
        if excerpt.status.value in ("moved", "edited"):
            details += f" · anchor {excerpt.status.value}"
        if details:
            oxml.run(details, parent=cite)
        if tag_names:
            self.para("tags", f"{tag_label}: {', '.join(tag_names)}", keep_next=inline_note)
        if not excerpt.note.strip():
            return
        if self.b.options.notes_as_comments:
            self._comment(excerpt, quote_runs)
            return
        for i, chunk in enumerate(split_paragraphs(excerpt.note)):
            p = self.para("note")
            if i == 0:
                label = oxml.run("Note: ", self.s["strong"])
                if self.s["strong"] is None:
                    oxml.set_run_props(label, bold=True)
                p.append(label)
            oxml.run(chunk, parent=p)

    def _comment(self, excerpt: Excerpt, quote_runs: list) -> None:
        if self._comments is None:
            # Accessing .comments adds the comments part (with its relationship) when missing.
            self._comments = comments = self.doc.comments._comments_elm
            ids = [int(i) for i in comments.xpath("./w:comment/@w:id")]
            self._next_comment = max(ids, default=-1) + 1
        comment_id = self._next_comment
        self._next_comment += 1
        author = excerpt.author or self.b.options.author or "Annotator"
        initials = "".join(w[0] for w in author.split()[:3]).upper()
        self._comments.append(
            oxml.comment(
                comment_id,
                author=author,
                initials=initials,
                date=_comment_date(excerpt.created),
                paragraphs=split_paragraphs(excerpt.note),
                text_style=self.s["comment_text"],
                reference_style=self.s["comment_reference"],
            )
        )
        first, last = quote_runs[0][1], quote_runs[-1][1]
        oxml.mark_comment(first, last, comment_id, self.s["comment_reference"])

    def _sources(self) -> None:
        self.heading(1, "Appendix: Sources", "sources", new_page=True)
        self.para("normal", "Every document the briefing cites.")
        w = self.text_width
        widths = [w * 37 // 100, w * 28 // 100, w * 10 // 100, w * 14 // 100]
        widths.append(w - sum(widths))
        tbl = oxml.table(widths, self.s["table"])
        titles = ["Document", "File", "Words", "Last read", "Excerpts"]
        self._header_row(tbl, widths, titles, {2, 4})
        for src in self.b.sources:
            title = self._cell(src.title + (" (missing)" if src.missing else ""))
            self._bookmark_id += 1
            oxml.bookmark(title, source_bookmark_name(src.document_id), self._bookmark_id)
            cells = [
                title,
                self._cell(src.file_name),
                self._cell(f"{src.word_count:,}", number=True),
                self._cell(short_date(src.read_at)),
                self._cell(str(src.excerpt_count), number=True),
            ]
            oxml.table_row(tbl, widths, cells)
        self.body.append(tbl)
        notes = [s for s in self.b.sources if s.note.strip()]
        if notes and self.b.options.group_by == "tag":
            self.para("heading2", "Document notes", keep_next=True)
            for src in notes:
                head = self.para("note", keep_next=True)
                r = oxml.run(src.title)
                oxml.set_run_props(r, bold=True)
                head.append(r)
                for chunk in split_paragraphs(src.note):
                    self.para("note", chunk)

    def _orphans(self) -> None:
        self.heading(1, "Appendix: Orphaned excerpts", "orphans", new_page=True)
        self.para(
            "normal",
            "These passages could no longer be found in the current text of their documents. "
            "They are shown as they were when last anchored; their paragraph is unknown.",
        )
        for excerpt in self.b.orphans:
            self._excerpt(excerpt, list(excerpt.tag_names), "Tagged")
            self._tick()


def _comment_date(created: str) -> str:
    """An xsd:dateTime for w:date, or "" when ``created`` is not an ISO timestamp."""
    if len(created) >= 19 and created[4] == "-" and created[10] == "T":
        return created[:19] + "Z"
    return ""


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
