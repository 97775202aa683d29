"""REFI-QDA projects (.qdpx) for QualCoder, MAXQDA, ATLAS.ti and NVivo: out and in."""

from __future__ import annotations

from pathlib import Path

from annotator.formats.registry import ExportFormat, ExportInput, ExportOptions, ImportFormat
from annotator.formats.written import snapshot_of

# The writer and reader are imported when first used: the registry loads at every start.


def write(data: ExportInput, out: Path, options: ExportOptions) -> str:
    from annotator.interchange.refiqda_export import write_qdpx

    return write_qdpx(
        snapshot_of(data), out, one_code_per_selection=options.one_code_per_selection
    ).message


def read(path: Path) -> object:
    from annotator.interchange.refiqda_read import read_qdpx

    return read_qdpx(path)


LABEL = "REFI-QDA project (QualCoder, MAXQDA, ATLAS.ti, NVivo)"
EXPORT = ExportFormat("qdpx", LABEL, ".qdpx", "annotations", write)
IMPORT = ImportFormat("qdpx", "REFI-QDA project", (".qdpx",), read)
