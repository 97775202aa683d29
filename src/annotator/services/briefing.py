"""Compile the selected excerpts of a project into a briefing, and write it in a briefing format."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.core.briefing import Briefing, BriefingOptions, build_briefing
from annotator.core.models import ExcerptFilter
from annotator.formats.registry import ExportOptions, export_format
from annotator.store.library import Library

Progress = Callable[[int, int], object]


def default_options(library: Library, **overrides: Any) -> BriefingOptions:
    """Options with the project's name as title, its author and today's date; ``overrides``
    (BriefingOptions' fields) that are not None replace them."""
    defaults = BriefingOptions(
        title=library.project.name,
        author=library.project.author,
        date=format_date(datetime.date.today()),
    )
    return replace(defaults, **{k: v for k, v in overrides.items() if v is not None})


def format_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def compile_briefing(
    library: Library, selection: ExcerptFilter, options: BriefingOptions
) -> Briefing:
    """The briefing of the annotations ``selection`` picks (raises EmptyBriefing when none)."""
    order = "date" if options.order == "date" else "document"
    annotations = library.annotations.query(selection, order=order)
    used = {a.document_id for a in annotations}
    return build_briefing(
        options,
        project_name=library.project.name,
        project_note=library.project.note,
        documents=library.documents.list(),
        texts={doc_id: library.documents.text(doc_id) for doc_id in used},
        tags=library.tags.list(),
        annotations=annotations,
    )


def write_compiled(
    briefing: Briefing,
    out: Path,
    key: str = "docx",
    *,
    template: Path | None = None,
    progress: Progress | None = None,
) -> str:
    """Write an already compiled briefing in the briefing format ``key`` (touches no database:
    safe on a worker thread); a line saying what was written."""
    fmt = export_format(key)
    if fmt.kind != "briefing":
        raise ValueError(f"{fmt.label} is not a briefing format")
    return fmt.write(briefing, out, ExportOptions(template, progress))
