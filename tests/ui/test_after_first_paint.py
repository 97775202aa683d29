"""Work the first sight can wait for runs after the first paint (or after a fallback delay)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel

from annotator.ui.after_first_paint import AfterFirstPaint


def test_the_callback_runs_once_after_the_first_paint(qtbot):
    label = QLabel("text")
    qtbot.addWidget(label)
    calls = []
    pending = AfterFirstPaint(label, lambda: calls.append(label.isVisible()), fallback_ms=60_000)
    label.show()
    assert calls == []  # not before the window had a chance to paint
    qtbot.waitUntil(lambda: calls == [True])
    label.update()
    qtbot.wait(50)
    assert calls == [True] and pending.done  # once only


def test_a_widget_that_never_paints_runs_it_after_the_fallback(qtbot):
    label = QLabel("hidden")
    qtbot.addWidget(label)
    calls = []
    AfterFirstPaint(label, lambda: calls.append(1), fallback_ms=50)
    qtbot.waitUntil(lambda: calls == [1], timeout=2000)


def test_the_window_starts_watching_only_after_its_text_painted(qtbot, tmp_path):
    from annotator.bundled import seeds_dir
    from annotator.services.sources import add_paths
    from annotator.store.library import Library
    from annotator.ui.main_window import MainWindow

    library = Library.open(tmp_path / "p.annotator")
    add_paths(library, [seeds_dir()])
    window = MainWindow(library)
    qtbot.addWidget(window)
    at_first_paint: list[bool] = []

    class Spy(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint and not at_first_paint:
                at_first_paint.append(window.sources.started)
            return False

    spy = Spy()
    window.parts.view.viewport().installEventFilter(spy)
    window.show()
    qtbot.waitUntil(lambda: window.sources.started)
    assert at_first_paint == [False]  # the text painted before the start-up scan began
    window.close()
    library.close()
