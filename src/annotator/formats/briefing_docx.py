"""The Word briefing (.docx): rendered by ``annotator.briefing`` from the bundled template."""

from __future__ import annotations

from pathlib import Path

from annotator.formats.registry import ExportFormat, ExportInput, ExportOptions
from annotator.formats.written import briefing_of, briefing_written


def write(data: ExportInput, out: Path, options: ExportOptions) -> str:
    # Imported here: python-docx and lxml take a tenth of a second, which the command line's
    # --help (it lists the formats) should not pay.
    from annotator.formats.briefing_pdf import write_numbered

    pages = write_numbered(data, out, options)
    return f"{briefing_written(briefing_of(data), out)}; {pages}"


FORMAT = ExportFormat("docx", "Word briefing", ".docx", "briefing", write)
