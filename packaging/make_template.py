"""Generate resources/briefing-template.docx: the styles and page setup of the Word briefing.

Run: ``python packaging/make_template.py [output.docx]``. The writer uses only style names from this
file, so a user's own template with the same names restyles the whole briefing. Fonts are Cambria
(body) and Calibri (headings): both ship with Word on Windows and macOS, and LibreOffice substitutes
the metric-compatible Caladea and Carlito.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches

BODY_FONT = "Cambria"
HEAD_FONT = "Calibri"
INK = "1F2933"  # body text
NAVY = "1F3A5F"  # headings
ACCENT = "2F6690"  # links, rules, quote border
MUTED = "5F6B7A"  # citations, header, footer
QUOTE_FILL = "F3F6F9"
RULE = "D5DCE4"


def fonts(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:cs="{name}"/>'


# (type, styleId, name, basedOn, next, pPr inner xml, rPr inner xml). Names Word knows as built-ins
# are written the way Word writes them ("heading 1", "toc 1") so Word treats them as its own.
PARAGRAPH_STYLES = [
    (
        "Normal",
        "Normal",
        None,
        None,
        '<w:spacing w:after="120" w:line="288" w:lineRule="auto"/>',
        f'{fonts(BODY_FONT)}<w:color w:val="{INK}"/><w:sz w:val="22"/><w:szCs w:val="22"/>',
    ),
    (
        "Title",
        "Title",
        "Normal",
        "Subtitle",
        f'<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="12" w:color="{ACCENT}"/></w:pBdr>'
        '<w:spacing w:before="2400" w:after="240" w:line="240" w:lineRule="auto"/>'
        "<w:contextualSpacing/>",
        f'{fonts(HEAD_FONT)}<w:b/><w:color w:val="{NAVY}"/><w:kern w:val="28"/>'
        '<w:sz w:val="60"/><w:szCs w:val="60"/>',
    ),
    (
        "Subtitle",
        "Subtitle",
        "Normal",
        "Briefing Meta",
        '<w:spacing w:after="480" w:line="264" w:lineRule="auto"/>',
        f'{fonts(HEAD_FONT)}<w:color w:val="{MUTED}"/><w:sz w:val="30"/><w:szCs w:val="30"/>',
    ),
    (
        "BriefingMeta",
        "Briefing Meta",
        "Normal",
        "Briefing Meta",
        '<w:spacing w:after="40"/>',
        f'{fonts(HEAD_FONT)}<w:color w:val="{MUTED}"/><w:sz w:val="22"/><w:szCs w:val="22"/>',
    ),
    (
        "SummaryHeading",
        "Summary Heading",
        "Normal",
        "Summary",
        '<w:keepNext/><w:spacing w:before="960" w:after="120"/>',
        f'{fonts(HEAD_FONT)}<w:b/><w:caps/><w:color w:val="{ACCENT}"/><w:spacing w:val="20"/>'
        '<w:sz w:val="20"/><w:szCs w:val="20"/>',
    ),
    ("Summary", "Summary", "Normal", "Summary", '<w:spacing w:after="160"/>', ""),
    (
        "TOCHeading",
        "TOC Heading",
        "Normal",
        "Normal",
        '<w:keepNext/><w:spacing w:before="240" w:after="360"/>',
        f'{fonts(HEAD_FONT)}<w:b/><w:color w:val="{NAVY}"/><w:sz w:val="36"/><w:szCs w:val="36"/>',
    ),
    (
        "TOC1",
        "toc 1",
        "Normal",
        "Normal",
        '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9360"/></w:tabs>'
        '<w:spacing w:before="160" w:after="40"/>',
        f'{fonts(HEAD_FONT)}<w:b/><w:color w:val="{NAVY}"/><w:sz w:val="22"/><w:szCs w:val="22"/>',
    ),
    (
        "TOC2",
        "toc 2",
        "Normal",
        "Normal",
        '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9360"/></w:tabs>'
        '<w:spacing w:after="20"/><w:ind w:left="284"/>',
        f'{fonts(HEAD_FONT)}<w:sz w:val="21"/><w:szCs w:val="21"/>',
    ),
    (
        "TOC3",
        "toc 3",
        "Normal",
        "Normal",
        '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9360"/></w:tabs>'
        '<w:spacing w:after="20"/><w:ind w:left="567"/>',
        f'{fonts(HEAD_FONT)}<w:color w:val="{MUTED}"/><w:sz w:val="20"/><w:szCs w:val="20"/>',
    ),
    (
        "Heading1",
        "heading 1",
        "Normal",
        "Normal",
        "<w:keepNext/><w:keepLines/>"
        f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{RULE}"/></w:pBdr>'
        '<w:spacing w:before="480" w:after="200" w:line="240" w:lineRule="auto"/>'
        '<w:outlineLvl w:val="0"/>',
        f'{fonts(HEAD_FONT)}<w:b/><w:color w:val="{NAVY}"/><w:sz w:val="34"/><w:szCs w:val="34"/>',
    ),
    (
        "Heading2",
        "heading 2",
        "Normal",
        "Normal",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120" w:line="240" '
        'w:lineRule="auto"/><w:outlineLvl w:val="1"/>',
        f'{fonts(HEAD_FONT)}<w:b/><w:color w:val="{ACCENT}"/>'
        '<w:sz w:val="27"/><w:szCs w:val="27"/>',
    ),
    (
        "Heading3",
        "heading 3",
        "Normal",
        "Normal",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="280" w:after="80" w:line="240" '
        'w:lineRule="auto"/><w:outlineLvl w:val="2"/>',
        f'{fonts(HEAD_FONT)}<w:b/><w:color w:val="{NAVY}"/><w:sz w:val="23"/><w:szCs w:val="23"/>',
    ),
    (
        "SectionNote",
        "Section Note",
        "Normal",
        "Normal",
        '<w:spacing w:after="120"/>',
        f'<w:i/><w:color w:val="{MUTED}"/>',
    ),
    (
        "BlockQuote",
        "Block Quote",
        "Normal",
        "Citation",
        "<w:keepNext/>"
        # Top, bottom and right borders in the fill colour pad the shaded block.
        f'<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="{QUOTE_FILL}"/>'
        f'<w:left w:val="single" w:sz="18" w:space="10" w:color="{ACCENT}"/>'
        f'<w:bottom w:val="single" w:sz="4" w:space="4" w:color="{QUOTE_FILL}"/>'
        f'<w:right w:val="single" w:sz="4" w:space="8" w:color="{QUOTE_FILL}"/></w:pBdr>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{QUOTE_FILL}"/>'
        '<w:spacing w:before="240" w:after="0" w:line="276" w:lineRule="auto"/>'
        '<w:ind w:left="397" w:right="284"/><w:contextualSpacing/>',
        '<w:sz w:val="21"/><w:szCs w:val="21"/>',
    ),
    (
        # The second and later paragraphs of one quote: a small gap inside the same shaded block
        # (Block Quote's contextual spacing would run the paragraphs together).
        "BlockQuoteContinued",
        "Block Quote Continued",
        "BlockQuote",
        "Citation",
        '<w:spacing w:before="120"/><w:contextualSpacing w:val="0"/>',
        "",
    ),
    (
        "Citation",
        "Citation",
        "Normal",
        "Excerpt Note",
        '<w:spacing w:before="80" w:after="0"/><w:ind w:left="397"/>',
        f'{fonts(HEAD_FONT)}<w:color w:val="{MUTED}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
    ),
    (
        "ExcerptTags",
        "Excerpt Tags",
        "Normal",
        "Excerpt Note",
        '<w:spacing w:before="20" w:after="0"/><w:ind w:left="397"/>',
        f'{fonts(HEAD_FONT)}<w:color w:val="{ACCENT}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
    ),
    (
        "ExcerptNote",
        "Excerpt Note",
        "Normal",
        "Normal",
        '<w:spacing w:before="100" w:after="0"/><w:ind w:left="397"/>',
        '<w:sz w:val="21"/><w:szCs w:val="21"/>',
    ),
    (
        "TableText",
        "Table Text",
        "Normal",
        "Table Text",
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
        f'{fonts(HEAD_FONT)}<w:sz w:val="20"/><w:szCs w:val="20"/>',
    ),
    (
        "TableHeading",
        "Table Heading",
        "TableText",
        "Table Heading",
        "<w:keepNext/>",
        '<w:b/><w:color w:val="FFFFFF"/>',
    ),
    (
        "TableNumber",
        "Table Number",
        "TableText",
        "Table Number",
        '<w:jc w:val="right"/>',
        "",
    ),
    (
        "Header",
        "header",
        "Normal",
        "Header",
        f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{RULE}"/></w:pBdr>'
        '<w:spacing w:after="0"/><w:jc w:val="right"/>',
        f'{fonts(HEAD_FONT)}<w:color w:val="{MUTED}"/><w:sz w:val="17"/><w:szCs w:val="17"/>',
    ),
    (
        "Footer",
        "footer",
        "Normal",
        "Footer",
        '<w:spacing w:after="0"/><w:jc w:val="center"/>',
        f'{fonts(HEAD_FONT)}<w:color w:val="{MUTED}"/><w:sz w:val="17"/><w:szCs w:val="17"/>',
    ),
    (
        "CommentText",
        "annotation text",
        "Normal",
        "CommentText",
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
        '<w:sz w:val="20"/><w:szCs w:val="20"/>',
    ),
]

CHARACTER_STYLES = [
    ("Hyperlink", "Hyperlink", f'<w:color w:val="{ACCENT}"/>'),
    ("Strong", "Strong", "<w:b/><w:bCs/>"),
    ("CommentReference", "annotation reference", '<w:sz w:val="16"/><w:szCs w:val="16"/>'),
]

TABLE_STYLE = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="BriefingTable">
  <w:name w:val="Briefing Table"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="40"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="8" w:space="0" w:color="{NAVY}"/>
      <w:bottom w:val="single" w:sz="8" w:space="0" w:color="{NAVY}"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="70" w:type="dxa"/><w:left w:w="115" w:type="dxa"/>
      <w:bottom w:w="70" w:type="dxa"/><w:right w:w="115" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{NAVY}"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="band1Horz">
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F6F8FA"/></w:tcPr>
  </w:tblStylePr>
</w:style>
"""

