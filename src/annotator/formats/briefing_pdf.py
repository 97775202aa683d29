"""LibreOffice lays the Word briefing out: contents page numbers, and the PDF briefing (.pdf).

LibreOffice (``soffice``) converts the .docx to PDF headless; each heading's page is read from the
PDF's outline with pypdfium2 and written into the contents. Without LibreOffice the .docx keeps
contents without numbers (Word fills them when it opens the file) and the PDF format says that it
needs LibreOffice.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from annotator.core.atomic_write import write_atomic
from annotator.formats.pdfium_lock import PDFIUM
from annotator.formats.registry import ExportFormat, ExportInput, ExportOptions
from annotator.formats.written import briefing_of, briefing_written

CONVERT_TIMEOUT = 600  # seconds: 10,000 excerpts take about a minute
NO_OFFICE = (
    "LibreOffice is not installed, so the contents have no page numbers yet: Word fills them in "
    "when it opens the file (it asks to update the fields)"
)


class OfficeError(ValueError):
    """LibreOffice is missing or failed; the message says so in the user's terms."""


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: Path, folder: Path) -> Path:
    """Convert ``docx`` into ``folder`` with LibreOffice; the PDF's path."""
    program = soffice()
    if program is None:
        raise OfficeError("Writing a PDF needs LibreOffice, which is not installed.")
    # A profile of its own: with the user's, a running LibreOffice would take the job over
    # and the command would return before the file exists.
    profile = folder / "profile"
    command = [
        program,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        str(docx),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OfficeError(f"LibreOffice could not convert {docx.name}: {exc}") from exc
    pdf = folder / f"{docx.stem}.pdf"
    if not pdf.is_file():
        raise OfficeError(f"LibreOffice did not convert {docx.name} to PDF.")
    return pdf


def heading_pages(pdf: Path) -> list[tuple[str, int]]:
    """(title, page) of each heading in the PDF's outline, in reading order."""
    import pypdfium2

    with PDFIUM:
        document = pypdfium2.PdfDocument(str(pdf))
        try:
            out = []
            for mark in document.get_toc():
                dest = mark.get_dest()
                index = dest.get_index() if dest is not None else None
                if index is not None:
                    out.append((" ".join(mark.get_title().split()), index + 1))
            return out
        finally:
            document.close()


def match_pages(
    entries: Sequence[tuple[int, str, str]], outline: Sequence[tuple[str, int]]
) -> dict[str, int]:
    """Section key -> page: the contents' entries met in order in the outline, by title."""
    pages: dict[str, int] = {}
    i = 0
    for _level, title, key in entries:
        wanted = " ".join(title.split()).casefold()
        j = i
        while j < len(outline) and outline[j][0].casefold() != wanted:
            j += 1
        if j < len(outline):
            pages[key] = outline[j][1]
            i = j + 1
    return pages


def number_contents(docx: Path, entries: Sequence[tuple[int, str, str]]) -> int:
    """Lay ``docx`` out with LibreOffice and write the page numbers into its contents; the
    number of entries given a page."""
    from annotator.briefing.pages import fill_page_numbers

    with tempfile.TemporaryDirectory(prefix="annotator-pages-") as folder:
        copy = Path(folder) / "briefing.docx"
        shutil.copyfile(docx, copy)
        pages = match_pages(entries, heading_pages(to_pdf(copy, Path(folder))))
    return fill_page_numbers(docx, pages)


def write_numbered(data: ExportInput, out: Path, options: ExportOptions) -> str:
    """Write the Word briefing to ``out``, with contents page numbers when LibreOffice is there;
    what happened to the page numbers, for the user."""
    from annotator.briefing.render import toc_entries
    from annotator.briefing.writer import write_briefing

    briefing = briefing_of(data)
    office = options.page_numbers and soffice() is not None
    write_briefing(
        briefing, out, template=options.template, progress=options.progress, reserve_pages=office
    )
    if not options.page_numbers:
        return "contents page numbers left for Word to fill in when it opens the file"
    if not office:
        return NO_OFFICE
    try:
        filled = number_contents(out, toc_entries(briefing))
    except OfficeError as error:
        return f"{error} The contents have no page numbers until Word updates them"
    return f"contents page numbers by LibreOffice ({filled:,} entries)"


def write(data: ExportInput, out: Path, options: ExportOptions) -> str:
    briefing = briefing_of(data)
    if soffice() is None:
        raise OfficeError(
            "Writing a PDF needs LibreOffice (soffice), which is not installed: export a Word "
            "briefing instead, or install LibreOffice."
        )
    with tempfile.TemporaryDirectory(prefix="annotator-pdf-") as folder:
        docx = Path(folder) / f"{out.stem or 'briefing'}.docx"
        write_numbered(briefing, docx, replace(options, page_numbers=True))
        pdf = to_pdf(docx, Path(folder))
        write_atomic(out, lambda tmp: tmp.write_bytes(pdf.read_bytes()))
    return briefing_written(briefing, out)


FORMAT = ExportFormat("pdf", "PDF briefing (through LibreOffice)", ".pdf", "briefing", write)
