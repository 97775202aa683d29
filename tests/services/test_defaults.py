"""The default project reads a copy of the seeds in the user's data folder, never the bundled."""

from __future__ import annotations

import shutil
from pathlib import Path

from annotator.bundled import seeds_dir
from annotator.services.defaults import data_dir, default_project_path, open_project
from annotator.services.sources import add_paths, scan
from annotator.services.tagging import tag_span
from annotator.store.library import Library


def _files(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir()) if f.is_file()}


def test_the_first_run_copies_the_seeds_and_watches_the_copy(_private_data_dir) -> None:
    bundled = _files(seeds_dir())
    with open_project(None) as library:
        (source,) = library.sources.list()
        copy = data_dir() / "seeds"
        assert source.path == str(copy.resolve()) != str(seeds_dir().resolve())
        assert _files(copy) == bundled
        assert len(library.documents.list()) == len(bundled) == 5
        # The tour edits a text: the copy changes, the bundled file does not.
        first = sorted(copy.iterdir())[0]
        first.write_text("An edited title\n\n" + first.read_text(encoding="utf-8"), "utf-8")
        assert len(scan(library).changed) == 1
    assert _files(seeds_dir()) == bundled
    with open_project(None) as again:  # the second start keeps the copy and its edits
        assert [s.path for s in again.sources.list()] == [source.path]
        assert again.documents.list()[0].title == "An edited title"


def test_a_project_watching_the_bundled_seeds_is_moved_to_the_copy(_private_data_dir) -> None:
    bundled = _files(seeds_dir())
    with Library.open(default_project_path()) as library:  # as an older version made it
        add_paths(library, [seeds_dir()])
        doc = library.documents.list()[2]
        text = library.documents.text(doc.id)
        start = text.index("Xi")
        tagged = tag_span(library, doc.id, start, start + 20, note="kept")
    with open_project(None) as library:
        (source,) = library.sources.list()
        assert source.path == str((data_dir() / "seeds").resolve())
        assert _files(data_dir() / "seeds") == bundled
        annotation = library.annotations.get(tagged.annotation_id)
        assert (annotation.start, annotation.end, annotation.note) == (start, start + 20, "kept")
        assert library.documents.get(doc.id).path == doc.path
        report = scan(library)
        assert report.unchanged == 5 and not (report.missing or report.new or report.changed)


def test_a_project_watching_an_old_packages_seeds_is_moved_too(_private_data_dir, tmp_path) -> None:
    old = tmp_path / "site-packages" / "annotator" / "_data" / "seeds"
    shutil.copytree(seeds_dir(), old)
    with Library.open(default_project_path()) as library:
        add_paths(library, [old])
    shutil.rmtree(tmp_path / "site-packages")  # that version was uninstalled
    with open_project(None) as library:
        (source,) = library.sources.list()
        assert source.path == str((data_dir() / "seeds").resolve())
        report = scan(library)
        assert report.unchanged == 5 and not report.missing


def test_another_project_is_left_as_it_is(tmp_path) -> None:
    with Library.open(tmp_path / "mine.annotator") as library:
        add_paths(library, [seeds_dir()])
    with open_project(tmp_path / "mine.annotator") as library:
        assert [s.path for s in library.sources.list()] == [str(seeds_dir().resolve())]
