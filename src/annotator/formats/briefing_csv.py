"""The CSV briefing (.csv): one row per excerpt and tag, UTF-8 with named columns."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

from annotator.briefing.sanitize import clean_text
from annotator.core.atomic_write import write_atomic
from annotator.core.briefing import Briefing, Excerpt, repair_surrogates
from annotator.formats.registry import ExportFormat, ExportInput, ExportOptions
from annotator.formats.written import briefing_of, briefing_written

COLUMNS = (
    "annotation_id",
    "document",
    "document_path",
    "paragraph",
    "start",
    "end",
    "tag",
    "tag_path",
    "quote",
    "note",
    "other_tags",
    "author",
    "created",
    "status",
)
TAG_SEPARATOR = "; "
# Which cells a spreadsheet evaluates ("CSV injection", OWASP). Measured: LibreOffice Calc 7.4
# opening a CSV (soffice --headless --convert-to xlsx, benchmarks/csv_in_libreoffice.py)
# evaluates a cell that starts with "=" and nothing else ("+1+1", "-1+1", "@SUM(1;2)", "-5",
# "\t=1+1" stay text or numbers). Excel also reads "+", "-" and "@" as the start of a formula;
# what can run or fetch something there is a call, a DDE link or another sheet's cell, so such a
# cell is guarded when it has "(", "|" or "!" in it. Every other cell is written exactly as the
# data is (a quote starting with "-" still equals the text at its offsets).
_EVALUATED = "="
_SIGNS = ("+", "-", "@")
_ACTIVE = ("(", "|", "!")


def rows(briefing: Briefing) -> Iterator[dict[str, str | int]]:
    """One row per (excerpt, tag) pair; an untagged excerpt gives one row with an empty tag.

    Each distinct excerpt is listed once per tag whatever the grouping, body first then orphans.
    """
    for excerpt in briefing.excerpts():
        tags = excerpt.tags or (None,)
        for tag in tags:
            others = [t.name for t in excerpt.tags if tag is None or t.id != tag.id]
            yield _row(excerpt, tag.name if tag else "", tag.path if tag else "", others)


def _row(e: Excerpt, tag: str, tag_path: str, others: list[str]) -> dict[str, str | int]:
    # The numeric columns stay numbers; every text column goes through ``text_cell``.
    return {
        "annotation_id": e.annotation_id,
        "document": text_cell(e.document_title),
        "document_path": text_cell(e.document_path),
        "paragraph": "" if e.paragraph is None else e.paragraph,
        "start": e.start,
        "end": e.end,
        "tag": text_cell(tag),
        "tag_path": text_cell(tag_path),
        "quote": text_cell(e.quote),
        "note": text_cell(e.note),
        "other_tags": text_cell(TAG_SEPARATOR.join(others)),
        "author": text_cell(e.author),
        "created": text_cell(e.created),
        "status": text_cell(e.status.value),
    }


def text_cell(text: str) -> str:
    """``text`` safe for a spreadsheet cell, and recoverable (``from_cell`` undoes it).

    Control characters are dropped as in the Word briefing. A cell a spreadsheet would
    evaluate (see above; leading spaces and tabs aside) gets a ``'`` in front, so it stays
    text; so does a cell that is ``'`` in front of such a one, so that the guard can always be
    told from the data.
    """
    text = clean_text(text)
    return f"'{text}" if would_evaluate(text.lstrip("'")) else text


def would_evaluate(text: str) -> bool:
    """Whether a spreadsheet opening the CSV would take this cell for a formula."""
    start = text.lstrip(" \t\r\n")
    if start.startswith(_EVALUATED):
        return True
    return start.startswith(_SIGNS) and any(mark in start for mark in _ACTIVE)


def from_cell(cell: str) -> str:
    """The data a text cell holds: its guard taken off (``text_cell``'s inverse)."""
    if cell.startswith("'") and would_evaluate(cell.lstrip("'")):
        return cell[1:]
    return cell


def render_csv(briefing: Briefing) -> str:
    """The CSV text (header row first, ``\\r\\n`` line ends as RFC 4180 asks)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows(briefing))
    return buffer.getvalue()


def write_csv(briefing: Briefing, path: str | os.PathLike[str], *, bom: bool = True) -> Path:
    """Write the CSV atomically as UTF-8; with ``bom`` (default) Excel detects the encoding.

    Raises ``WriteError`` (readable message) when ``path`` cannot be written.
    """
    target = Path(path)
    text = repair_surrogates(render_csv(briefing))
    encoding = "utf-8-sig" if bom else "utf-8"
    # newline="": the text already holds the \r\n line ends RFC 4180 asks for.
    write_atomic(target, lambda tmp: tmp.write_text(text, encoding=encoding, newline=""))
    return target


def write(data: ExportInput, out: Path, options: ExportOptions) -> str:
    briefing = briefing_of(data)
    write_csv(briefing, out)
    return briefing_written(briefing, out)


FORMAT = ExportFormat("csv", "CSV table", ".csv", "briefing", write)
