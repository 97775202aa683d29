"""W3C Web Annotation JSON (.json, .jsonld): annotations out, and in (``interchange.w3c``)."""

from __future__ import annotations

from pathlib import Path

from annotator.formats.registry import ExportFormat, ExportInput, ExportOptions, ImportFormat
from annotator.formats.written import snapshot_of

# The writer and reader are imported when first used: the registry loads at every start.


def write(data: ExportInput, out: Path, options: ExportOptions) -> str:
    from annotator.interchange.w3c import write_w3c

    snapshot = snapshot_of(data)
    write_w3c(snapshot, out)
    n = len(snapshot.annotations)
    return f"Wrote {n:,} annotation{'s' if n != 1 else ''} to {out}"


def read(path: Path) -> object:
    from annotator.interchange.w3c import read_w3c

    return read_w3c(path)


EXPORT = ExportFormat("w3c", "W3C Web Annotation JSON", ".json", "annotations", write)
IMPORT = ImportFormat("w3c", "W3C Web Annotation JSON", (".json", ".jsonld"), read)
