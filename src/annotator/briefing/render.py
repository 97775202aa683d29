"""Lay a (sanitised) briefing out into a python-docx document opened from the template.

Paragraphs are built as lxml elements and appended straight to ``w:body`` while the body's
``w:sectPr`` is detached: python-docx's ``add_paragraph`` searches the body for it on every call
(quadratic, upstream issue #408) and resolves ``style=`` by scanning all styles. Style ids are
resolved once (see ``styles``). The overview and the appendices are laid out by ``tables``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from annotator.briefing import furniture, oxml, tables
from annotator.briefing.comments import Comments
from annotator.briefing.sanitize import split_paragraphs, url_spans
from annotator.briefing.styles import StyleIds
from annotator.core.briefing import Briefing, Excerpt, Section, SourceEntry
from annotator.core.briefing_cite import plural, reference_parts, snippet
from annotator.core.sentences import gap_after, gap_before

Progress = Callable[[int, int], object]

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
# A quote up to about twelve lines stays on one page with its citation; a longer one may split
# across pages rather than leave half a page blank.
SHORT_QUOTE = 1000
CONTEXT_COLOR = "7F7F7F"  # the sentences around a quote: lighter than the quote, still legible
INNER_INDENT = 794  # twips: a passage inside the quote above, and its note, sit further in
PAGE_PLACEHOLDER = "\u2007" * 3  # figure spaces: the width of a three-digit page number


class BriefingCancelled(Exception):
    """The progress callback asked to stop; nothing was written."""


def bookmark_name(key: str) -> str:
    """A hidden bookmark name (a leading underscore hides it in Word's bookmark list)."""
    return "_Toc_" + key.replace("-", "_")


def source_bookmark_name(document_id: int) -> str:
    return f"_Ref_src_{document_id}"


def excerpt_bookmark_name(annotation_id: int) -> str:
    return f"_Ref_ex_{annotation_id}"


def toc_entries(briefing: Briefing) -> list[tuple[int, str, str]]:
    """(level, title, section key) of every heading the contents list, in order."""
    entries = [(1, "Overview", "overview")]
    entries += [(s.level, s.title, s.key) for s in briefing.walk()]
    entries.append((1, "Appendix: Sources", "sources"))
    if briefing.orphans:
        entries.append((1, "Appendix: Orphaned excerpts", "orphans"))
    return entries


class Renderer:
    """Writes one briefing into ``document``'s body, header, footer and properties.

    ``page_numbers`` (section key -> page) fills the contents' page numbers; ``reserve_pages``
    leaves room for them (a dot leader and placeholder) so they can be filled in afterwards.
    """

    def __init__(
        self,
        document: DocxDocument,
        briefing: Briefing,
        styles: StyleIds,
        progress: Progress | None = None,
        *,
        page_numbers: Mapping[str, int] | None = None,
        reserve_pages: bool = False,
    ) -> None:
        self.doc = document
        self.b = briefing
        self.s = styles
        self.body = document.element.body
        self.sources: dict[int, SourceEntry] = {s.document_id: s for s in briefing.sources}
        self.page_numbers = page_numbers
        self.reserve_pages = reserve_pages or page_numbers is not None
        self._progress = progress
        self._total = briefing.placement_count + len(briefing.orphans)
        self._done = 0
        self._step = max(1, self._total // 100)
        self._bookmark_id = 0
        self.comments = Comments(document, styles)
        self._links: dict[str, str] = {}
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
        furniture.header_footer(self.doc, self.b.options.title, self.s)
        sect_pr = self.body.find(qn("w:sectPr"))
        for child in list(self.body):
            self.body.remove(child)  # the template's sample content, if any
        try:
            self._title_page()
            self._contents()
            tables.overview(self)
            for section in self.b.sections:
                self._section(section)
            tables.sources(self)
            if self.b.orphans:
                self._orphans()
        finally:
            if sect_pr is not None:
                self.body.append(sect_pr)
        furniture.core_properties(self.doc, self.b)
        furniture.clean_package(self.doc)
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

    def link(self, anchor: str, text: str) -> etree._Element:
        """An internal link in the hyperlink character style."""
        return oxml.hyperlink(anchor, oxml.run(text, self.s["hyperlink"]))

    def web_link(self, url: str, text: str | None = None) -> etree._Element:
        """A live link to ``url`` (one relationship per distinct address)."""
        rid = self._links.get(url)
        if rid is None:
            target = url if "://" in url else f"https://{url}"  # "www.example.org"
            rid = self._links[url] = self.doc.part.relate_to(target, RT.HYPERLINK, is_external=True)
        return oxml.external_hyperlink(rid, oxml.run(text or url, self.s["hyperlink"]))

    def rich(self, p: etree._Element, text: str) -> list[etree._Element]:
        """Append ``text`` to ``p`` with its web addresses as live links; the runs added."""
        added = []
        pos = 0
        for start, end in url_spans(text):
            if start > pos:
                added.append(oxml.run(text[pos:start], parent=p))
            link = self.web_link(text[start:end])
            p.append(link)
            added.append(link)
            pos = end
        if pos < len(text):
            added.append(oxml.run(text[pos:], parent=p))
        return added

    def labelled(self, role: str, label: str, text: str, indent: int | None = None) -> None:
        """``text`` in paragraphs, the first opening with a bold ``label``."""
        for i, chunk in enumerate(split_paragraphs(text)):
            p = self.para(role, indent_left=indent)
            if i == 0:
                r = oxml.run(f"{label}: ", self.s["strong"])
                if self.s["strong"] is None:
                    oxml.set_run_props(r, bold=True)
                p.append(r)
            self.rich(p, chunk)

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
        self.para("title", o.title or "Briefing")
        if o.subtitle:
            self.para("subtitle", o.subtitle)
        if self.b.project_name and self.b.project_name != o.title:
            self.para("meta", f"Project: {self.b.project_name}")
        for line in (o.author, o.date):
            if line:
                self.para("meta", line)
        counts = f"{plural(len(self.b.selection), 'excerpt')} from "
        counts += plural(len(self.b.sources), "source")
        if self.b.keywords:
            counts += f", under {plural(len(self.b.keywords), 'tag')}"
        self.para("meta", counts)
        if self.b.summary.strip():
            self.para("summary_heading", o.summary_heading or "Summary")
            for chunk in split_paragraphs(self.b.summary):
                self.rich(self.para("summary"), chunk)

    def _contents(self) -> None:
        # A real TOC field whose cached result is already filled in and linked, so the contents
        # read well before Word refreshes the field (updateFields asks it to on opening). Page
        # numbers are known only once the document is laid out: without them the entries are
        # plain links (no empty dot leaders); see ``pages`` for LibreOffice's numbers.
        self.para("toc_heading", "Contents", page_break_before=True)
        entries = toc_entries(self.b)
        for i, (level, title, key) in enumerate(entries):
            tab = self.text_width if self.reserve_pages else None
            p = self.para(f"toc{min(level, 3)}", tab_right=tab)
            if i == 0:
                for r in oxml.field_begin(TOC_INSTRUCTION):
                    p.append(r)
            runs = [oxml.run(title)]
            if self.reserve_pages:
                number = (self.page_numbers or {}).get(key)
                runs += [oxml.run("\t"), oxml.run(str(number) if number else PAGE_PLACEHOLDER)]
            p.append(oxml.hyperlink(bookmark_name(key), *runs))
            if i == len(entries) - 1:
                p.append(oxml.field_end())

    def _section(self, section: Section) -> None:
        self.heading(section.level, section.title, section.key)
        if section.kind == "document":
            self._reference_line(section)
        elif section.kind == "tag" and section.description.strip():
            self.labelled("section_note", "Description", section.description)
        elif section.description.strip():
            for chunk in split_paragraphs(section.description):
                self.para("section_note", chunk)
        if section.note.strip():
            self.labelled("section_note", "Notes", section.note)
        for excerpt in section.excerpts:
            self._excerpt(excerpt, section)
            self._tick()
        if section.references:
            self.para(
                "section_note",
                "Printed in full under another heading:",
                keep_next=True,
                space_before=240,
            )
            for excerpt in section.references:
                self._cross_reference(excerpt)
        for child in section.children:
            self._section(child)

    def _reference_line(self, section: Section) -> None:
        """Under a document's heading: who wrote it, where and when, linked to the appendix."""
        source = self.sources.get(section.document_id or 0)
        parts = [(t, i) for t, i in reference_parts(source, "") if t]
        if not parts or section.document_id is None:
            return
        p = self.para("citation")
        p.append(self._reference_link(section.document_id, parts))

    def _reference_link(self, document_id: int, parts: list[tuple[str, bool]]) -> etree._Element:
        runs = []
        for i, (text, italic) in enumerate(parts):
            if i:
                runs.append(oxml.run(", "))
            r = oxml.run(text)
            if italic:
                oxml.set_run_props(r, italic=True)
            runs.append(r)
        return oxml.hyperlink(source_bookmark_name(document_id), *runs)

    def _cross_reference(self, excerpt: Excerpt) -> None:
        p = self.para("tags")
        oxml.run(f"“{snippet(excerpt.quote)}” — ", parent=p)
        where = f"see {excerpt.home_title}"
        if excerpt.locator:
            where += f", {excerpt.locator}"
        p.append(self.link(excerpt_bookmark_name(excerpt.block_id), where))

    def _excerpt(self, excerpt: Excerpt, section: Section | None) -> None:
        chunks = split_paragraphs(excerpt.quote) or ["(empty passage)"]
        short = len(excerpt.quote) + len(excerpt.before) + len(excerpt.after) <= SHORT_QUOTE
        quote_runs = []
        for i, chunk in enumerate(chunks):
            role = "quote_more" if i else "quote"
            if short:
                p = self.para(role, keep_lines=True)
            else:
                p = self.para(role, keep_next=False)
            if i == 0:
                self.bookmark(p, excerpt_bookmark_name(excerpt.annotation_id))
                if excerpt.before:
                    oxml.set_run_props(
                        oxml.run(excerpt.before + gap_before(excerpt.before), parent=p),
                        color=CONTEXT_COLOR,
                    )
            quote_runs.append(oxml.run(chunk, parent=p))
            if i == len(chunks) - 1 and excerpt.after:
                run = oxml.run(gap_after(excerpt.after) + excerpt.after, parent=p)
                oxml.set_run_props(run, color=CONTEXT_COLOR)
        by_document = section is not None and section.kind == "document"
        tag_line = self._tag_line(excerpt, section)
        inline_note = bool(excerpt.note.strip()) and not self.b.options.notes_as_comments
        follows = bool(tag_line) or inline_note or bool(excerpt.inner)
        cite = self.para("citation", "— ", keep_next=True if follows and short else None)
        parts = (
            []
            if by_document
            else reference_parts(self.sources.get(excerpt.document_id), excerpt.document_title)
        )
        if parts:
            cite.append(self._reference_link(excerpt.document_id, parts))
        details = [excerpt.locator] if excerpt.locator else []
        if details and parts:
            oxml.run(", ", parent=cite)
        if excerpt.changed_note:
            details.append(f"({excerpt.changed_note})")
        if details:
            oxml.run(" ".join(details), parent=cite)
        if tag_line:
            self.para("tags", tag_line, keep_next=True if (inline_note and short) else None)
        self._note(excerpt, [quote_runs[0], quote_runs[-1]])
        for inner in excerpt.inner:
            self._inner(inner, same=(inner.start, inner.end) == (excerpt.start, excerpt.end))

    def _tag_line(self, excerpt: Excerpt, section: Section | None) -> str:
        if section is None:
            names, label = list(excerpt.tag_names), "Tagged"
        elif section.kind == "document":
            names, label = list(excerpt.tag_names), "Tags"
        else:
            names, label = [t.name for t in section.other_tags(excerpt)], "Also tagged"
        line = f"{label}: {', '.join(names)}" if names else ""
        if excerpt.author and excerpt.author != self.b.options.author:
            line += f"{' · ' if line else ''}Highlighted by {excerpt.author}"
        return line

    def _inner(self, inner: Excerpt, *, same: bool) -> None:
        """A selected passage inside the one just printed (or the same words highlighted again):
        one line, not a second block."""
        p = self.para("tags", indent_left=INNER_INDENT)
        self.bookmark(p, excerpt_bookmark_name(inner.annotation_id))
        label = oxml.run("Also highlighted" if same else "Includes: ", self.s["strong"])
        if self.s["strong"] is None:
            oxml.set_run_props(label, bold=True)
        p.append(label)
        details = [] if same or not inner.locator else [inner.locator]
        if inner.tags:
            details.append(f"tagged {', '.join(inner.tag_names)}")
        if inner.changed_note:
            details.append(inner.changed_note)
        if same:
            text = oxml.run(f" ({'; '.join(details)})" if details else "", parent=p)
        else:
            text = oxml.run(f"“{snippet(inner.quote, 160)}”", parent=p)
            if details:
                oxml.run(f" ({'; '.join(details)})", parent=p)
        self._note(inner, [text, text], indent=INNER_INDENT)

    def _note(
        self, excerpt: Excerpt, anchor_runs: list[etree._Element], indent: int | None = None
    ) -> None:
        if not excerpt.note.strip():
            return
        if self.b.options.notes_as_comments:
            # Signed by whoever the user named: the highlight's author, else the briefing's;
            # never the login name. With neither, the program that compiled it.
            author = excerpt.author or self.b.options.author or "Annotator"
            self.comments.add(
                author, excerpt.created, excerpt.note, anchor_runs[0], anchor_runs[-1]
            )
        else:
            self.labelled("note", "Note", excerpt.note, indent)

    def _orphans(self) -> None:
        self.heading(1, "Appendix: Orphaned excerpts", "orphans", new_page=True)
        self.para(
            "normal",
            "These passages could no longer be found in the current text of their documents. "
            "They are shown as they were when last anchored; their paragraph is unknown.",
        )
        for excerpt in self.b.orphans:
            self._excerpt(excerpt, None)
            self._tick()
