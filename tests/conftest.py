"""Shared test set-up: Qt runs offscreen, and each test gets its own data directory."""

import os
import threading

# pytest-qt aborts the whole run without a display unless Qt is told to render offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Keep the default project and settings of every test away from the user's real ones."""
    home = tmp_path_factory.mktemp("annotator-home")
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(home))
    return home


def _finishes(action, seconds: float = 10.0):
    """Run ``action`` on a thread: what it returned (or raise what it raised); fail if it hangs.

    For actions that block forever when they regress (opening a FIFO waits for a writer): the
    test then fails instead of hanging the whole suite.
    """
    outcome: dict = {}

    def work():
        try:
            outcome["value"] = action()
        except BaseException as error:  # handed to the test
            outcome["error"] = error

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"{action} did not return within {seconds} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def finishes():
    """``finishes(action)``: run ``action`` with a time limit (see ``_finishes``)."""
    return _finishes
