"""Export the project: a briefing, its annotations or its codebook, in any registered format.

Which formats there are is the formats registry's; here the records an export needs are
gathered (a compiled ``Briefing``, or a ``ProjectSnapshot``), the target is checked (never the
project or a source), and the format writes the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from annotator.briefing.render import BriefingCancelled
from annotator.core.briefing import BriefingOptions
from annotator.core.models import Document, ExcerptFilter
from annotator.core.snapshot import ProjectSnapshot
from annotator.formats.registry import ExportInput, ExportOptions, export_format
from annotator.services.briefing import compile_briefing, default_options
from annotator.services.export_target import check_export_target
from annotator.store.library import Library

# A cancelled briefing (its progress callback said stop) raises BriefingCancelled; a briefing that
# cannot be written raises BriefingError, a ValueError.
__all__ = ["BriefingCancelled", "export", "project_snapshot", "tag_name_warnings"]


def export(
    library: Library,
    key: str,
    out: Path,
    selection: ExcerptFilter | None = None,
    *,
    options: BriefingOptions | None = None,
    template: Path | None = None,
    progress: Callable[[int, int], object] | None = None,
    one_code_per_selection: bool = False,
    page_numbers: bool = True,
) -> str:
    """Write the ``selection`` (default: everything) to ``out`` in the format ``key``; return
    a line saying what was written. A briefing uses ``options`` (default: the project's)."""
    fmt = export_format(key)
    check_export_target(library, out)
    selection = selection or ExcerptFilter()
    data: ExportInput
    if fmt.kind == "briefing":
        data = compile_briefing(library, selection, options or default_options(library, selection))
    elif fmt.kind == "annotations":
        data = project_snapshot(library, selection)
    else:
        data = project_snapshot(library, None)
    return fmt.write(
        data, out, ExportOptions(template, progress, one_code_per_selection, page_numbers)
    )


def tag_name_warnings(library: Library) -> list[str]:
    """Tag names a REFI-QDA export should warn about (one name under several parents)."""
    from annotator.interchange.refiqda_export import repeated_names

    return repeated_names(library.tags.list())


def project_snapshot(library: Library, selection: ExcerptFilter | None) -> ProjectSnapshot:
    """The project's records for an export: with ``selection`` None, only the project and its
    tags (a codebook); else the annotations it picks with their documents (every document
    when it picks everything) and their texts, read as the writer asks for them."""
    project = library.project
    ids = library.interchange
    tags = tuple(library.tags.list())
    groups = tuple(ids.groups())
    if selection is None:
        return ProjectSnapshot(
            project.name,
            project.author,
            project.note,
            tags,
            uuid=ids.project_uuid(),
            guids={"tag": ids.guids("tag", [t.id for t in tags])},
            groups=groups,
        )
    annotations = tuple(library.annotations.query(selection))
    documents = library.documents.list()
    if not selection.is_empty:
        used = {a.document_id for a in annotations}
        documents = [doc for doc in documents if doc.id in used]
    guids = {
        "tag": ids.guids("tag", [t.id for t in tags]),
        "document": ids.guids("document", [d.id for d in documents]),
        "annotation": ids.guids("annotation", [a.id for a in annotations]),
        "group": ids.guids("group", [g.id for g in groups]),
    }
    return ProjectSnapshot(
        project.name,
        project.author,
        project.note,
        tags,
        tuple(documents),
        annotations,
        _Texts(library, [doc.id for doc in documents]),
        partial=not selection.is_empty,
        uuid=ids.project_uuid(),
        guids=guids,
        locations=_locations(library, documents),
        groups=groups,
    )


def _locations(library: Library, documents: list[Document]) -> dict[int, str]:
    """Where each document's file is: its source folder joined with its relative path."""
    sources = {source.id: source for source in library.sources.list()}
    found = {}
    for doc in documents:
        source = sources.get(doc.source_id)
        if source is None:
            continue
        base = Path(source.path)
        found[doc.id] = str(base if source.kind == "file" else base / doc.path)
    return found


class _Texts(Mapping[int, str]):
    """The documents' texts, each read from the project when a writer first asks for it (a
    W3C export of a few annotations never reads the texts of a large corpus)."""

    def __init__(self, library: Library, document_ids: list[int]) -> None:
        self._lib = library
        self._ids = document_ids
        self._wanted = set(document_ids)
        self._read: dict[int, str] = {}

    def __getitem__(self, document_id: int) -> str:
        if document_id not in self._wanted:
            raise KeyError(document_id)
        if document_id not in self._read:
            self._read[document_id] = self._lib.documents.text(document_id)
        return self._read[document_id]

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)
