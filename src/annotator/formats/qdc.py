"""REFI-QDA codebooks (.qdc): the tag tree alone, out and in."""

from __future__ import annotations

from pathlib import Path

from annotator.formats.registry import ExportFormat, ExportInput, ExportOptions, ImportFormat
from annotator.formats.written import snapshot_of
from annotator.interchange.refiqda_export import write_qdc
from annotator.interchange.refiqda_read import read_qdc


def write(data: ExportInput, out: Path, options: ExportOptions) -> str:
    return write_qdc(snapshot_of(data).tags, out).message


EXPORT = ExportFormat("qdc", "REFI-QDA codebook (tags only)", ".qdc", "codebook", write)
IMPORT = ImportFormat("qdc", "REFI-QDA codebook", (".qdc",), read_qdc)
