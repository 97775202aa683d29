"""A PDF's citation metadata: the document information dictionary, filled in from XMP.

The information dictionary (Title, Author) comes first, as PDFium reads it. XMP,
the XML packet most producers also write, fills what it lacks (the journal's name and a DOI or
URL in particular) when it is stored uncompressed, as the XMP standard asks so that tools can
find it without a PDF parser (the last one in the file: an edited PDF keeps the old packet
before the new); a compressed one is not looked for.

The publication date is XMP's (PRISM's publicationDate or coverDate). A file's creation date is
the date it was made, which for a PDF printed or exported from a saved page or a Word file is the
day someone saved it, not the day the article appeared: it is taken only from a file that names
its journal or DOI, as publishers' PDFs do. Otherwise the date stays empty rather than wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

import pypdfium2 as pdfium
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from annotator.formats.citation import iso_date, split_authors, unique_names

_XMP_MAX = 1024 * 1024
_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "prism": "http://prismstandard.org/namespaces/basic/2.0/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
# Titles made by printing a file, not written by anyone: "Microsoft Word - draft 3.docx".
_MADE_UP_TITLE = re.compile(r"^(microsoft \w+ - |untitled\b)|\.(docx?|odt|pdf|indd|tex|rtf)$", re.I)
_APPLICATION_PREFIX = re.compile(r"^microsoft \w+ - ", re.I)


@dataclass(frozen=True)
class PdfMeta:
    title: str = ""
    authors: tuple[str, ...] = ()
    published: str = ""
    url: str = ""
    outlet: str = ""


def pdf_metadata(document: pdfium.PdfDocument, data: bytes) -> PdfMeta:
    info = document.get_metadata_dict(skip_empty=True)
    xmp = _xmp(data)
    published = xmp.published
    if not published and (xmp.outlet or xmp.url):  # a publisher's file: made when it appeared
        published = iso_date(info.get("CreationDate", "")) or xmp.created
    return PdfMeta(
        title=_title(info.get("Title", "")) or _title(xmp.title),
        authors=split_authors(info.get("Author", "")) or unique_names(list(xmp.creators)),
        published=published,
        url=xmp.url,
        outlet=xmp.outlet,
    )


def _title(value: str) -> str:
    value = " ".join(value.split())
    if _MADE_UP_TITLE.search(value):
        stripped = _APPLICATION_PREFIX.sub("", value)
        return "" if _MADE_UP_TITLE.search(stripped) or not stripped else stripped
    return value


@dataclass(frozen=True)
class _Xmp:
    title: str = ""
    creators: tuple[str, ...] = ()
    published: str = ""  # PRISM's publication (or cover) date
    created: str = ""  # when the file was made (xmp:CreateDate)
    outlet: str = ""
    url: str = ""


def _xmp(data: bytes) -> _Xmp:
    # The last packet in the file: an edited PDF keeps the old one before the new.
    start = data.rfind(b"<x:xmpmeta")
    end = data.find(b"</x:xmpmeta>", start)
    if start < 0 or end < 0 or end - start > _XMP_MAX:
        return _Xmp()
    try:
        root = ElementTree.fromstring(data[start : end + len(b"</x:xmpmeta>")])
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        return _Xmp()  # a broken packet: the information dictionary still counts
    doi = _first(root, "prism:doi")
    url = _first(root, "prism:url")
    if not url.startswith(("http://", "https://")):
        url = f"https://doi.org/{doi}" if doi.startswith("10.") else ""
    return _Xmp(
        title=_first(root, "dc:title"),
        creators=tuple(_text(li) for li in root.iterfind(".//dc:creator//rdf:li", _NS)),
        published=iso_date(
            _first(root, "prism:publicationDate") or _first(root, "prism:coverDate")
        ),
        created=iso_date(_first(root, "xmp:CreateDate")),
        outlet=_first(root, "prism:publicationName"),
        url=url,
    )


def _first(root: Element, name: str) -> str:
    """The text of the first ``name`` element (an rdf:Alt's first item), or of that attribute."""
    element = root.find(f".//{name}", _NS)
    if element is not None:
        item = element.find(".//rdf:li", _NS)
        return _text(item if item is not None else element)
    prefix, local = name.split(":")
    for description in root.iterfind(".//rdf:Description", _NS):
        value = description.get(f"{{{_NS[prefix]}}}{local}")
        if value:
            return " ".join(value.split())
    return ""


def _text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())
