"""The app against hostile files: bad bytes, damaged, read-only or deleted projects, odd targets."""

from __future__ import annotations

import pytest

from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui.main_window import MainWindow

ARTICLE = "Gas talks\n\nThe pipeline talks in Zürich stalled over the price of gas.\n"


@pytest.fixture
def texts(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path, texts):
    path = tmp_path / "project.annotator"
    with Library.open(path) as library:
        add_paths(library, [texts])
        library.tags.create("Energy")
    return path


@pytest.fixture
def open_window(qtbot):
    """``open_window(library)``: a shown MainWindow over ``library`` (closed at the end)."""
    made: list[MainWindow] = []

    def make(library: Library) -> MainWindow:
        window = MainWindow(library)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
        window.library.close()


def test_a_rescan_says_when_bytes_that_are_not_utf8_were_replaced(project, texts, open_window):
    window = open_window(Library.open(project))
    (texts / "article.txt").write_bytes(ARTICLE.encode().replace(b"price", b"pr\xffce"))
    window.sources.rescan()
    message = window.statusBar().currentMessage()
    assert "article.txt: 1 byte that is not UTF-8 was replaced" in message
    assert "Zürich" in window.view.text()
