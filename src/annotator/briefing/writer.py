"""Write a briefing to a .docx file: sanitise, render from the template, save atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

from annotator.briefing.render import BriefingCancelled, Progress, Renderer
from annotator.briefing.sanitize import clean_briefing
from annotator.briefing.styles import default_template, resolve_styles
from annotator.core.briefing import Briefing

__all__ = ["BriefingCancelled", "BriefingError", "Progress", "write_briefing"]


class BriefingError(Exception):
    """The briefing could not be written; the message says why in the user's terms."""


def write_briefing(
    briefing: Briefing,
    path: str | os.PathLike[str],
    *,
    template: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write ``briefing`` to ``path`` (a .docx) and return the path written.

    ``template`` is a .docx whose styles (and page setup) the briefing uses; by default the bundled
    one. ``progress(done, total)`` is called as excerpts are laid out; returning False (or raising)
    stops the export. The file appears whole or not at all: an existing file at ``path`` is only
    replaced once the new one is completely saved. Raises ``BriefingError`` (unwritable target, bad
    template) or ``BriefingCancelled``.
    """
    target = Path(path)
    document = _open_template(Path(template) if template else default_template())
    Renderer(document, clean_briefing(briefing), resolve_styles(document), progress).render()
    _save_atomic(document, target)
    return target


def _open_template(path: Path):
    if not path.is_file():
        raise BriefingError(f"The template {path} was not found.")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BriefingError(f"The template {path} is not a Word document ({exc}).") from exc
    except OSError as exc:
        raise BriefingError(f"The template {path} could not be opened: {exc.strerror}.") from exc


def _save_atomic(document, target: Path) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise BriefingError(f"The folder {folder} does not exist.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise BriefingError(f"Cannot write in {folder}: {_reason(exc)}.") from exc
    tmp = Path(tmp_name)
    try:
        # mkstemp makes a private (0600) file: give the briefing the mode a plain save would.
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        with contextlib.suppress(OSError, NotImplementedError):
            os.chmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            document.save(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except PermissionError as exc:
        _discard(tmp)
        raise BriefingError(
            f"Cannot replace {target.name}: it is read-only or open in another program "
            "(close it in Word and try again)."
        ) from exc
    except OSError as exc:
        _discard(tmp)
        raise BriefingError(f"Cannot save {target.name}: {_reason(exc)}.") from exc
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
