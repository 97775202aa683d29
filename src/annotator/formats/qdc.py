"""REFI-QDA codebooks (.qdc): the tag tree alone, out and in."""

from __future__ import annotations

from pathlib import Path

from annotator.formats.registry import ExportFormat, ExportInput, ExportOptions, ImportFormat
from annotator.formats.written import snapshot_of

# The writer and reader are imported when first used: the registry loads at every start.


def write(data: ExportInput, out: Path, options: ExportOptions) -> str:
    from annotator.interchange.refiqda_export import write_qdc

    snapshot = snapshot_of(data)
    return write_qdc(snapshot.tags, out, snapshot.guids.get("tag")).message


def read(path: Path) -> object:
    from annotator.interchange.refiqda_read import read_qdc

    return read_qdc(path)


EXPORT = ExportFormat("qdc", "REFI-QDA codebook (tags only)", ".qdc", "codebook", write)
IMPORT = ImportFormat("qdc", "REFI-QDA codebook", (".qdc",), read)
