"""Which files are reported, and under which root and name: sub-folders, ignored names, roots."""

from __future__ import annotations

import os

from annotator.watch.watcher import SourceEvent


def test_file_in_a_sub_folder_is_named_by_its_relative_path(watcher, folder, recorder):
    sub = folder / "part one" / "chapter"
    sub.mkdir(parents=True)
    (sub / "notes.md").write_text("# notes\n", encoding="utf-8")
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("changed", "part one/chapter/notes.md", None)]
    assert recorder.events[0].path == sub / "notes.md"


def test_moving_a_sub_folder_moves_each_file(watcher, folder, recorder):
    old = folder / "old"
    old.mkdir()
    (old / "a.txt").write_text("a\n", encoding="utf-8")
    (old / "b.md").write_text("b\n", encoding="utf-8")
    recorder.wait_for(2)
    recorder.settle()
    recorder.clear()
    os.rename(old, folder / "new")
    recorder.wait_for(2)
    recorder.settle()
    assert sorted(recorder.summary()) == [
        ("moved", "new/a.txt", "old/a.txt"),
        ("moved", "new/b.md", "old/b.md"),
    ]


def test_moving_a_sub_folder_out_deletes_its_files(watcher, folder, recorder, tmp_path):
    sub = folder / "sub"
    sub.mkdir()
    (sub / "a.txt").write_text("a\n", encoding="utf-8")
    recorder.wait_for(1)
    recorder.settle()
    recorder.clear()
    os.rename(sub, tmp_path / "trash")  # what a file manager's "move to trash" does
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("deleted", "sub/a.txt", None)]


def test_ignored_names_report_nothing(watcher, folder, recorder):
    ignored = [
        ".hidden.txt",
        "#article.txt#",
        "article.txt~",
        ".article.txt.swp",
        "article.txt.swx",
        "4913",
        "notes.tmp",
        "download.txt.part",
        "paper.txt.crdownload",
        ".goutputstream-ABC123",
        "picture.png",
        "README",
    ]
    for name in ignored:
        (folder / name).write_text("noise\n", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "notes.txt").write_text("noise\n", encoding="utf-8")
    for name in ignored:
        (folder / name).unlink()
    (folder / "real.md").write_text("signal\n", encoding="utf-8")
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("changed", "real.md", None)]


def test_suffixes_choose_the_source_files(folder, recorder, make_watcher):
    watcher = make_watcher(recorder, suffixes=("RST",))
    watcher.watch(folder)
    watcher.start()
    try:
        (folder / "article.txt").write_text("not a source here\n", encoding="utf-8")
        (folder / "guide.RST").write_text("a source\n", encoding="utf-8")
        recorder.wait_for(1)
        recorder.settle()
    finally:
        watcher.stop()
    assert recorder.summary() == [("changed", "guide.RST", None)]


def test_single_file_root_reports_only_that_file(folder, recorder, make_watcher):
    target = folder / "article.txt"
    watcher = make_watcher(recorder)
    watcher.watch(target)
    watcher.start()
    try:
        (folder / "neighbour.txt").write_text("not watched\n", encoding="utf-8")
        temp = folder / ".goutputstream-Q1"
        temp.write_text("saved\n", encoding="utf-8")
        os.replace(temp, target)
        recorder.wait_for(1)
        recorder.settle()
        assert recorder.events == [SourceEvent("changed", target, target)]
        assert recorder.events[0].name == "article.txt"
        target.unlink()
        recorder.wait_for(2)
        recorder.settle()
    finally:
        watcher.stop()
    assert recorder.events[1] == SourceEvent("deleted", target, target)
    assert len(recorder.events) == 2


def test_file_inside_two_roots_is_reported_for_each(folder, recorder, make_watcher):
    target = folder / "article.txt"
    watcher = make_watcher(recorder)
    watcher.watch(folder)
    watcher.watch(target)
    watcher.start()
    try:
        target.write_text("changed\n", encoding="utf-8")
        recorder.wait_for(2)
        recorder.settle()
    finally:
        watcher.stop()
    assert sorted((e.kind, e.root) for e in recorder.events) == [
        ("changed", folder),
        ("changed", target),
    ]


def test_symlinked_root_reports_paths_under_the_given_name(
    tmp_path, folder, recorder, make_watcher
):
    link = tmp_path / "link"
    link.symlink_to(folder, target_is_directory=True)
    watcher = make_watcher(recorder)
    watcher.watch(link)
    watcher.start()
    try:
        (folder / "article.txt").write_text("through the link\n", encoding="utf-8")
        recorder.wait_for(1)
        recorder.settle()
    finally:
        watcher.stop()
    assert recorder.events == [SourceEvent("changed", link, link / "article.txt")]


def test_file_moved_into_the_folder_is_a_change(watcher, folder, recorder, tmp_path):
    outside = tmp_path / "incoming.txt"
    outside.write_text("new arrival\n", encoding="utf-8")
    os.rename(outside, folder / "incoming.txt")
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("changed", "incoming.txt", None)]


def test_folder_moved_into_the_root_reports_each_file(watcher, folder, recorder, tmp_path):
    incoming = tmp_path / "incoming"
    (incoming / "deeper").mkdir(parents=True)
    (incoming / "a.txt").write_text("a\n", encoding="utf-8")
    (incoming / "deeper" / "b.md").write_text("b\n", encoding="utf-8")
    (incoming / "deeper" / "ignored.pdf").write_text("pdf\n", encoding="utf-8")
    os.rename(incoming, folder / "incoming")
    recorder.wait_for(2)
    recorder.settle()
    assert sorted(recorder.summary()) == [
        ("changed", "incoming/a.txt", None),
        ("changed", "incoming/deeper/b.md", None),
    ]


def test_rename_onto_another_source_file_is_a_move(watcher, folder, recorder):
    (folder / "other.txt").write_text("will be replaced\n", encoding="utf-8")
    recorder.wait_for(1)
    recorder.settle()
    recorder.clear()
    os.replace(folder / "article.txt", folder / "other.txt")
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("moved", "other.txt", "article.txt")]
