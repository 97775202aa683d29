"""Which names are source texts (``core.filenames``) and which files a folder scan lists."""

from __future__ import annotations

import os
from pathlib import PurePath

import pytest

from annotator.core.filenames import is_source_path, normalise_suffixes
from annotator.watch.filters import scan_sources

SUFFIXES = normalise_suffixes([".txt", ".md"])


@pytest.mark.parametrize(
    "relative",
    ["article.txt", "Notes.MD", "part one/chapter 2/draft.txt", "é/ünïcode.txt", "a.b.txt"],
)
def test_source_names(relative):
    assert is_source_path(PurePath(relative), SUFFIXES)


@pytest.mark.parametrize(
    "relative",
    [
        ".hidden.txt",
        ".article.txt.swp",
        "article.txt.swx",
        "article.txt~",
        "#article.txt#",
        ".#article.txt",
        "4913",
        "article.tmp",
        "article.txt.part",
        "article.txt.crdownload",
        ".goutputstream-ABCD12",
        ".~lock.article.txt#",
        "~$article.txt",
        "article.txt___jb_tmp___",
        "picture.png",
        "README",
        ".txt",
        ".git/notes.txt",
        "sub/.obsidian/workspace.md",
        "__pycache__/x.txt",
        "__MACOSX/x.txt",
    ],
)
def test_ignored_names(relative):
    assert not is_source_path(PurePath(relative), SUFFIXES)


def test_suffixes_are_normalised():
    assert normalise_suffixes(["TXT", ".Md", " .rst "]) == {".txt", ".md", ".rst"}
    with pytest.raises(ValueError, match="empty suffix"):
        normalise_suffixes([""])


def test_scan_finds_sources_and_skips_hidden_folders(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("b")
    (tmp_path / "sub" / "b.md~").write_text("backup")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("c")
    found = sorted(scan_sources(str(tmp_path), SUFFIXES))
    assert found == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.md")]


def test_scan_sources_lists_only_regular_files(tmp_path):
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    (tmp_path / "linked.txt").symlink_to(tmp_path / "a.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    found = sorted(PurePath(p).name for p in scan_sources(str(tmp_path), SUFFIXES))
    assert found == ["a.txt", "linked.txt"]
