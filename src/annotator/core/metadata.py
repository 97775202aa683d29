"""A document's citation metadata: the fields, their validation, and where an offset's page is."""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

# The fields a user may edit, in the order a dialog or ``annotator doc`` shows them. A field the
# user set is never overwritten by what the file says when it is read again (Document.user_fields).
FIELDS = ("title", "authors", "outlet", "published", "url", "citation_note")
# The fields a source file can state (the citation note is the user's alone).
FILE_FIELDS = ("title", "authors", "outlet", "published", "url")

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_URL_SCHEMES = ("http", "https", "file")
_MAX_FIELD = 2_000  # a title or an outlet is a line, not a text


def clean_line(value: str) -> str:
    """One line: runs of white space (newlines included) become one space, ends trimmed."""
    return " ".join(str(value).split())


def clean_authors(authors: Iterable[str]) -> tuple[str, ...]:
    """The authors trimmed, empty ones dropped, each once (in the order given)."""
    seen: dict[str, None] = {}
    for author in authors:
        name = clean_line(author)
        if name:
            seen.setdefault(name, None)
    return tuple(seen)


def check_published(value: str) -> str:
    """``value`` as a stored date: "YYYY", "YYYY-MM" or "YYYY-MM-DD" (ValueError otherwise).

    An empty value is allowed (no date known).
    """
    value = clean_line(value)
    if not value:
        return ""
    match = _DATE.fullmatch(value)
    if match is None:
        raise ValueError(f"'{value}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError as error:
        raise ValueError(f"'{value}' is not a date: {error}") from None
    return value


def check_url(value: str) -> str:
    """``value`` as a stored URL: an http(s) or file address, or empty (ValueError otherwise)."""
    value = str(value).strip()
    if not value:
        return ""
    if any(c.isspace() for c in value):
        raise ValueError(f"'{clean_line(value)}' is not a URL: it contains spaces")
    parts = urlsplit(value)
    if parts.scheme.lower() not in _URL_SCHEMES:
        raise ValueError(
            f"'{value}' is not a web address: it must start with http://, https:// or file://"
        )
    if parts.scheme.lower() != "file" and not parts.netloc:
        raise ValueError(f"'{value}' has no host name")
    return value


def check_field(name: str, value: object) -> str | tuple[str, ...]:
    """``value`` of the field ``name`` as stored; ValueError with a reason a user can act on."""
    if name == "authors":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, Iterable):
            raise ValueError("authors are a list of names")
        return clean_authors(str(v) for v in value)
    if not isinstance(value, str):
        raise ValueError(f"the {label(name)} must be text")
    if name == "title":
        title = clean_line(value)
        if not title:
            raise ValueError("a title cannot be empty")
        return _short(title, name)
    if name == "published":
        return check_published(value)
    if name == "url":
        return check_url(value)
    if name == "outlet":
        return _short(clean_line(value), name)
    if name == "citation_note":
        return value.strip()
    raise ValueError(f"a document has no field '{name}' (it has {', '.join(FIELDS)})")


def label(name: str) -> str:
    """The field as a reader names it ("citation note")."""
    return {"published": "publication date", "url": "URL"}.get(name, name.replace("_", " "))


def _short(value: str, name: str) -> str:
    if len(value) > _MAX_FIELD:
        raise ValueError(f"the {label(name)} is over {_MAX_FIELD:,} characters")
    return value


Pages = Sequence[tuple[int, str]]
"""A location map: sorted (offset, label) breakpoints; an offset is on the page of the last
breakpoint at or before it."""


def page_at(pages: Pages, offset: int) -> str:
    """The label of the page ``offset`` is on ("12"); "" without a page map or before it."""
    index = bisect.bisect_right(pages, offset, key=lambda breakpoint: breakpoint[0])
    return pages[index - 1][1] if index else ""


def page_span(pages: Pages, start: int, end: int) -> str:
    """The pages a passage covers, as a citation writes them: "12" or "12–13" ("" without)."""
    first = page_at(pages, start)
    last = page_at(pages, max(start, end - 1))
    if not first or first == last:
        return first
    return f"{first}–{last}"
