"""The search panel finds what a scan brought in at once; the window then indexes it when idle."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui.main_window import MainWindow

WAIT_MS = 30_000


@pytest.fixture
def setup(tmp_path, qtbot):
    folder = tmp_path / "texts"
    folder.mkdir()
    for i in range(5):
        text = f"Report {i}\n\nThe harbour of Vladivostok handled more grain in report {i}."
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    library = Library.open(tmp_path / "p.annotator")
    add_paths(library, [folder])
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.parts.watch_label.text().startswith("Watching"), timeout=WAIT_MS)
    # The start-up scan is followed by indexing what the addition above left queued.
    qtbot.waitUntil(lambda: library.search.pending() == 0, timeout=WAIT_MS)
    yield window, library, folder
    window.close()
    qtbot.wait(100)
    library.close()


def found(window: MainWindow, qtbot, query: str) -> list[str]:
    """The documents the search panel lists (a document's hits in context share its id)."""
    panel = window.parts.search_panel
    panel.field.clear()
    qtbot.keyClicks(panel.field, query)
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    ids = {
        panel.results.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.results.count())
    }
    return sorted(window.library.documents.get(i).path for i in ids if i is not None)


def test_a_search_during_and_after_the_indexing_finds_what_a_rescan_brought(qtbot, setup):
    window, library, folder = setup
    window.sources.bridge.pause()  # the rescan, not the watcher, brings the new file in
    (folder / "new.txt").write_text("Copper\n\nCopper exports to Harbin doubled.", "utf-8")
    gate = threading.Event()
    job = window.sources.rescan()
    # Other work after the rescan: the indexing waits for it, the new text stays queued.
    window.sources.background.submit(lambda _lib, _progress: gate.wait(WAIT_MS / 1000), "test")
    qtbot.waitUntil(lambda: job.done, timeout=WAIT_MS)
    assert library.search.pending() == 1
    assert found(window, qtbot, "harb copp") == ["new.txt"]
    gate.set()
    window.sources.bridge.resume()  # the watcher's event for the file: already in the project
    qtbot.waitUntil(lambda: library.search.pending() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.sources.busy(), timeout=WAIT_MS)
    assert found(window, qtbot, "harb copp") == ["new.txt"]
    assert len(found(window, qtbot, "vladivostok")) == 5


def test_files_arriving_in_a_stream_are_indexed_once_the_stream_stops(qtbot, setup):
    # Thousands of dropped files come in as batches with short gaps; indexing started in a
    # gap held up the next batch. The search finds them all along; the index catches up after.
    window, library, folder = setup
    for i in range(4):
        (folder / f"copper{i}.txt").write_text(f"Copper {i}\n\nCopper went to Harbin.", "utf-8")
        qtbot.waitUntil(lambda i=i: len(library.documents.list()) == 6 + i, timeout=WAIT_MS)
        qtbot.wait(300)  # the next file comes before the watcher has been quiet a second
        assert library.search.pending() == i + 1
    assert found(window, qtbot, "harb copp") == [f"copper{i}.txt" for i in range(4)]
    qtbot.waitUntil(lambda: library.search.pending() == 0, timeout=WAIT_MS)
    assert found(window, qtbot, "harb copp") == [f"copper{i}.txt" for i in range(4)]
