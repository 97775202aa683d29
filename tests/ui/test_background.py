"""The worker thread that scans and takes in files, as the window sees it."""

from __future__ import annotations

import sys

import pytest

from annotator.store.library import Library
from annotator.ui.background import SWITCH_INTERVAL_S, Background


def test_the_worker_and_the_window_take_turns_often(qtbot, tmp_path) -> None:
    # At Python's default 5 ms, each SQLite row the window reads while the worker computes
    # waits up to 5 ms for the lock: a list refresh during a large drop stalled 200 ms.
    was = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    library = Library.open(tmp_path / "p.annotator")
    try:
        background = Background(library)
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S)
        assert SWITCH_INTERVAL_S <= 0.0001
        done = []
        job = background.submit(lambda lib, progress: done.append(lib.path), "test")
        qtbot.waitUntil(lambda: job.done, timeout=10_000)
        assert done == [library.path]
        background.stop()
    finally:
        sys.setswitchinterval(was)
        library.close()


def test_the_status_bar_counts_the_files_of_a_running_job(qtbot) -> None:
    from annotator.ui.background import Job
    from annotator.ui.progress import StatusProgress

    progress = StatusProgress()
    qtbot.addWidget(progress)
    job = Job(lambda lib, report: None, "scan")
    progress.start(job, "Checking the source files…")
    assert progress.bar.minimum() == progress.bar.maximum() == 0  # busy: no figures yet
    progress.show()
    progress.show_progress(job, 1204, 6000)
    assert progress.bar.text() == "1,204 of 6,000 files"
    image = progress.bar.grab().toImage()  # painted by the style, with the figures
    assert not image.isNull() and image.width() == progress.bar.width()
    progress.show_progress(Job(lambda lib, report: None, "other"), 5, 10)  # not the one shown
    assert progress.bar.text() == "1,204 of 6,000 files"
