"""Import a file of annotations, codes or a whole QDA project, by the format its name says.

The formats registry says which formats there are and parses the file (``ImportFormat.read``);
here the parsed records are applied to the project. Every import returns a report with the
``Changes`` it made, which the app refreshes from, and a message for the reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from annotator.core.models import Changes
from annotator.formats.registry import import_format_for, import_suffix_text
from annotator.interchange.refiqda_read import Package
from annotator.interchange.w3c import W3CFile
from annotator.services.import_refiqda import apply_refiqda
from annotator.services.import_w3c import apply_w3c
from annotator.store.library import Library


class ImportReport(Protocol):
    """What an import did: a paragraph for the reader and the records it changed."""

    @property
    def message(self) -> str: ...

    @property
    def changes(self) -> Changes: ...


def import_file(
    library: Library,
    path: Path,
    *,
    folder: Path | None = None,
    mapping: dict[str, int] | None = None,
) -> ImportReport:
    """Import ``path`` with the format its name says; ValueError when no format reads it.

    ``folder``: where a package's texts are written (default: ``<stem> sources`` beside the
    project; a numbered sibling when that exists and is not empty). ``mapping``: sources a
    W3C file names, mapped by hand to document ids.
    """
    path = Path(path)
    fmt = import_format_for(path)
    if fmt is None:
        raise ValueError(f"cannot import {path.name}: use a {import_suffix_text()} file")
    parsed = fmt.read(path)
    if isinstance(parsed, W3CFile):
        return apply_w3c(library, parsed, mapping)
    if isinstance(parsed, Package):
        return apply_refiqda(library, parsed, path, folder)
    raise TypeError(f"the {fmt.label} reader gave {type(parsed).__name__}, which nothing applies")
