"""Compile the selected excerpts of a project into a briefing and write it as .docx, .md or .csv."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from annotator.briefing.writer import write_briefing
from annotator.core.briefing import Briefing, BriefingOptions, build_briefing
from annotator.core.models import ExcerptFilter
from annotator.interchange.csv_export import write_csv
from annotator.interchange.markdown_export import write_markdown
from annotator.services.export_target import check_export_target
from annotator.store.library import Library

Progress = Callable[[int, int], object]
FORMATS = {"docx": ".docx", "md": ".md", "csv": ".csv"}


def default_options(library: Library, **overrides: object) -> BriefingOptions:
    """Options with the project's name as title, its author and today's date."""
    values: dict[str, object] = {
        "title": library.project.name,
        "author": library.project.author,
        "date": format_date(datetime.date.today()),
    }
    values.update({key: value for key, value in overrides.items() if value is not None})
    return BriefingOptions(**values)  # type: ignore[arg-type]


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


def export_briefing(
    library: Library,
    selection: ExcerptFilter,
    options: BriefingOptions,
    out: Path,
    fmt: str = "docx",
    *,
    template: Path | None = None,
    progress: Progress | None = None,
) -> str:
    """Write the briefing to ``out`` in ``fmt`` ("docx", "md" or "csv"); return a summary line."""
    check_export_target(library, out)
    briefing = compile_briefing(library, selection, options)
    return write_compiled(briefing, out, fmt, template=template, progress=progress)


def write_compiled(
    briefing: Briefing,
    out: Path,
    fmt: str = "docx",
    *,
    template: Path | None = None,
    progress: Progress | None = None,
) -> str:
    """Write an already compiled briefing (touches no database: safe on a worker thread)."""
    if fmt == "docx":
        write_briefing(briefing, out, template=template, progress=progress)
    elif fmt == "md":
        write_markdown(briefing, out)
    elif fmt == "csv":
        write_csv(briefing, out)
    else:
        raise ValueError(f"unknown briefing format '{fmt}'")
    count = len(briefing.selection)
    sources = len({e.document_id for e in briefing.selection})
    return (
        f"Wrote {Path(out).name}: {count:,} excerpt{'s' if count != 1 else ''} "
        f"from {sources:,} source{'s' if sources != 1 else ''}"
    )
