"""Find and read the members of a .qdpx zip safely: sizes checked, names matched loosely."""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath

from annotator.interchange.refiqda_common import RefiError


def find_qde(infos: dict[str, zipfile.ZipInfo]) -> str | None:
    if "project.qde" in infos:
        return "project.qde"
    # Some tools name it after the project, or zip the folder that holds it.
    candidates = sorted((n for n in infos if n.endswith(".qde")), key=lambda n: (n.count("/"), n))
    return candidates[0] if candidates else None


def member_for(infos: dict[str, zipfile.ZipInfo], reference: str) -> zipfile.ZipInfo | None:
    """The member an ``internal://`` path names, in sources/ (or Sources/) or at the top."""
    name = reference.split("://", 1)[-1].replace("\\", "/").lstrip("/").lower()
    for candidate in (f"sources/{name}", name):
        if candidate in infos:
            return infos[candidate]
    base = PurePosixPath(name).name
    found = [key for key in infos if PurePosixPath(key).name == base]
    return infos[found[0]] if len(found) == 1 else None


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise RefiError(f"{info.filename} is too large ({info.file_size / 1_048_576:.0f} MB)")
    try:
        with archive.open(info) as handle:
            data = handle.read(limit + 1)  # the header's size may lie (a zip bomb)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError) as error:
        raise RefiError(f"{info.filename} in the package cannot be read: {error}") from error
    if len(data) > limit:
        raise RefiError(f"{info.filename} is too large")
    return data
