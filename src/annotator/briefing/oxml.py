"""WordprocessingML that python-docx has no API for: fields, bookmarks, internal links, settings."""

from __future__ import annotations

from functools import cache

from docx.oxml.ns import NamespacePrefixedTag
from docx.oxml.ns import qn as _qn
from docx.oxml.parser import oxml_parser
from docx.oxml.text.paragraph import CT_P
from lxml import etree

# w:settings children after w:updateFields in the schema's sequence (CT_Settings): the element
# must go before the first of these that is present, or Word rejects the file as corrupt.
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


@cache
def _tag(nsptag: str) -> tuple[str, dict[str, str]]:
    parsed = NamespacePrefixedTag(nsptag)
    return parsed.clark_name, parsed.nsmap


# python-docx's OxmlElement and qn re-parse the prefixed name on every call; a briefing makes
# hundreds of thousands of elements, so the parsing is cached here.
qn = cache(_qn)


def element(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    """A ``w:`` element with ``w:`` attributes (``element("w:tab", val="right")``).

    With ``parent`` it is created in place as its last child, which is much cheaper for lxml than
    making a free-standing element (a document of its own) and moving it.
    """
    clark, nsmap = _tag(tag)
    attrib = {qn(f"w:{k}"): v for k, v in attrs.items()} if attrs else None
    if parent is None:
        return oxml_parser.makeelement(clark, attrib=attrib, nsmap=nsmap)
    return etree.SubElement(parent, clark, attrib=attrib)


_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def run(
    text: str = "", style_id: str | None = None, parent: etree._Element | None = None
) -> etree._Element:
    """A ``w:r`` holding ``text`` (tabs and newlines become ``w:tab`` / ``w:br``)."""
    r = element("w:r", parent)
    if style_id:
        element("w:rStyle", element("w:rPr", r), val=style_id)
    for i, line in enumerate(text.split("\n")):
        if i:
            element("w:br", r)
        for j, piece in enumerate(line.split("\t")):
            if j:
                element("w:tab", r)
            if piece:
                t = element("w:t", r)
                t.text = piece
                if piece[0].isspace() or piece[-1].isspace():
                    t.set(_SPACE, "preserve")
    return r


def set_run_props(
    r: etree._Element,
    *,
    bold: bool = False,
    italic: bool = False,
    color: str | None = None,
) -> None:
    """Direct run formatting, written in CT_RPr's schema order (after any rStyle)."""
    rpr = r.find(qn("w:rPr"))
    if rpr is None:
        rpr = element("w:rPr")
        r.insert(0, rpr)
    if bold:
        element("w:b", rpr)
    if italic:
        element("w:i", rpr)
    if color:
        element("w:color", rpr, val=color)


def paragraph(
    style_id: str | None = None,
    *,
    parent: etree._Element | None = None,
    keep_next: bool | None = None,
    keep_lines: bool | None = None,
    page_break_before: bool = False,
    tab_right: int | None = None,
    space_before: int | None = None,
    space_after: int | None = None,
    indent_left: int | None = None,
    jc: str | None = None,
) -> CT_P:
    """An empty ``w:p`` with its style set by id (no lookup by name) and a few direct properties.

    ``keep_next``/``keep_lines``: True sets, False clears what the style sets, None leaves the
    style's. ``tab_right``: a right-aligned tab stop with a dot leader (contents page numbers).
    The properties are written in CT_PPr's schema order (pStyle, keepNext, keepLines,
    pageBreakBefore, tabs, spacing, ind, jc).
    """
    p = element("w:p", parent)
    if not (
        style_id
        or keep_next is not None
        or keep_lines is not None
        or page_break_before
        or tab_right is not None
        or space_after is not None
        or space_before is not None
        or indent_left is not None
        or jc
    ):
        return p
    props = element("w:pPr", p)
    if style_id:
        element("w:pStyle", props, val=style_id)
    if keep_next is not None:
        element("w:keepNext", props, **({} if keep_next else {"val": "0"}))
    if keep_lines is not None:
        element("w:keepLines", props, **({} if keep_lines else {"val": "0"}))
    if page_break_before:
        element("w:pageBreakBefore", props)
    if tab_right is not None:
        element("w:tab", element("w:tabs", props), val="right", leader="dot", pos=str(tab_right))
    if space_before is not None or space_after is not None:
        spacing = element("w:spacing", props)
        if space_before is not None:
            spacing.set(qn("w:before"), str(space_before))
        if space_after is not None:
            spacing.set(qn("w:after"), str(space_after))
    if indent_left is not None:
        element("w:ind", props, left=str(indent_left))
    if jc:
        element("w:jc", props, val=jc)
    return p


def bookmark(p: CT_P, name: str, bookmark_id: int) -> None:
    """Wrap the paragraph's content in a bookmark (the target of internal links and PAGEREF)."""
    start = element("w:bookmarkStart", id=str(bookmark_id), name=name)
    pos = 1 if p.find(qn("w:pPr")) is not None else 0
    p.insert(pos, start)
    p.append(element("w:bookmarkEnd", id=str(bookmark_id)))


def hyperlink(anchor: str, *runs: etree._Element) -> etree._Element:
    """An internal hyperlink to a bookmark, holding ``runs``."""
    link = element("w:hyperlink", anchor=anchor, history="1")
    for r in runs:
        link.append(r)
    return link


def external_hyperlink(relationship_id: str, *runs: etree._Element) -> etree._Element:
    """A hyperlink to a web address (the relationship holds the URL)."""
    link = element("w:hyperlink")
    link.set(qn("r:id"), relationship_id)
    link.set(qn("w:history"), "1")
    for r in runs:
        link.append(r)
    return link


def field_runs(instruction: str, cached: str = "", style_id: str | None = None) -> list:
    """A complex field (begin, instruction, separate, cached result, end) as a list of runs."""
    runs = [_fld_char("begin")]
    instr = element("w:r")
    text = element("w:instrText")
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    text.text = f" {instruction} "
    instr.append(text)
    runs += [instr, _fld_char("separate")]
    if cached:
        runs.append(run(cached, style_id))
    runs.append(_fld_char("end"))
    return runs


def field_begin(instruction: str) -> list:
    """The opening half of a field whose result spans several paragraphs (the TOC)."""
    return field_runs(instruction)[:3]


def field_end() -> etree._Element:
    return _fld_char("end")


def _fld_char(kind: str) -> etree._Element:
    r = element("w:r")
    r.append(element("w:fldChar", fldCharType=kind))
    return r


def set_update_fields(settings: etree._Element) -> None:
    """Ask Word to refresh fields (TOC page numbers) when the document opens."""
    existing = settings.find(qn("w:updateFields"))
    if existing is not None:
        settings.remove(existing)
    el = element("w:updateFields", val="true")
    for name in _AFTER_UPDATE_FIELDS:
        successor = settings.find(qn(f"w:{name}"))
        if successor is not None:
            successor.addprevious(el)
            return
    settings.append(el)


def table(widths_twips: list[int], style_id: str | None) -> etree._Element:
    """A full-width ``w:tbl`` with a grid of ``widths_twips`` and no rows yet."""
    tbl = element("w:tbl")
    props = element("w:tblPr")
    if style_id:
        props.append(element("w:tblStyle", val=style_id))
    props.append(element("w:tblW", w="5000", type="pct"))
    props.append(
        element(
            "w:tblLook",
            val="04A0",
            firstRow="1",
            lastRow="0",
            firstColumn="0",
            lastColumn="0",
            noHBand="0",
            noVBand="1",
        )
    )
    tbl.append(props)
    grid = element("w:tblGrid")
    for w in widths_twips:
        grid.append(element("w:gridCol", w=str(w)))
    tbl.append(grid)
    return tbl


def table_row(
    tbl: etree._Element,
    widths_twips: list[int],
    cells: list[CT_P],
    *,
    header: bool = False,
    fills: list[str | None] | None = None,
) -> etree._Element:
    """Append a row whose cells each hold one paragraph; ``fills``: each cell's shading
    ("RRGGBB") or None."""
    tr = element("w:tr")
    if header:
        trpr = element("w:trPr")
        trpr.append(element("w:cantSplit"))
        trpr.append(element("w:tblHeader"))
        tr.append(trpr)
    for i, (width, p) in enumerate(zip(widths_twips, cells, strict=True)):
        tc = element("w:tc")
        tcpr = element("w:tcPr")
        tcpr.append(element("w:tcW", w=str(width), type="dxa"))
        fill = fills[i] if fills else None
        if fill:
            tcpr.append(element("w:shd", val="clear", color="auto", fill=fill))
        tc.append(tcpr)
        tc.append(p)
        tr.append(tc)
    tbl.append(tr)
    return tr


def comment(
    comment_id: int,
    *,
    author: str,
    initials: str,
    date: str,
    paragraphs: list[str],
    text_style: str | None,
    reference_style: str | None,
) -> etree._Element:
    """A ``w:comment`` for the comments part (python-docx's ``add_comment`` rescans every comment
    id on each call, which is quadratic in the number of comments)."""
    el = element("w:comment", id=str(comment_id), author=author, initials=initials)
    if date:
        el.set(qn("w:date"), date)
    for i, text in enumerate(paragraphs or [""]):
        p = paragraph(text_style)
        if i == 0:
            ref = run("", reference_style)
            ref.append(element("w:annotationRef"))
            p.append(ref)
        if text:
            p.append(run(text))
        el.append(p)
    return el


def mark_comment(
    first_run: etree._Element,
    last_run: etree._Element,
    comment_id: int,
    reference_style: str | None,
) -> None:
    """Anchor comment ``comment_id`` on the runs from ``first_run`` to ``last_run``."""
    first_run.addprevious(element("w:commentRangeStart", id=str(comment_id)))
    end = element("w:commentRangeEnd", id=str(comment_id))
    last_run.addnext(end)
    ref = run("", reference_style)
    ref.append(element("w:commentReference", id=str(comment_id)))
    end.addnext(ref)
