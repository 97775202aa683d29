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
# A cell starting with one of these runs as a formula in Excel or LibreOffice (OWASP, "CSV
# injection"): a quote such as "=HYPERLINK(...)" must stay text. "\n" too, because cleaning turns
# a leading "\r" into one.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


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
    """``text`` safe for a spreadsheet cell.

    Control characters are dropped as in the Word briefing, and a ``'`` goes in front of text
    that would otherwise start a formula, so it stays text.
    """
    text = clean_text(text)
    return f"'{text}" if text.startswith(FORMULA_START) else text


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
