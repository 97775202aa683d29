"""Starting, stopping and watching, bad roots and a failing callback."""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time

import pytest

from annotator.watch.watcher import SourceWatcher, WatchError

SUFFIXES = (".txt", ".md")


def _foreign_threads() -> list[threading.Thread]:
    return [
        t
        for t in threading.enumerate()
        if type(t).__module__.startswith("watchdog") or t.name == "annotator-watch"
    ]


def test_stop_joins_every_thread_and_can_be_called_twice(folder, recorder):
    watcher = SourceWatcher(recorder, suffixes=SUFFIXES, close_delay=0.05, modify_delay=0.3)
    watcher.watch(folder)
    watcher.start()
    assert _foreign_threads(), "start() should run the observer and a worker"
    watcher.stop()
    assert _foreign_threads() == []
    watcher.stop()  # a second stop is harmless


def test_context_manager_starts_and_stops(folder, recorder):
    with SourceWatcher(recorder, suffixes=SUFFIXES, close_delay=0.05) as watcher:
        watcher.watch(folder)
        assert _foreign_threads()
        (folder / "article.txt").write_text("inside the block\n", encoding="utf-8")
        recorder.wait_for(1)
    assert _foreign_threads() == []
    assert recorder.summary() == [("changed", "article.txt", None)]


def test_no_event_is_delivered_after_stop(watcher, folder, recorder):
    (folder / "article.txt").write_text("changed just before stop\n", encoding="utf-8")
    watcher.stop()
    time.sleep(0.6)
    assert recorder.events == []


def test_watcher_can_be_restarted(watcher, folder, recorder):
    watcher.stop()
    watcher.start()
    (folder / "article.txt").write_text("after a restart\n", encoding="utf-8")
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("changed", "article.txt", None)]


def test_stop_from_inside_the_callback_does_not_hang(folder, make_watcher):
    stopped = threading.Event()

    def stop_now(event):
        watcher.stop()
        stopped.set()

    watcher = make_watcher(stop_now)
    watcher.watch(folder)
    watcher.start()
    (folder / "article.txt").write_text("stop please\n", encoding="utf-8")
    assert stopped.wait(10)
    deadline = time.monotonic() + 10  # the worker ends as soon as the callback returns
    while _foreign_threads() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _foreign_threads() == []


def test_watch_of_a_missing_folder_raises_a_clear_error(tmp_path, recorder):
    watcher = SourceWatcher(recorder, suffixes=SUFFIXES)
    missing = tmp_path / "no such folder"
    with pytest.raises(WatchError, match="does not exist") as caught:
        watcher.watch(missing)
    assert str(missing) in str(caught.value)
    assert watcher.roots == []


def test_watch_of_a_missing_folder_while_running_leaves_others_working(watcher, folder, recorder):
    with pytest.raises(WatchError):
        watcher.watch(folder / "gone")
    (folder / "article.txt").write_text("still watched\n", encoding="utf-8")
    recorder.wait_for(1)
    assert recorder.summary() == [("changed", "article.txt", None)]


def test_watch_of_something_that_is_not_a_file_or_folder_is_refused(tmp_path, recorder):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(WatchError, match="neither a folder nor a regular file"):
        SourceWatcher(recorder, suffixes=SUFFIXES).watch(fifo)


def test_watch_is_idempotent_and_reports_once(watcher, folder, recorder):
    watcher.watch(folder)
    watcher.watch(str(folder))
    assert watcher.roots == [folder]
    (folder / "article.txt").write_text("once\n", encoding="utf-8")
    recorder.wait_for(1)
    recorder.settle()
    assert len(recorder.events) == 1


def test_folder_watched_while_running_knows_its_files(watcher, tmp_path, recorder):
    late = tmp_path / "late"
    late.mkdir()
    (late / "old.txt").write_text("was there before\n", encoding="utf-8")
    watcher.watch(late)
    (late / "old.txt").unlink()
    recorder.wait_for(1)
    recorder.settle()
    assert [(e.kind, e.root, e.name) for e in recorder.events] == [("deleted", late, "old.txt")]


