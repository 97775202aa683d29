"""Write page numbers into a saved briefing's contents (the TOC field's cached result).

Word refreshes the field on opening (``w:updateFields``); LibreOffice shows the cached result as
saved. The numbers come from a rendering of the file (see ``formats.briefing_pdf``); the writer
left a placeholder as wide as a three-digit number after a dot leader, so writing them changes no
line breaks and no page breaks.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

from lxml import etree

from annotator.briefing.oxml import qn
from annotator.briefing.render import bookmark_name
from annotator.core.atomic_write import write_atomic

_DOCUMENT = "word/document.xml"


def fill_page_numbers(path: Path, pages: Mapping[str, int]) -> int:
    """Set the page of each contents entry whose section key is in ``pages``; the count set."""
    with zipfile.ZipFile(path) as package:
        entries = [(info, package.read(info.filename)) for info in package.infolist()]
    anchors = {bookmark_name(key): page for key, page in pages.items()}
    filled = 0
    out = []
    for info, data in entries:
        if info.filename == _DOCUMENT:
            root = etree.fromstring(data)
            filled = _fill(root, anchors)
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        out.append((info, data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in out:
            package.writestr(info, data)
    write_atomic(path, lambda tmp: tmp.write_bytes(buffer.getvalue()))
    return filled


def _fill(root: etree._Element, anchors: Mapping[str, int]) -> int:
    body = root.find(qn("w:body"))
    filled = 0
    # The contents come before the first heading with a bookmark: stop at the overview.
    for p in body.iterchildren(qn("w:p")) if body is not None else ():
        link = p.find(qn("w:hyperlink"))
        if link is None:
            if filled:
                break
            continue
        page = anchors.get(link.get(qn("w:anchor")) or "")
        texts = link.findall(f"{qn('w:r')}/{qn('w:t')}")
        if page is None or len(texts) < 2 or link.find(f"{qn('w:r')}/{qn('w:tab')}") is None:
            continue
        texts[-1].text = str(page)
        filled += 1
    return filled
