"""Read a web page saved from a browser: the article's text without the site around it, metadata.

The extractor is readability-lxml, chosen over trafilatura (``benchmarks/html_extractors.py``
measures both on eight saved pages in different house styles). Both found every word of every
article. Used bare, trafilatura leaked 2 furniture lines of 76 and read 38 of 40 citation
fields, readability-lxml leaked 9 and read only titles; but trafilatura brings 49 MB of
dependencies the app does not otherwise have (babel's locale data alone is 34 MB, imported by
courlan at start-up, and a frozen app carries it whole), against 2.6 MB for readability-lxml,
whose lxml the app already ships for python-docx, and the frozen app aims under 150 MB. What
readability does not do is done here, in rules one can read and test: the metadata
(``html_meta``); a pass that drops furniture by tag, ARIA role and class or id before the
extractor scores the page (navigation, cookie banners, share bars, bylines, "related" boxes,
never an element holding a quarter of the page's text); data tables turned into paragraphs
(readability drops short ones); and a pass over the extracted paragraphs for the short lines
sites put inside articles ("9 mins read", "Skip to content", "Share on X", "[See also: …]",
lines that are all link). With them: no furniture leaked and 40 of 40 fields.

Text rules: the headline is the title, not the text's first line; a heading, paragraph, list
item or quotation is one paragraph; list items start with "• "; a table row is one line with
its cells joined by " | ", the rows of a table one paragraph; ``<br>`` is a line break; figure
captions are left out.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree, html
from readability import Document
from readability.readability import Unparseable

from annotator.core.textload import LoadError, read_bytes
from annotator.formats.extracted import Extracted, join_paragraphs
from annotator.formats.html_meta import page_metadata
from annotator.formats.source_file import check_text_size

# A saved page is mostly markup: a "single file" save inlines its images as data URIs, and a
# long report can reach tens of MB that way while its text stays well under the 20 MB text limit.
MAX_BYTES = 50 * 1024 * 1024
SUFFIXES = (".html", ".htm")

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Browsers treat these labels as Windows-1252, a superset (WHATWG Encoding standard).
_AS_WINDOWS_1252 = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1"}

_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "form", "button", "input",
    "select", "textarea", "nav", "aside", "footer", "header", "figcaption", "dialog", "menu",
)  # fmt: skip
_DROP_ROLES = {
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
    "menu", "menubar", "toolbar", "alert",
}  # fmt: skip
# Class and id words sites give their furniture, matched as whole words of the attribute
# ("post-share" and "share_bar" match "share"; "shared" does not).
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|share|sharing|social|newsletter|subscribe|subscription"
    r"|related|promo|paywall|advert|ads?|sponsor(?:ed)?|comments?|respond|sidebar|widget"
    r"|breadcrumbs?|skip(?:-link)?|toolbar|tools|actions|byline|author|meta|date|dateline|time"
    r"|timestamp|reading-time|read-time|readtime|print|modal|popup|most-read|read-also|see-also"
    r"|read-more|more|recommend(?:ed|ations)?|outbrain|taboola|toc|tags?|partners?|masthead"
    r"|menu|nav|navbar|navigation|footer|header|banner|kicker|eyebrow|label|credit|caption"
    r"|hidden|visually-hidden|sr-only)(?:$|[\s_-])",
    re.I,
)
_KEEP_TAGS = {"html", "body", "main", "article"}
# An element holding this share of the page's text is a wrapper, whatever its class says
# (a `<div id="content" class="has-sidebar">`).
_WRAPPER_SHARE = 0.25

_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "table",
    "tr", "ul", "ol", "dl", "section", "article", "figure", "address", "hr", "main", "center",
    "details", "summary", "td", "th",
}  # fmt: skip
_READING_TIME = re.compile(
    r"\b\d+\s*(?:-\s*\d+\s*)?(?:min(?:ute)?s?|мин)\.?\s*(?:read|reading|to read|de lecture|"
    r"lesezeit|чтения|di lettura|de lectura|leestijd)\b|\b(?:reading time|lesezeit|temps de "
    r"lecture|время чтения)\s*:?\s*\d+",
    re.I,
)
_FURNITURE_LINE = re.compile(
    r"^(?:skip to (?:main )?(?:content|navigation)|advertisement|anzeige|реклама|publicité"
    r"|share (?:this|on|via)\b.*|share|teilen|partager|поделиться.*|follow us on\b.*"
    r"|\[\s*(?:see also|read more|related|read also|also read)\b[^\]]*\]"
    r"|(?:see also|read more|related|read also|also read)\s*:.*)$",
    re.I,
)
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")  # HTML's white space (a no-break space is not)
_SHORT = 15  # words: furniture lines are short; a paragraph of prose is left alone
_MIN_WORDS = 10


def read_html(path: Path | str) -> Extracted:
    """The article in the saved page ``path``; LoadError when there is none or it cannot be read."""
    path = Path(path)
    data = read_bytes(path, MAX_BYTES, "web page")
    source = decode_html(data)
    try:
        root = html.document_fromstring(_XML_DECLARATION.sub("", source, count=1))
    except (etree.ParserError, ValueError) as error:
        raise LoadError(f"{path.name} cannot be read as a web page: {error}") from error
    meta = page_metadata(root, source)
    paragraphs = _article_paragraphs(root, meta.authors)
    # The headline is the title; whether the extractor kept it depends on the page's layout.
    if paragraphs and " ".join(paragraphs[0].split()).casefold() == meta.title.casefold():
        paragraphs = paragraphs[1:]
    if sum(len(p.split()) for p in paragraphs) < _MIN_WORDS:
        raise LoadError(f"no article text found in {path.name}")
    text = join_paragraphs(paragraphs)
    check_text_size(text, path)
    return Extracted(
        text=text,
        title=meta.title,
        authors=meta.authors,
        published=meta.published,
        url=meta.url,
        outlet=meta.outlet,
    )


def decode_html(data: bytes) -> str:
    """The page's text: by its byte-order mark, else its declared charset, else UTF-8 or 1252."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, "replace")
    declared = _CHARSET.search(data[:16384])
    if declared:
        label = declared.group(1).decode("ascii").lower()
        label = "windows-1252" if label in _AS_WINDOWS_1252 else label
        try:
            codec = codecs.lookup(label).name
        except LookupError:
            codec = ""
        # A page saved as UTF-16 still says so inside; its bytes were read above, by the mark.
        if codec and not codec.startswith("utf-16"):
            return data.decode(codec, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("windows-1252", "replace")


def _article_paragraphs(root: html.HtmlElement, authors: tuple[str, ...]) -> list[str]:
    _drop_furniture(root)
    _flatten_data_tables(root)
    try:
        summary = Document(root).summary(html_partial=True)
    except Unparseable:
        return []
    paragraphs: list[tuple[str, float]] = []
    _collect(html.fragment_fromstring(summary, create_parent="div"), paragraphs)
    kept = []
    for index, (text, link_share) in enumerate(paragraphs):
        if not _is_furniture(text, link_share, index, authors):
            kept.append(text)
    return kept


def _drop_furniture(root: html.HtmlElement) -> None:
    body = root.find("body")
    total = len(body.text_content()) if body is not None else 0
    doomed = []
    for element in root.iter(etree.Element):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _KEEP_TAGS:
            continue
        words = f"{element.get('class', '')} {element.get('id', '')}"
        if (
            tag in _DROP_TAGS
            or element.get("role", "").lower() in _DROP_ROLES
            or element.get("aria-hidden") == "true"
            or element.get("hidden") is not None
            or _FURNITURE.search(words)
        ):
            doomed.append(element)
    dropped: set[html.HtmlElement] = set()
    for element in doomed:
        if any(parent in dropped for parent in element.iterancestors()):
            continue
        if (
            element.tag not in ("script", "style")
            and total
            and (len(element.text_content()) > _WRAPPER_SHARE * total)
        ):
            continue
        dropped.add(element)
    for element in dropped:
        element.drop_tree()


def _flatten_data_tables(root: html.HtmlElement) -> None:
    """Each data table becomes a paragraph of its rows, cells joined by " | ".

    readability drops short tables as clutter; as a paragraph a table stays with the text
    around it. Tables holding paragraphs, lists or other tables lay a page out: left alone.
    """
    for table in list(root.iter("table")):
        if table.xpath(".//table|.//p|.//div|.//ul|.//ol|.//blockquote"):
            continue
        rows = [
            " | ".join(
                text
                for cell in row.xpath("./th|./td")
                if (text := " ".join(cell.text_content().split()))
            )
            for row in table.iter("tr")
        ]
        paragraph = html.Element("p")
        for number, row in enumerate(r for r in rows if r):
            if number:
                line_break = html.Element("br")
                line_break.tail = row
                paragraph.append(line_break)
            else:
                paragraph.text = row
        paragraph.tail = table.tail
        table.getparent().replace(table, paragraph)


def _collect(element: html.HtmlElement, out: list[tuple[str, float]]) -> None:
    """Paragraphs of ``element`` in order, each with the share of its text inside links."""
    parts: list[str] = []
    linked = 0

    def flush() -> None:
        nonlocal parts, linked
        text = "".join(parts)
        if text.strip():
            out.append((text, linked / max(1, len(text.strip()))))
        parts, linked = [], 0

    def walk(node: html.HtmlElement) -> None:
        nonlocal linked
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _BLOCKS:
            flush()
            if tag == "li":
                parts.append("• ")
            _text(node.text)
            for child in node:
                walk(child)
                _text(child.tail)
            flush()
        elif tag == "br":
            parts.append("\n")
        elif tag:
            before = sum(map(len, parts))
            _text(node.text)
            for child in node:
                walk(child)
                _text(child.tail)
            if tag == "a":
                linked += sum(map(len, parts)) - before

    def _text(value: str | None) -> None:
        if value:
            parts.append(_HTML_SPACE.sub(" ", value))

    walk(element)
    flush()


def _is_furniture(text: str, link_share: float, index: int, authors: tuple[str, ...]) -> bool:
    words = text.split()
    if len(words) > _SHORT:
        return False
    line = " ".join(words)
    if _FURNITURE_LINE.match(line) or _READING_TIME.search(line):
        return True
    if link_share > 0.8 and not line.startswith("• "):
        return True  # a line that is all link: "Related: ...", a tag list, a "more" link
    # A byline left in the text ("By Luna Pham · June 5, 2019") near the top.
    return index < 4 and line.lower().startswith("by ") and any(a in line for a in authors)