BUILT_IN_IDS = {"Normal", "Title", "Subtitle", "Header", "Footer", "Hyperlink", "Strong"}
BUILT_IN_IDS |= {"Heading1", "Heading2", "Heading3", "TOC1", "TOC2", "TOC3", "TOCHeading"}
BUILT_IN_IDS |= {"CommentText", "CommentReference"}


def _style_xml(kind: str, style_id: str, name: str, based_on, next_, ppr: str, rpr: str) -> str:
    custom = "" if style_id in BUILT_IN_IDS else ' w:customStyle="1"'
    default = ' w:default="1"' if style_id == "Normal" else ""
    parts = [
        f'<w:style {nsdecls("w")} w:type="{kind}"{default}{custom} w:styleId="{style_id}">',
        f'<w:name w:val="{name}"/>',
    ]
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_:
        parts.append(f'<w:next w:val="{next_.replace(" ", "")}"/>')
    parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append("</w:style>")
    return "".join(parts)


def build(output: Path) -> Path:
    document = docx.Document()
    styles = document.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}

    def put(xml: str, style_id: str) -> None:
        new = parse_xml(xml)
        old = by_id.get(style_id)
        if old is not None:
            old.addprevious(new)
            styles.remove(old)
        else:
            styles.append(new)
        by_id[style_id] = new

    for style_id, name, based_on, next_, ppr, rpr in PARAGRAPH_STYLES:
        put(_style_xml("paragraph", style_id, name, based_on, next_, ppr, rpr), style_id)
    for style_id, name, rpr in CHARACTER_STYLES:
        xml = _style_xml("character", style_id, name, "DefaultParagraphFont", None, "", rpr)
        put(xml, style_id)
    put(TABLE_STYLE, "BriefingTable")

    # Document defaults: explicit fonts (theme fonts would override them), body size 11 pt.
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr_default):
        if child.tag in (qn("w:rFonts"), qn("w:sz"), qn("w:szCs")):
            rpr_default.remove(child)
    rpr_default.insert(0, parse_xml(f"<w:rFonts {nsdecls('w')} " + fonts(BODY_FONT)[9:]))

    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1.0)
    section.top_margin, section.bottom_margin = Inches(1.0), Inches(0.9)
    section.header_distance = section.footer_distance = Inches(0.45)

    # python-docx's own template carries a thumbnail of its sample page (Explorer and Finder would
    # show it for every briefing) and a stylesWithEffects part holding its *old* styles, which
    # Word 2010 prefers over styles.xml. Neither belongs in the briefing.
    for owner in (document.part, document.part.package):
        for r_id, rel in list(owner.rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/thumbnail")):
                del owner.rels[r_id]

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    props = document.core_properties
    props.title, props.author, props.comments = "Briefing template", "Annotator", ""
    props.revision = 1
    output.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(output))
    return output


def main(argv: list[str]) -> int:
    default = Path(__file__).resolve().parent.parent / "resources" / "briefing-template.docx"
    out = build(Path(argv[0]) if argv else default)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
