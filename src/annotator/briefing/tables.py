"""The overview's tag × document heat map and the sources appendix of the Word briefing.

The heat map is table cell shading (no image): five steps of one blue, light enough for black
text, with the count printed in every cell so it reads in greyscale print too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from annotator.briefing import oxml
from annotator.briefing.sanitize import split_paragraphs
from annotator.core.briefing_cite import (
    ET_AL_AFTER,
    authors_text,
    count,
    date_text,
    plural,
    reference_parts,
)

if TYPE_CHECKING:
    from annotator.briefing.render import Renderer

PLAIN_FORMATS = ("text", "markdown")  # not worth a word in the small print
INDENT_STEP = 170  # twips (0.3 cm) per tag level in the overview table
SHADES = ("DEEBF7", "C6DBEF", "9ECAE1", "7FB3D8", "5B9BD5")  # light to dark


def shade(value: int, peak: int) -> str | None:
    """The fill for a count: none for 0, else one of five steps relative to the largest."""
    if value <= 0 or peak <= 0:
        return None
    step = min(len(SHADES) - 1, (value * len(SHADES) - 1) // peak)
    return SHADES[step]


def overview(r: Renderer) -> None:
    from annotator.briefing.render import bookmark_name, source_bookmark_name

    r.heading(1, "Overview", "overview", new_page=True)
    heat = r.b.heat_map
    if heat is None or not heat.rows:
        return
    by_tag = r.b.options.group_by == "tag"
    r.para(
        "normal",
        "Excerpts per tag and source; darker cells hold more. A tag counts the excerpts of its "
        "nested tags too. Each count links to its section"
        + (" (the tag's)." if by_tag else " (the document's)."),
    )
    n = len(heat.columns) + heat.others
    first = r.text_width * (34 if n > 5 else 42) // 100
    total_w = r.text_width * 9 // 100
    col = (r.text_width - first - total_w) // max(n, 1)
    widths = [first] + [col] * n
    widths.append(r.text_width - sum(widths))
    tbl = oxml.table(widths, r.s["table"])
    head = [_cell(r, "Tag", bold=r.s["table_heading"] is None, role="table_heading")]
    for i, source in enumerate(heat.columns, 1):
        p = oxml.paragraph(r.s["table_heading"], jc="right")
        p.append(oxml.hyperlink(source_bookmark_name(source.document_id), oxml.run(str(i))))
        head.append(p)
    if heat.others:
        head.append(_cell(r, "Others", role="table_heading", jc="right"))
    head.append(_cell(r, "Total", role="table_heading", jc="right"))
    oxml.table_row(tbl, widths, head, header=True)
    peak = heat.peak
    for row in heat.rows:
        name = oxml.paragraph(r.s["table_text"], indent_left=(row.level - 1) * INDENT_STEP)
        oxml.run(row.title, parent=name)
        cells = [name]
        fills: list[str | None] = [None]
        for value, key in zip(row.counts, row.link_keys, strict=True):
            p = oxml.paragraph(r.s["table_number"])
            if value and key:
                p.append(oxml.hyperlink(bookmark_name(key), oxml.run(count(value))))
            elif value:
                oxml.run(count(value), parent=p)
            cells.append(p)
            fills.append(shade(value, peak))
        cells.append(_cell(r, count(row.total), role="table_number", bold=True))
        fills.append(None)
        oxml.table_row(tbl, widths, cells, fills=fills)
    r.body.append(tbl)
    # The legend: which source each column number stands for.
    for i, source in enumerate(heat.columns, 1):
        p = r.para("citation")
        oxml.run(f"{i}\u2002", parent=p)
        parts = reference_parts(source, source.title)
        p.append(_reference_runs(source.document_id, parts))
    if heat.others:
        r.para("citation", "Others: the remaining sources (see Appendix: Sources).")


def _reference_runs(document_id: int, parts: list[tuple[str, bool]]) -> etree._Element:
    from annotator.briefing.render import source_bookmark_name

    runs = []
    for i, (text, italic) in enumerate(parts):
        if i:
            runs.append(oxml.run(", "))
        run = oxml.run(text)
        if italic:
            oxml.set_run_props(run, italic=True)
        runs.append(run)
    return oxml.hyperlink(source_bookmark_name(document_id), *runs)


def _cell(
    r: Renderer, text: str, *, role: str = "table_text", bold: bool = False, jc: str | None = None
) -> oxml.CT_P:
    p = oxml.paragraph(r.s[role], jc=jc)
    if text:
        run = oxml.run(text, parent=p)
        if bold or (role == "table_heading" and r.s[role] is None):
            oxml.set_run_props(run, bold=True)
    return p


def sources(r: Renderer) -> None:
    """Each cited document's full reference, its web address as a live link; the file, reading
    date and counts in small print."""
    from annotator.briefing.render import source_bookmark_name

    r.heading(1, "Appendix: Sources", "sources", new_page=True)
    for source in r.b.sources:
        p = r.para("normal", keep_next=True)
        r.bookmark(p, source_bookmark_name(source.document_id))
        parts = reference_parts(source, source.title)
        if len(source.authors) > ET_AL_AFTER:  # citations shorten to "et al.", the appendix not
            parts[0] = (authors_text(source.authors, full=True), False)
        for i, (text, italic) in enumerate(parts):
            if i:
                oxml.run(", ", parent=p)
            run = oxml.run(text, parent=p)
            if italic:
                oxml.set_run_props(run, italic=True)
        if parts and parts[-1][0][-1:] not in ".?!…":
            oxml.run(".", parent=p)
        if source.url:
            oxml.run(" ", parent=p)
            p.append(r.web_link(source.url))
        if source.citation_note.strip():
            oxml.run(" ", parent=p)
            r.rich(p, " ".join(source.citation_note.split()))
        small = [plural(source.excerpt_count, "excerpt")]
        if source.format and source.format not in PLAIN_FORMATS:
            small.append(source.format.upper())  # "PDF", "HTML": where "p. 12" comes from
        if source.word_count:
            small.append(plural(source.word_count, "word"))
        if source.path:
            small.append(f"file {source.path}" + (" (missing)" if source.missing else ""))
        if source.read_at:
            small.append(f"read {date_text(source.read_at[:10])}")
        r.para("citation", " · ".join(small), space_after=160)
    notes = [s for s in r.b.sources if s.note.strip()]
    if notes and r.b.options.group_by == "tag":
        r.para("heading2", "Document notes", keep_next=True)
        for source in notes:
            head = r.para("note", keep_next=True)
            run = oxml.run(source.title)
            oxml.set_run_props(run, bold=True)
            head.append(run)
            for chunk in split_paragraphs(source.note):
                r.rich(r.para("note"), chunk)
