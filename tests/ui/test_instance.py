"""One window per project: real Annotator processes on the same project and on two projects."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir

from annotator.ui.instance import Claim, ProjectInstance, claim, instance_key

FIRST_PAINT = "first paint"


def start_app(project: Path, *, quit_after_show: bool) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("ANNOTATOR_QUIT_AFTER_SHOW", None)
    if quit_after_show:
        env["ANNOTATOR_QUIT_AFTER_SHOW"] = "1"
    return subprocess.Popen(
        [sys.executable, "-m", "annotator", str(project)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen, timeout: float = 60) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


@pytest.fixture
def running(qapp):
    """``running(project)``: an Annotator process with that project open, once it answers."""
    started: list[subprocess.Popen] = []

    def start(project: Path) -> subprocess.Popen:
        process = start_app(project, quit_after_show=False)
        started.append(process)
        deadline = time.monotonic() + 60
        while not ProjectInstance(project).ask_owner_to_raise(500):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the app never answered"
            time.sleep(0.1)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()  # closes the window as Quit does, and lets the project go
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def test_a_second_start_on_an_open_project_hands_over_and_exits(tmp_path, running):
    project = tmp_path / "study.annotator"
    first = running(project)

    status, out, err = finish(start_app(project, quit_after_show=True))
    assert status == 0, err
    assert "study.annotator is already open in another Annotator window" in err
    assert FIRST_PAINT not in out  # no second window was shown
    assert "Traceback" not in err
    assert first.poll() is None  # the first window is still open


def test_two_different_projects_open_side_by_side(tmp_path, running):
    first = running(tmp_path / "one.annotator")

    status, out, err = finish(start_app(tmp_path / "two.annotator", quit_after_show=True))
    assert status == 0, err
    assert FIRST_PAINT in out and "already open" not in err and "Traceback" not in err
    assert first.poll() is None


def test_a_project_whose_window_was_killed_opens_again(tmp_path, running):
    project = tmp_path / "study.annotator"
    first = running(project)
    first.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
    first.wait(timeout=30)

    status, out, err = finish(start_app(project, quit_after_show=True))
    assert status == 0, err
    assert FIRST_PAINT in out and "already open" not in err and "Traceback" not in err


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGTERM on Windows")
def test_a_terminated_window_saves_and_lets_its_project_go(tmp_path, running):
    project = tmp_path / "study.annotator"
    first = running(project)
    first.send_signal(signal.SIGTERM)  # what logging out of the desktop sends
    status, _out, err = finish(first)
    assert status == 0 and "Traceback" not in err
    assert not (Path(QDir.tempPath()) / f"{instance_key(project)}.lock").exists()
    outcome, instance = claim(project, timeout_ms=200)
    assert outcome is Claim.OWNED
    instance.release()


def test_a_holder_that_does_not_answer_is_reported_busy(qapp, tmp_path):
    project = tmp_path / "study.annotator"
    holder = ProjectInstance(project)
    assert holder.try_own()
    try:
        # This process holds it but runs no event loop while we wait: nobody answers.
        outcome, other = claim(project, timeout_ms=300)
        assert outcome is Claim.BUSY
        assert other.owner_pid() == os.getpid()
    finally:
        holder.release()
    outcome, other = claim(project, timeout_ms=300)
    assert outcome is Claim.OWNED
    other.release()


def test_the_same_file_by_another_path_is_the_same_project(qapp, tmp_path):
    project = tmp_path / "study.annotator"
    (tmp_path / "sub").mkdir()
    holder = ProjectInstance(project)
    assert holder.try_own()
    try:
        assert claim(tmp_path / "sub" / ".." / "study.annotator", timeout_ms=200)[0] is Claim.BUSY
        outcome, other = claim(tmp_path / "other.annotator", timeout_ms=200)
        assert outcome is Claim.OWNED
        other.release()
    finally:
        holder.release()


def test_opening_from_the_menu_a_project_open_elsewhere_switches_to_it(qtbot, tmp_path, running):
    from annotator.store.library import Library
    from annotator.ui.app import take_project
    from annotator.ui.main_window import MainWindow

    elsewhere = tmp_path / "elsewhere.annotator"
    other = running(elsewhere)
    library = Library.open(tmp_path / "here.annotator")
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.sources.started)  # the start-up scan is done
    try:
        outcome, _instance = take_project(elsewhere, window)
        assert outcome is Claim.HANDED_OVER
        assert "already open in another Annotator window" in window.statusBar().currentMessage()
        assert other.poll() is None
    finally:
        window.close()
        library.close()
