"""Citation facts from the strings files carry: dates in their many spellings, lists of authors."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# ISO 8601 and its look-alikes: 2023-02-27T09:30, 2023/12/18, 20231218 (PDF "D:" dates), 2023-02.
_ISO = re.compile(r"(?<!\d)(\d{4})(?:([-/.]?)(\d{2})(?:\2(\d{2}))?)?(?!\d)")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+({_MONTH})\.?,?\s+(\d{{4}})\b", re.I)
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?,?\s+(\d{{4}})\b", re.I)
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?", re.I)
_DMY = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")  # 19.04.2023, as Europe writes it

_BY = re.compile(r"^\s*(?:written\s+)?by[:\s]+", re.I)
_SEPARATORS = re.compile(r"\s*(?:;|\||\s&\s|\band\b|\bund\b|\bet\b|\bи\b)\s*", re.I)
_AUTHOR_MAX = 100


def iso_date(value: str) -> str:
    """The first date in ``value`` as "YYYY-MM-DD", "YYYY-MM" or "YYYY"; "" when there is none.

    Reads ISO dates and timestamps (the date as written: "2023-02-27T23:30-05:00" stays the
    27th), PDF dates ("D:20240312101500+01'00'"), "27 February 2023", "February 27, 2023",
    "Feb 2023" and "19.04.2023". A date that does not exist (2023-02-30) is not a date.
    """
    value = value.strip()
    pdf = _PDF_DATE.match(value)
    if pdf:
        return _checked(*pdf.groups())
    for pattern, order in ((_DAY_MONTH, "dmy"), (_MONTH_DAY, "mdy")):
        match = pattern.search(value)
        if match:
            parts = dict(zip(order, match.groups(), strict=True))
            return _checked(parts["y"], str(_MONTHS[parts["m"].lower()]), parts["d"])
    match = _ISO.search(value)
    if match and (match.group(3) or value.strip() == match.group(0)):
        year, _sep, month, day = match.groups()
        return _checked(year, month, day)
    match = _DMY.search(value)
    if match:
        return _checked(match.group(3), match.group(2), match.group(1))
    match = _MONTH_YEAR.search(value)
    if match:
        return _checked(match.group(2), str(_MONTHS[match.group(1).lower()]), None)
    return ""


def _checked(year: str, month: str | None, day: str | None) -> str:
    y = int(year)
    if not 1000 <= y <= 2999:
        return ""
    if month is None:
        return f"{y:04d}"
    m = int(month)
    if not 1 <= m <= 12:
        return ""
    if day is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, int(day)).isoformat()
    except ValueError:
        return ""


def split_authors(value: str) -> tuple[str, ...]:
    """Names from an author string: "By A and B", "A; B", "A & B", "A, B" (not "Smith, Jane").

    A comma separates names only when every part has two words or more, since "Smith, Jane" is
    one name. URLs, e-mail addresses and repeats are dropped.
    """
    value = _BY.sub("", " ".join(value.split()))
    parts = [p for p in _SEPARATORS.split(value) if p.strip()]
    names: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",")]
        if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces if p):
            names.extend(p for p in pieces if p)
        else:
            names.append(part.strip(" ,"))
    return unique_names(names)


def unique_names(names: list[str]) -> tuple[str, ...]:
    """Names cleaned of "By", links and e-mail addresses, each once, in order."""
    kept: list[str] = []
    seen: set[str] = set()
    for name in names:
        name = _BY.sub("", " ".join(name.split())).strip(" ,;")
        if not name or "://" in name or "@" in name or len(name) > _AUTHOR_MAX:
            continue
        if name.casefold() not in seen:
            seen.add(name.casefold())
            kept.append(name)
    return tuple(kept)
