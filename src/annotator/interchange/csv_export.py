"""Render a briefing model as CSV: one row per excerpt and tag, UTF-8 with named columns."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

from annotator.core.briefing import Briefing, Excerpt, repair_surrogates

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
    return {
        "annotation_id": e.annotation_id,
        "document": e.document_title,
        "document_path": e.document_path,
        "paragraph": "" if e.paragraph is None else e.paragraph,
        "start": e.start,
        "end": e.end,
        "tag": tag,
        "tag_path": tag_path,
        "quote": e.quote,
        "note": e.note,
        "other_tags": TAG_SEPARATOR.join(others),
        "author": e.author,
        "created": e.created,
        "status": e.status.value,
    }


def render_csv(briefing: Briefing) -> str:
    """The CSV text (header row first, ``\\r\\n`` line ends as RFC 4180 asks)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows(briefing))
    return buffer.getvalue()


def write_csv(briefing: Briefing, path: str | os.PathLike[str], *, bom: bool = True) -> Path:
    """Write the CSV atomically as UTF-8; with ``bom`` (default) Excel detects the encoding."""
    target = Path(path)
    text = repair_surrogates(render_csv(briefing))
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
