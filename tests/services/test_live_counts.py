"""What the status bar says when a watched file goes: the real number of annotations kept."""

from pathlib import Path

import pytest

from annotator.services.live import handle_events
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.watch.watcher import SourceEvent


def handle_event(library, event, *, final=False):
    """One file event applied on its own (the app applies them in batches)."""
    return handle_events(library, [(event, final)])[0]


TEXT = "The pipeline talks stalled again.\n\nOfficials asked for a lower gas price than offered.\n"


@pytest.fixture
def project(tmp_path: Path):
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "article.txt").write_text(TEXT, encoding="utf-8")
    library = Library.open(tmp_path / "p.annotator")
    add_paths(library, [folder])
    yield library, folder, library.documents.list()[0]
    library.close()


def delete(library: Library, folder: Path) -> str:
    (folder / "article.txt").unlink()
    event = SourceEvent("deleted", folder, folder / "article.txt", None)
    return handle_event(library, event).message


@pytest.mark.parametrize(
    ("highlights", "expected"),
    [(3, "its 3 annotations are kept"), (1, "its annotation is kept"), (0, "no annotations")],
)
def test_deleting_a_file_reports_how_many_annotations_are_kept(project, highlights, expected):
    library, folder, doc = project
    for n in range(highlights):
        library.annotations.create(doc.id, 4 + n, 12 + n)
    assert expected in delete(library, folder)


def test_find_gives_a_document_with_its_counts(project):
    library, _folder, doc = project
    library.annotations.create(doc.id, 4, 12)
    found = library.documents.find(doc.source_id, doc.path)
    assert (
        found is not None
        and found.annotation_count == library.documents.get(doc.id).annotation_count == 1
    )
