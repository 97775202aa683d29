"""Citations built from a document's metadata: "Author, *Title*, Outlet, date, ¶ n".

Each part is left out when the metadata lacks it; a file name never stands in for one. Two authors
read "A and B", three "A, B and C", more than three "A et al." (the full list is in the sources
appendix). Dates and locators hold no-break spaces, so "27 February 2023" and "¶ 12" never split
across lines. One number format everywhere: ``count`` ("2,744").
"""

from __future__ import annotations

import re

from annotator.core.briefing_model import Excerpt, SourceEntry

NBSP = "\u00a0"
ET_AL_AFTER = 3  # more authors than this: "First et al."

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def count(n: int) -> str:
    """A count as the briefing prints every number: thousands separated ("2,744")."""
    return f"{n:,}"


def plural(n: int, word: str) -> str:
    return f"{count(n)} {word}{'' if n == 1 else 's'}"


def authors_text(authors: tuple[str, ...], *, full: bool = False) -> str:
    """ "A", "A and B", "A, B and C"; past three "A et al." unless ``full``."""
    names = [" ".join(a.split()) for a in authors if a.strip()]
    if not names:
        return ""
    if len(names) > ET_AL_AFTER and not full:
        return f"{names[0]} et{NBSP}al."
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def date_text(iso: str) -> str:
    """ "2023-02-27" -> "27 February 2023" (no-break spaces), "2023-02" -> "February 2023";
    anything else as given."""
    m = _ISO.match(iso.strip())
    if not m:
        return iso.strip()
    year, month, day = m.groups()
    if month and 1 <= int(month) <= 12:
        name = _MONTHS[int(month) - 1]
        if day:
            return f"{int(day)}{NBSP}{name}{NBSP}{year}"
        return f"{name}{NBSP}{year}"
    return year


def reference_parts(source: SourceEntry | None, title: str) -> list[tuple[str, bool]]:
    """The reference to a source as (text, italic) parts, without separators:
    authors, *title*, outlet, date; the empty ones left out."""
    if source is None:
        return work_parts((), title, "", "")
    return work_parts(source.authors, title, source.outlet, source.published)


def work_parts(
    authors: tuple[str, ...], title: str, outlet: str, published: str
) -> list[tuple[str, bool]]:
    """``reference_parts`` from the fields themselves (a document's, outside a briefing)."""
    parts = [
        (authors_text(authors), False),
        (" ".join(title.split()), True),
        (" ".join(outlet.split()), False),
        (date_text(published) if published.strip() else "", False),
    ]
    return [(text, italic) for text, italic in parts if text]


def citation_text(excerpt: Excerpt, source: SourceEntry | None) -> str:
    """The citation as plain text ("Author, Title, Outlet, date, ¶ n"), for plain renderers."""
    parts = [t for t, _ in reference_parts(source, excerpt.document_title)]
    if excerpt.locator:
        parts.append(excerpt.locator)
    return ", ".join(parts)


def snippet(text: str, limit: int = 60) -> str:
    """The first words of a quote, on one line, for a cross-reference."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(",;:") + "…"