def test_an_unwatched_root_reports_nothing_and_the_others_carry_on(watcher, tmp_path, recorder):
    other = tmp_path / "other"
    other.mkdir()
    single = other / "single.txt"
    single.write_text("a source of its own\n", encoding="utf-8")
    watcher.watch(other)
    watcher.watch(single)  # shares the folder's inotify watch
    watcher.unwatch(other)
    watcher.unwatch(tmp_path / "never watched")  # nothing to do
    assert sorted(root.name for root in watcher.roots) == ["single.txt", "sources"]
    (other / "dropped.txt").write_text("not a source any more\n", encoding="utf-8")
    single.write_text("still watched\n", encoding="utf-8")
    recorder.wait_for(1)
    recorder.settle()
    assert [(e.root, e.name) for e in recorder.events] == [(single, "single.txt")]


def test_a_failing_callback_is_logged_and_the_watcher_carries_on(folder, make_watcher, caplog):
    delivered: list[str] = []

    def fragile(event):
        delivered.append(event.name)
        if len(delivered) == 1:
            raise RuntimeError("the GUI fell over")

    watcher = make_watcher(fragile)
    watcher.watch(folder)
    watcher.start()
    with caplog.at_level(logging.ERROR, logger="annotator.watch"):
        (folder / "article.txt").write_text("first\n", encoding="utf-8")
        deadline = time.monotonic() + 10
        while not delivered and time.monotonic() < deadline:
            time.sleep(0.02)
        (folder / "second.txt").write_text("second\n", encoding="utf-8")
        while len(delivered) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
    assert delivered == ["article.txt", "second.txt"]
    assert "the GUI fell over" in caplog.text


@pytest.mark.slow
def test_a_root_folder_that_disappears_and_comes_back(watcher, folder, recorder):
    (folder / "sub").mkdir()
    (folder / "sub" / "b.md").write_text("b\n", encoding="utf-8")
    recorder.wait_for(1)
    recorder.settle()
    recorder.clear()
    shutil.rmtree(folder)
    recorder.wait_for(2)
    recorder.settle()
    assert sorted(recorder.summary()) == [
        ("deleted", "article.txt", None),
        ("deleted", "sub/b.md", None),
    ]
    recorder.clear()
    folder.mkdir()
    (folder / "article.txt").write_text("restored from a backup\n", encoding="utf-8")
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("changed", "article.txt", None)]
    (folder / "article.txt").write_text("edited after the return\n", encoding="utf-8")
    recorder.wait_for(2)
    assert recorder.summary()[-1] == ("changed", "article.txt", None)


@pytest.mark.slow
def test_a_root_folder_renamed_away_is_reported_deleted(watcher, folder, recorder, tmp_path):
    os.rename(folder, tmp_path / "elsewhere")
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("deleted", "article.txt", None)]
    (tmp_path / "elsewhere" / "article.txt").write_text("edited there\n", encoding="utf-8")
    assert len(recorder.settle(quiet=0.8)) == 1  # stale events from the old place are dropped


@pytest.mark.slow
def test_root_missing_at_start_is_watched_once_it_appears(folder, recorder, make_watcher, caplog):
    watcher = make_watcher(recorder)
    watcher.watch(folder)
    shutil.rmtree(folder)
    with caplog.at_level(logging.WARNING, logger="annotator.watch"):
        watcher.start()  # no exception: the root is waited for
    assert "does not exist" in caplog.text
    folder.mkdir()
    (folder / "article.txt").write_text("back\n", encoding="utf-8")
    recorder.wait_for(1)
    recorder.settle()
    assert recorder.summary() == [("changed", "article.txt", None)]


def test_importing_the_watcher_changes_no_warnings_filter():
    # The filter is the program's to set (the app does, at start-up), not an import's.
    import subprocess
    import sys

    script = (
        "import warnings\n"
        "before = list(warnings.filters)\n"
        "import annotator.watch.watcher as w\n"
        "assert warnings.filters == before, 'import changed the filters'\n"
        "w.ignore_double_registration()\n"
        "assert warnings.filters[0][0] == 'ignore'\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr
