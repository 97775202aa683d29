"""Write a briefing to a .docx file: sanitise, render from the template, save atomically."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError

from annotator.briefing.render import BriefingCancelled, Progress, Renderer
from annotator.briefing.sanitize import clean_briefing
from annotator.briefing.styles import default_template, resolve_styles
from annotator.core.atomic_write import WriteError, write_atomic
from annotator.core.briefing import Briefing

__all__ = ["BriefingCancelled", "BriefingError", "Progress", "write_briefing"]


class BriefingError(ValueError):
    """The briefing could not be written (a bad template, an unwritable target); the message
    says why in the user's terms. A ValueError: the user's to fix, like a bad option."""


def write_briefing(
    briefing: Briefing,
    path: str | os.PathLike[str],
    *,
    template: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    reserve_pages: bool = False,
) -> Path:
    """Write ``briefing`` to ``path`` (a .docx) and return the path written.

    ``template`` is a .docx whose styles (and page setup) the briefing uses; by default the bundled
    one. ``progress(done, total)`` is called as excerpts are laid out; returning False (or raising)
    stops the export. The file appears whole or not at all: an existing file at ``path`` is only
    replaced once the new one is completely saved. ``reserve_pages`` leaves room for contents page
    numbers (``pages.fill_page_numbers`` writes them). Raises ``BriefingError`` (unwritable
    target, bad template) or ``BriefingCancelled``.
    """
    target = Path(path)
    document = _open_template(Path(template) if template else default_template())
    Renderer(
        document,
        clean_briefing(briefing),
        resolve_styles(document),
        progress,
        reserve_pages=reserve_pages,
    ).render()
    _save_atomic(document, target)
    return target


def _open_template(path: Path) -> DocxDocument:
    if not path.is_file():
        raise BriefingError(f"The template {path} was not found.")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BriefingError(f"The template {path} is not a Word document ({exc}).") from exc
    except OSError as exc:
        raise BriefingError(f"The template {path} could not be opened: {exc.strerror}.") from exc
    if not document.sections:
        raise BriefingError(
            f"The template {path.name} has no page setup (no section properties): "
            "save it again from Word or LibreOffice and retry."
        )
    return document


def _save_atomic(document: DocxDocument, target: Path) -> None:
    try:
        write_atomic(target, lambda temporary: _save_to(document, temporary))
    except WriteError as exc:
        message = str(exc)
        if "open in another program" in message:
            message = message.replace("close it there", "close it in Word")
        raise BriefingError(message) from exc


def _save_to(document: DocxDocument, path: Path) -> None:
    # Zipped in memory first: python-docx leaves its zip open when a write fails, and on a
    # full disk that zip then fails again at garbage collection ("Exception ignored in
    # ZipFile.__del__"). A briefing is a few megabytes at most.
    buffer = io.BytesIO()
    document.save(buffer)
    with open(path, "wb") as handle:
        handle.write(buffer.getbuffer())
