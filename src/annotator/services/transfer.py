"""Import and export files by format: W3C JSON, REFI-QDA, Word briefing, Markdown, CSV."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from annotator.core.models import ExcerptFilter
from annotator.interchange import refiqda_export, refiqda_import, w3c
from annotator.services import briefing
from annotator.services.export_target import check_export_target
from annotator.store.library import Library


def import_file(library: Library, path: Path) -> str:
    """Import ``path`` by its suffix; return a one-paragraph report for the user."""
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonld"):
        report = w3c.import_w3c(library, path)
        lines = [
            f"{_annotations(report.placed + report.moved + len(report.orphaned))} imported: "
            f"{report.placed} in place, {report.moved} found elsewhere, "
            f"{len(report.orphaned)} kept as orphans"
        ]
        if report.already:
            lines.append(f"{_annotations(report.already)} already in the project, not added again")
        lines += [f"  orphan: “{quote[:70]}”" for quote in report.orphaned[:20]]
        lines += [f"  skipped: {reason}" for reason in report.skipped[:20]]
        return "\n".join(lines)
    if suffix == ".qdpx":
        return refiqda_import.import_qdpx(library, path).message
    if suffix == ".qdc":
        return refiqda_import.import_qdc(library, path).message
    raise ValueError(f"cannot import {path.name}: use a .json (W3C), .qdpx or .qdc file")


# Formats that carry the annotations themselves (the briefing formats are in services.briefing).
ANNOTATION_FORMATS = {
    "w3c": ("W3C Web Annotation JSON", ".json"),
    "qdpx": ("REFI-QDA project (QualCoder, MAXQDA, ATLAS.ti, NVivo)", ".qdpx"),
    "qdc": ("REFI-QDA codebook (tags only)", ".qdc"),
}
IMPORT_SUFFIXES = (".json", ".jsonld", ".qdpx", ".qdc")


def export_annotations(library: Library, selection: ExcerptFilter, fmt: str, out: Path) -> str:
    """Write the selected annotations (or, for a codebook, the tags) to ``out`` in ``fmt``."""
    if fmt not in ANNOTATION_FORMATS:
        raise ValueError(f"export to {fmt} is not available")
    check_export_target(library, out)
    if fmt == "w3c":
        annotations = library.annotations.query(selection)
        w3c.write_w3c(library, annotations, out)
        return f"Wrote {_annotations(len(annotations))} to {out}"
    if fmt == "qdpx":
        return refiqda_export.export_qdpx(library, out, selection).message
    if fmt == "qdc":
        return refiqda_export.export_qdc(library, out).message
    raise ValueError(f"export to {fmt} is not available")


def export_file(
    library: Library,
    selection: ExcerptFilter,
    args: argparse.Namespace,
    progress: Callable[[int, int], object] | None = None,
) -> str:
    """Export the selection to ``args.out`` in ``args.format`` (the command line's options)."""
    out = Path(args.out)
    if args.format not in briefing.FORMATS:
        return export_annotations(library, selection, args.format, out)
    options = briefing.default_options(
        library,
        title=args.title,
        subtitle=args.subtitle,
        author=args.author,
        group_by=args.group_by,
        order=args.order,
        include_document_notes=args.doc_notes,
        include_orphans=args.orphans,
        notes_as_comments=args.comments,
    )
    template = Path(args.template) if args.template else None
    return briefing.export_briefing(
        library, selection, options, out, args.format, template=template, progress=progress
    )


def _annotations(n: int) -> str:
    return f"{n:,} annotation{'s' if n != 1 else ''}"
