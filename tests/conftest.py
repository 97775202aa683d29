"""Shared test set-up: Qt runs offscreen, and each test gets its own data directory."""

import os

# pytest-qt aborts the whole run without a display unless Qt is told to render offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Keep the default project and settings of every test away from the user's real ones."""
    home = tmp_path_factory.mktemp("annotator-home")
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(home))
    return home
