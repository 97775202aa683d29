"""A web page's citation metadata: JSON-LD, OpenGraph, citation_* and author meta tags, bylines.

Each field takes the first source that has it, in the order sites fill them most reliably:
JSON-LD (what search engines read), then OpenGraph and the Highwire ``citation_*`` tags (what
social sites and Google Scholar read), then plain ``<meta>`` tags, then what the page shows (a
byline, a ``<time>`` element, the ``<title>``). The URL is only ever one the page states
(canonical link, ``og:url``, JSON-LD, or the "saved from url" note browsers add), never guessed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import html

from annotator.formats.citation import iso_date, split_authors, unique_names

_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "blogposting",
    "report",
    "scholarlyarticle",
    "opinionnewsarticle",
    "analysisnewsarticle",
    "reportagenewsarticle",
    "techarticle",
    "posting",
    "socialmediaposting",
    "webpage",
}
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||–|—|-|::|·|•|«|»)\s+")
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(https?://\S+?)\s*-->", re.I)
_BYLINE_CLASS = re.compile(r"byline|author", re.I)
_DATE_CLASS = re.compile(r"date|time|publish|posted", re.I)


@dataclass(frozen=True)
class PageMeta:
    title: str = ""
    authors: tuple[str, ...] = ()
    published: str = ""
    url: str = ""
    outlet: str = ""


def page_metadata(root: html.HtmlElement, source: str) -> PageMeta:
    """What ``root`` (the parsed page; ``source`` its text) says about itself."""
    meta = _meta_tags(root)
    ld = list(_json_ld(root))
    article = next((o for o in ld if _types(o) & _ARTICLE_TYPES - {"webpage"}), None)
    article = article or next((o for o in ld if "webpage" in _types(o)), {})
    website = next((o for o in ld if "website" in _types(o)), {})
    head_title = " ".join((root.findtext(".//title") or "").split())
    outlet = _first(
        meta.get("og:site_name"),
        _name(article.get("publisher")),
        _name(website),
        meta.get("citation_journal_title"),
        meta.get("citation_publisher"),
        meta.get("dc.publisher"),
        meta.get("application-name"),
    )
    h1 = [" ".join(h.text_content().split()) for h in root.iter("h1")]
    title = _first(
        meta.get("og:title"),
        _text(article.get("headline")),
        meta.get("citation_title"),
        meta.get("twitter:title"),
        meta.get("dc.title"),
        h1[0] if len(h1) == 1 else "",
        _without_site(head_title, outlet),
    )
    if not outlet:
        outlet = _site_from_title(head_title, title)
    return PageMeta(
        title=title,
        authors=_authors(root, meta, article),
        published=_published(root, meta, article),
        url=_url(root, meta, article, source),
        outlet=outlet,
    )


def _meta_tags(root: html.HtmlElement) -> dict[str, str]:
    """``<meta>`` contents by lower-cased name/property/itemprop; repeated names joined by ";"."""
    found: dict[str, str] = {}
    for tag in root.iter("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        content = " ".join((tag.get("content") or "").split())
        if key and content:
            found[key] = (
                f"{found[key]}; {content}"
                if key in found and key.endswith("author")
                else found.get(key, content)
            )
    return found


def _json_ld(root: html.HtmlElement) -> Iterator[dict[str, Any]]:
    for script in root.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue  # a broken block on a page is common; the others may still be good
        yield from _objects(data)


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _objects(data["@graph"])


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds}


def _name(value: Any) -> str:
    if isinstance(value, list):
        return _name(value[0]) if value else ""
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _first(*values: str | None) -> str:
    return next((v for v in values if v), "")


def _authors(
    root: html.HtmlElement, meta: dict[str, str], article: dict[str, Any]
) -> tuple[str, ...]:
    people = article.get("author") or article.get("creator")
    if people:
        items = people if isinstance(people, list) else [people]
        names = unique_names([n for item in items for n in split_authors(_name(item))])
        if names:
            return names
    for key in ("citation_author", "author", "dc.creator", "article:author", "parsely-author"):
        if meta.get(key):
            names = split_authors(meta[key])
            if names:
                return names
    links = [" ".join(a.text_content().split()) for a in root.xpath('//a[@rel="author"]')]
    if links:
        return unique_names(links)
    for element in root.xpath("//*[@class]"):
        if _BYLINE_CLASS.search(element.get("class", "")):
            text = " ".join(element.text_content().split())
            if text.lower().startswith("by ") and len(text.split()) <= 12:
                return split_authors(re.split(r"\s[·|•–—]\s|,\s*\d", text)[0])
    return ()


def _published(root: html.HtmlElement, meta: dict[str, str], article: dict[str, Any]) -> str:
    for value in (
        _text(article.get("datePublished")),
        meta.get("article:published_time"),
        meta.get("citation_publication_date"),
        meta.get("citation_date"),
        meta.get("datepublished"),
        meta.get("dc.date.issued"),
        meta.get("dc.date"),
        meta.get("date"),
        meta.get("pubdate"),
        _text(article.get("dateCreated")),
    ):
        if value and iso_date(value):
            return iso_date(value)
    for time in root.iter("time"):
        found = iso_date(time.get("datetime") or time.text_content())
        if found:
            return found
    for element in root.xpath("//*[@class]"):
        if _DATE_CLASS.search(element.get("class", "")) and len(element) == 0:
            found = iso_date(element.text_content())
            if found:
                return found
    return ""


def _url(root: html.HtmlElement, meta: dict[str, str], article: dict[str, Any], source: str) -> str:
    entity = article.get("mainEntityOfPage")
    saved = _SAVED_FROM.search(source[:4096])
    for value in (
        *root.xpath('//link[@rel="canonical"]/@href'),
        meta.get("og:url"),
        _text(article.get("url")),
        entity.get("@id") if isinstance(entity, dict) else _text(entity),
        saved.group(1) if saved else "",
    ):
        value = (value or "").strip()
        if value.startswith(("http://", "https://")):
            return value
    return ""


def _without_site(title: str, outlet: str) -> str:
    """``<title>`` without the site's name: "Headline | Site" gives "Headline"."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    rest = [p for p in parts if p.casefold() != outlet.casefold()] if outlet else parts[:-1]
    return " – ".join(rest) if rest else title


def _site_from_title(head_title: str, title: str) -> str:
    """The site's name from "Headline - Site" when the headline part is the page's title."""
    parts = _TITLE_SEPARATORS.split(head_title)
    if len(parts) == 2 and title and parts[0].casefold() == title.casefold():
        return parts[1]
    return ""
