"""Compile the selected excerpts of a project into a briefing, and write it in a briefing format."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.core.briefing import (
    DEFAULT_SUMMARY_HEADING,
    Briefing,
    BriefingOptions,
    build_briefing,
)
from annotator.core.models import ExcerptFilter
from annotator.formats.registry import ExportOptions, export_format
from annotator.store.library import Library

Progress = Callable[[int, int], object]


def default_options(
    library: Library, selection: ExcerptFilter | None = None, **overrides: Any
) -> BriefingOptions:
    """Options from the project's settings (title, subtitle, author, summary heading) and today's
    date; an unset title says what ``selection`` picks ("Briefing: Energy"). ``overrides``
    (BriefingOptions' fields) that are not None replace them."""
    settings = library.project.settings
    selection = selection or ExcerptFilter()
    defaults = BriefingOptions(
        title=settings["title"] or default_title(library, selection),
        subtitle=settings["subtitle"],
        author=settings["author"],
        summary_heading=settings["summary_heading"] or DEFAULT_SUMMARY_HEADING,
        date=format_date(datetime.date.today()),
        selected_tags=() if selection.untagged_only else selection.tag_ids,
    )
    return replace(defaults, **{k: v for k, v in overrides.items() if v is not None})


def default_title(library: Library, selection: ExcerptFilter) -> str:
    """"Briefing: Energy", "Briefing: Energy and Trade", "Briefing: all excerpts"."""
    if selection.tag_ids and not selection.untagged_only:
        names = [library.tags.get(t).name for t in selection.tag_ids]
        joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        return f"Briefing: {joined}"
    if selection.untagged_only:
        return "Briefing: untagged excerpts"
    if selection.is_empty:
        return "Briefing: all excerpts"
    return "Briefing: selected excerpts"


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
        # Only a name the user gave: the project file's name never reaches a reader.
        project_name=library.project.get("name"),
        project_note=library.project.note,
        documents=library.documents.list(),
        texts={doc_id: library.documents.text(doc_id) for doc_id in used},
        tags=library.tags.list(),
        annotations=annotations,
        pages={doc_id: library.documents.pages(doc_id) for doc_id in used},
    )


def write_compiled(
    briefing: Briefing,
    out: Path,
    key: str = "docx",
    *,
    template: Path | None = None,
    progress: Progress | None = None,
    page_numbers: bool = True,
) -> str:
    """Write an already compiled briefing in the briefing format ``key`` (touches no database:
    safe on a worker thread); a line saying what was written."""
    fmt = export_format(key)
    if fmt.kind != "briefing":
        raise ValueError(f"{fmt.label} is not a briefing format")
    return fmt.write(briefing, out, ExportOptions(template, progress, page_numbers=page_numbers))
