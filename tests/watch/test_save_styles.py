"""Each way an editor saves a file comes out as exactly one settled event, on the real observer."""

from __future__ import annotations

import os
import time

import pytest


def test_write_in_place_is_one_change(watcher, folder, recorder):
    (folder / "article.txt").write_text("second version\n", encoding="utf-8")
    recorder.wait_for(1)
    assert recorder.settle() and recorder.summary() == [("changed", "article.txt", None)]
    event = recorder.events[0]
    assert event.root == folder and event.path == folder / "article.txt"


def test_temp_file_then_replace_is_one_change(watcher, folder, recorder):
    temp = folder / ".goutputstream-K2X9QZ"
    temp.write_text("saved by gedit\n", encoding="utf-8")
    os.replace(temp, folder / "article.txt")
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("changed", "article.txt", None)]


def test_delete_then_create_is_one_change_not_a_delete(watcher, folder, recorder):
    (folder / "article.txt").unlink()
    (folder / "article.txt").write_text("recreated\n", encoding="utf-8")
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("changed", "article.txt", None)]


def test_vim_backup_dance_is_one_change(watcher, folder, recorder):
    swap = folder / ".article.txt.swp"
    swap.write_bytes(b"vim swap")
    probe = folder / "4913"
    probe.write_bytes(b"")
    probe.unlink()
    os.rename(folder / "article.txt", folder / "article.txt~")
    (folder / "article.txt").write_text("written by vim\n", encoding="utf-8")
    (folder / "article.txt~").unlink()
    swap.unlink()
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("changed", "article.txt", None)]


def test_fifty_quick_writes_are_one_change(folder, make_watcher, make_recorder):
    recorder = make_recorder(lambda event: event.path.read_text(encoding="utf-8"))
    # A close_delay wider than the whole burst keeps a loaded machine from splitting it.
    watcher = make_watcher(recorder, close_delay=0.4)
    watcher.watch(folder)
    watcher.start()
    for i in range(50):
        (folder / "article.txt").write_text(f"version {i}\n", encoding="utf-8")
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("changed", "article.txt", None)]
    assert recorder.extra == ["version 49\n"]


def test_rename_is_reported_as_a_move(watcher, folder, recorder):
    os.rename(folder / "article.txt", folder / "renamed.txt")
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("moved", "renamed.txt", "article.txt")]
    assert recorder.events[0].old_path == folder / "article.txt"


def test_rename_to_a_temporary_name_is_a_delete(watcher, folder, recorder):
    os.rename(folder / "article.txt", folder / "article.txt.bak")
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("deleted", "article.txt", None)]


def test_delete_is_reported_once_and_restore_as_change(watcher, folder, recorder):
    (folder / "article.txt").unlink()
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("deleted", "article.txt", None)]
    (folder / "article.txt").write_text("restored\n", encoding="utf-8")
    recorder.wait_for(2)
    recorder.settle()
    assert recorder.summary() == [
        ("deleted", "article.txt", None),
        ("changed", "article.txt", None),
    ]


def test_temporary_source_file_that_comes_and_goes_says_nothing(watcher, folder, recorder):
    (folder / "draft.txt").write_text("scratch\n", encoding="utf-8")
    (folder / "draft.txt").unlink()
    (folder / "article.txt").write_text("sentinel\n", encoding="utf-8")
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("changed", "article.txt", None)]


def test_reading_files_reports_nothing(watcher, folder, recorder):
    for _ in range(5):
        (folder / "article.txt").read_text(encoding="utf-8")
    os.stat(folder / "article.txt")
    assert recorder.settle(quiet=0.6) == []


@pytest.mark.slow
def test_slow_writer_is_reported_once_after_it_closes(folder, make_watcher, make_recorder):
    recorder = make_recorder(lambda event: (time.monotonic(), event.path.read_text("utf-8")))
    # Pauses longer than modify_delay: only the missing close-write says "not finished yet".
    watcher = make_watcher(recorder, modify_delay=0.1)
    watcher.watch(folder)
    watcher.start()
    chunks = [f"chunk {i} ".ljust(20_000, "x") + "\n" for i in range(12)]
    with open(folder / "article.txt", "w", encoding="utf-8") as handle:
        for chunk in chunks:
            handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
            time.sleep(0.15)
        finished = time.monotonic()
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("changed", "article.txt", None)]
    [(reported_at, content)] = recorder.extra
    assert reported_at >= finished
    assert content == "".join(chunks)


def test_after_a_move_the_new_name_keeps_being_watched(watcher, folder, recorder):
    os.rename(folder / "article.txt", folder / "renamed.txt")
    recorder.wait_for(1)
    (folder / "renamed.txt").write_text("edited after the rename\n", encoding="utf-8")
    recorder.wait_for(2)
    recorder.settle()
    assert recorder.summary() == [
        ("moved", "renamed.txt", "article.txt"),
        ("changed", "renamed.txt", None),
    ]
