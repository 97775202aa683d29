"""No export may overwrite the open project, its SQLite companions or a source it reads."""

from __future__ import annotations

import os

import pytest

from annotator.services.export_target import ExportTargetError, check_export_target
from annotator.services.sources import add_paths
from annotator.store.library import Library


@pytest.fixture
def library(tmp_path):
    folder = tmp_path / "texts"
    (folder / "2024").mkdir(parents=True)
    (folder / "a.txt").write_text("An article about gas.", encoding="utf-8")
    (folder / "2024" / "b.md").write_text("Another article.", encoding="utf-8")
    single = tmp_path / "single.txt"
    single.write_text("A file added on its own.", encoding="utf-8")
    lib = Library.open(tmp_path / "p.annotator")
    add_paths(lib, [folder, single])
    yield lib
    lib.close()


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_the_project_file_and_its_companions_are_refused(library, tmp_path, suffix):
    with pytest.raises(ExportTargetError, match="destroy the project"):
        check_export_target(library, tmp_path / f"p.annotator{suffix}")


def test_another_path_to_the_project_file_is_refused(library, tmp_path):
    (tmp_path / "link.docx").symlink_to(tmp_path / "p.annotator")
    os.link(tmp_path / "p.annotator", tmp_path / "hard.docx")
    (tmp_path / "alias").symlink_to(tmp_path)
    for other in ("link.docx", "hard.docx", "alias/p.annotator", "texts/../p.annotator"):
        with pytest.raises(ExportTargetError, match="open project file"):
            check_export_target(library, tmp_path / other)


def test_sources_and_files_in_watched_folders_are_refused(library, tmp_path):
    for target in (
        tmp_path / "single.txt",  # a source file added on its own
        tmp_path / "texts" / "a.txt",  # a document's file
        tmp_path / "texts" / "2024" / "b.md",
        tmp_path / "texts" / "briefing.md",  # would be read as a new source at the next scan
        tmp_path / "texts" / "briefing.docx",  # a Word file is a source too (issue 9)
    ):
        with pytest.raises(ExportTargetError, match="nothing was written"):
            check_export_target(library, target)
    (tmp_path / "via").symlink_to(tmp_path / "texts")
    with pytest.raises(ExportTargetError, match="watched folder"):
        check_export_target(library, tmp_path / "via" / "a.txt")


def test_ordinary_targets_pass(library, tmp_path):
    for target in (
        tmp_path / "briefing.docx",
        tmp_path / "annotations.json",
        tmp_path / "texts" / "excerpts.csv",  # not a file the project reads
        tmp_path / "texts" / ".exports" / "briefing.md",  # hidden folders are not read
        tmp_path / "p.annotator.docx",
    ):
        check_export_target(library, target)
