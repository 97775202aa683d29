"""Page furniture: running header, "Page X of Y" footer, file properties, template leftovers."""

from __future__ import annotations

import datetime
from importlib import metadata

from docx.document import Document as DocxDocument
from docx.oxml.xmlchemy import BaseOxmlElement

from annotator.briefing import oxml
from annotator.briefing.styles import StyleIds
from annotator.core.briefing import Briefing

PROPERTY_LIMIT = 255  # python-docx (like Word) refuses longer core properties
HEADER_LIMIT = 90  # characters of the title in the running header: one line, not a page


def header_footer(document: DocxDocument, title: str, styles: StyleIds) -> None:
    """The title in the header, PAGE / NUMPAGES in the footer; the title page has neither."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    _clear(header._element)
    p = oxml.paragraph(styles["header"], parent=header._element)
    if title.strip():
        oxml.run(_fit(" ".join(title.split()), HEADER_LIMIT), parent=p)
    footer = section.footer
    footer.is_linked_to_previous = False
    _clear(footer._element)
    p = oxml.paragraph(styles["footer"], parent=footer._element)
    oxml.run("Page ", parent=p)
    for r in oxml.field_runs("PAGE", "1"):
        p.append(r)
    oxml.run(" of ", parent=p)
    for r in oxml.field_runs("NUMPAGES", "1"):
        p.append(r)


def core_properties(document: DocxDocument, briefing: Briefing) -> None:
    """Title, author, subject and keywords (the tags used), as Word's File > Info shows them."""
    props = document.core_properties
    o = briefing.options
    props.title = _fit(o.title)
    props.author = _fit(o.author)
    props.last_modified_by = _fit(o.author)
    props.subject = _fit(o.subtitle or briefing.project_name)
    keywords = ""
    for name in briefing.keywords:  # whole tag names only
        candidate = f"{keywords}, {name}" if keywords else name
        if len(candidate) > PROPERTY_LIMIT:
            break
        keywords = candidate
    props.keywords = keywords
    props.comments = "Compiled by Annotator"
    props.category = "Briefing"
    # The template's own dates would otherwise say when the template was made.
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
    props.created = now
    props.modified = now
    props.revision = 1


def _fit(text: str, limit: int = PROPERTY_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _clear(element: BaseOxmlElement) -> None:
    for child in list(element):
        element.remove(child)


APP_PROPERTIES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
 xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
<Application>Annotator</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>
<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>
<HyperlinksChanged>false</HyperlinksChanged><AppVersion>{version}</AppVersion></Properties>"""
_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"


def clean_package(document: DocxDocument) -> None:
    """The template's leftovers out: its application properties (another program's name, one
    page, no words: counts only Word can know are left out rather than wrong) and its custom XML
    parts (an empty bibliography store)."""
    try:
        release = metadata.version("annotator")
    except metadata.PackageNotFoundError:  # a frozen build without its metadata
        release = "0"
    major, _, rest = release.partition(".")
    minor = "".join(ch for ch in rest.split(".")[0] if ch.isdigit()) or "0"
    # AppVersion must read "XX.YYYY" (the schema's pattern).
    version = f"{int(major or 0):02d}.{int(minor):04d}"
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_PROPERTIES.format(version=version).encode()
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype == _CUSTOM_XML:
            del document.part.rels[rel_id]
