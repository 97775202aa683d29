"""Read a Word file (.docx): the body's text in document order, and title, authors, date.

Rules: every paragraph (a heading too) is one paragraph of the text; a list item starts with its
marker, "• " for bullets and the number Word shows for numbered lists (``word_lists`` says how
it is counted); a table is one paragraph whose lines are its rows, cells joined by " | " (the
paragraphs of a cell joined by a space, merged and empty cells left out); the text of text
boxes follows the paragraph they are anchored in. Footnotes, endnotes, comments, headers and
footers, deleted text of tracked changes and field codes are left out (inserted text is kept,
as Word shows it). Within a paragraph: a tab stays a tab, a line break (``w:br``, ``w:cr``) is a
newline, a page or column break ends the paragraph, a non-breaking hyphen is "-", an optional
(soft) hyphen is dropped.

Metadata comes from the core properties: title (else the first paragraph styled "Title"),
author (split into names), and the date the file was created, or last modified when it has no
creation date: the nearest a Word file has to a publication date.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import XmlPart
from lxml import etree

from annotator.core.textload import LoadError, read_bytes
from annotator.formats.citation import split_authors
from annotator.formats.extracted import Extracted, Incomplete, join_paragraphs
from annotator.formats.source_file import check_text_size
from annotator.formats.word_lists import ListNumbers, W

# Word files carry their images; a long illustrated report reaches tens of MB. python-docx holds
# the whole package in memory, so the limit is on both the file and what it unpacks to.
MAX_BYTES = 100 * 1024 * 1024
MAX_UNPACKED = 500 * 1024 * 1024
SUFFIXES = (".docx",)

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, or a .docx encrypted with a password
_BREAK = "\x00"  # a page or column break: the paragraph ends there
_SKIP = {
    f"{W}pPr", f"{W}rPr", f"{W}del", f"{W}delText", f"{W}instrText", f"{W}delInstrText",
    f"{W}footnoteReference", f"{W}endnoteReference", f"{W}commentReference", f"{W}annotationRef",
    f"{W}moveFrom", f"{W}fldData", f"{MC}Fallback", f"{W}lastRenderedPageBreak",
}  # fmt: skip


def read_docx(path: Path | str) -> Extracted:
    """The text and metadata of the Word file ``path``; LoadError (or Incomplete) if unreadable."""
    path = Path(path)
    data = read_bytes(path, MAX_BYTES, "Word")
    document = _open(data, path)
    reader = _Body(document)
    try:
        paragraphs = reader.blocks(document.element.body)
    except (etree.XMLSyntaxError, zlib.error, zipfile.BadZipFile) as error:
        raise LoadError(f"{path.name} is a damaged Word file: {error}") from error
    text = join_paragraphs(paragraphs)
    check_text_size(text, path)
    title, authors, published = _core(document)
    return Extracted(text=text, title=title or reader.title, authors=authors, published=published)


def _open(data: bytes, path: Path) -> docx.document.Document:
    name = path.name
    if data.startswith(_OLE):
        raise LoadError(
            f"{name} is an old Word 97-2003 file or a password-protected one; "
            "save it as an unprotected .docx to read it"
        )
    if not data.startswith(b"PK"):
        raise LoadError(f"{name} is not a Word file (it is not a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            is_package = "[Content_Types].xml" in archive.namelist()
    except zipfile.BadZipFile as error:
        # A zip's directory is written last: a zip without one is still being written.
        raise Incomplete(f"{name} looks incomplete (a zip archive cut short)") from error
    if not is_package:
        raise LoadError(f"{name} is a zip archive but not a Word document")
    if unpacked > MAX_UNPACKED:
        raise LoadError(
            f"{name} unpacks to {unpacked / 1_048_576:.0f} MB; Word files over "
            f"{MAX_UNPACKED // 1_048_576} MB unpacked are not loaded"
        )
    try:
        return docx.Document(io.BytesIO(data))
    except PackageNotFoundError as error:
        raise LoadError(f"{name} is a zip archive but not a Word document") from error
    except KeyError as error:  # zipfile: "There is no item named ... in the archive"
        raise LoadError(f"{name} is a damaged Word file: a part is missing ({error})") from error
    except ValueError as error:  # python-docx: "file ... is not a Word file, content type is ..."
        raise LoadError(f"{name} is not a Word document: {error}") from error
    except (etree.XMLSyntaxError, zlib.error, zipfile.BadZipFile, EOFError) as error:
        raise LoadError(f"{name} is a damaged Word file: {error}") from error


def _core(document: docx.document.Document) -> tuple[str, tuple[str, ...], str]:
    package = document.part.package
    # python-docx makes up core properties (now as the date) when a file has none: use the
    # file's own only.
    if not any(rel.reltype == RT.CORE_PROPERTIES for rel in package.rels.values()):
        return "", (), ""
    core = document.core_properties
    when = core.created or core.modified
    return (
        " ".join((core.title or "").split()),
        split_authors(core.author or ""),
        when.date().isoformat() if when else "",
    )


class _Body:
    """Walks the body's XML, keeping list counters and the first "Title" paragraph."""

    def __init__(self, document: docx.document.Document) -> None:
        try:
            part = document.part.part_related_by(RT.NUMBERING)
        except KeyError:
            part = None
        numbering = part.element if isinstance(part, XmlPart) else None
        self.lists = ListNumbers(numbering)
        self.style_lists, self.title_styles = _styles(document)
        self.title = ""

    def blocks(self, container: etree._Element) -> list[str]:
        out: list[str] = []
        for child in container:
            tag = child.tag
            if tag == f"{W}p":
                out.extend(self.paragraph(child))
            elif tag == f"{W}tbl":
                out.append(self.table(child))
            elif tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent"):
                out.extend(self.blocks(child if tag != f"{W}sdt" else _content(child)))
        return out

    def paragraph(self, p: etree._Element) -> list[str]:
        parts: list[str] = []
        boxes: list[etree._Element] = []
        _runs(p, parts, boxes)
        style, num_id, ilvl = _numbering(p)
        if num_id is None and style in self.style_lists:
            num_id, style_level = self.style_lists[style]
            ilvl = style_level if ilvl is None else ilvl
        marker = self.lists.marker(num_id, ilvl or 0) if num_id is not None else ""
        pieces = "".join(parts).split(_BREAK)
        if marker and pieces[0].strip():
            pieces[0] = f"{marker} {pieces[0].lstrip()}"
        if not self.title and style in self.title_styles and pieces[0].strip():
            self.title = " ".join(pieces[0].split())
        for box in boxes:
            pieces.extend(self.blocks(box))
        return pieces

    def table(self, table: etree._Element) -> str:
        rows = []
        for row in table.iter(f"{W}tr"):
            if _nearest(row, f"{W}tbl") is not table:
                continue  # a row of a table nested in a cell: that cell's text has it
            cells = []
            for cell in row.iter(f"{W}tc"):
                if _nearest(cell, f"{W}tr") is not row or _continues_merge(cell):
                    continue
                text = " ".join(" ".join(self.blocks(cell)).split())
                if text:
                    cells.append(text)
            if cells:
                rows.append(" | ".join(cells))
        return "\n".join(rows)


def _runs(element: etree._Element, parts: list[str], boxes: list[etree._Element]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag == f"{W}br":
            kind = child.get(f"{W}type")
            parts.append(_BREAK if kind in ("page", "column") else "\n")
        elif tag == f"{W}cr":
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}sym":
            parts.append(_symbol(child.get(f"{W}char") or ""))
        elif tag == f"{W}txbxContent":
            boxes.append(child)
        elif tag != f"{W}softHyphen":
            _runs(child, parts, boxes)


def _symbol(code: str) -> str:
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    # Symbol-font characters sit in the private use area (F000-F0FF): they mean nothing alone.
    return "" if 0xF000 <= value <= 0xF0FF else chr(value)


def _numbering(p: etree._Element) -> tuple[str, str | None, int | None]:
    """(style id, numId, ilvl) from the paragraph's own properties."""
    props = p.find(f"{W}pPr")
    if props is None:
        return "", None, None
    style = props.find(f"{W}pStyle")
    style_id = style.get(f"{W}val", "") if style is not None else ""
    num = props.find(f"{W}numPr")
    if num is None:
        return style_id, None, None
    num_id = num.find(f"{W}numId")
    ilvl = num.find(f"{W}ilvl")
    return (
        style_id,
        num_id.get(f"{W}val") if num_id is not None else None,
        int(ilvl.get(f"{W}val") or 0) if ilvl is not None else None,
    )


def _styles(document: docx.document.Document) -> tuple[dict[str, tuple[str, int]], set[str]]:
    """The list each paragraph style numbers (following ``basedOn``), and the "Title" styles."""
    styles = {s.get(f"{W}styleId"): s for s in document.styles.element.iter(f"{W}style")}
    lists: dict[str, tuple[str, int]] = {}
    titles = set()
    for style_id, style in styles.items():
        name = style.find(f"{W}name")
        if name is not None and (name.get(f"{W}val") or "").lower() == "title":
            titles.add(style_id)
        current, hops = style, 0
        while current is not None and hops < 10:
            num = current.find(f"{W}pPr/{W}numPr")
            if num is not None and num.find(f"{W}numId") is not None:
                ilvl = num.find(f"{W}ilvl")
                lists[style_id] = (
                    num.find(f"{W}numId").get(f"{W}val") or "",
                    int(ilvl.get(f"{W}val") or 0) if ilvl is not None else 0,
                )
                break
            based = current.find(f"{W}basedOn")
            current = styles.get(based.get(f"{W}val")) if based is not None else None
            hops += 1
    return lists, titles


def _content(sdt: etree._Element) -> etree._Element:
    content = sdt.find(f"{W}sdtContent")
    return content if content is not None else etree.Element("empty")


def _nearest(element: etree._Element, tag: str) -> etree._Element | None:
    """The closest ancestor of ``element`` with this tag."""
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _continues_merge(cell: etree._Element) -> bool:
    merge = cell.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and merge.get(f"{W}val") != "restart"
