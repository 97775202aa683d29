"""Journeys a demanding reader takes through the real window, each once broken by a real run."""

from __future__ import annotations

import re
import sqlite3

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.core.models import ExcerptFilter, Match
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui.controller import ProjectController
from annotator.ui.export_dialog import ExportDialog
from annotator.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ARTICLE = (
    "Pipelines and Power\n\n"
    "When the delegation landed in the capital the hosts were already waiting on the tarmac. "
    "Both sides spoke of friendship without limits while the gas talks stalled again.\n\n"
    "Analysts doubt that the new pipeline will be finished before the end of the decade, "
    "and the price remains the sticking point between the two governments.\n"
)


@pytest.fixture
def article():
    return ARTICLE


@pytest.fixture
def project(tmp_path, article):
    """A project over one generated article, with three tags."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "article.txt").write_text(article, encoding="utf-8")
    path = tmp_path / "study.annotator"
    library = Library.open(path)
    add_paths(library, [texts])
    for name, color in (("Energy", "#f6c343"), ("Security", "#7ec8e3"), ("Trust", "#9bd17c")):
        library.tags.create(name, color=color)
    library.close()
    return path


@pytest.fixture
def window(qtbot, project):
    # A short busy timeout: a locked file fails at once instead of after three seconds.
    library = Library.open(project, busy_timeout_ms=50)
    win = MainWindow(library)
    qtbot.addWidget(win)
    # A desktop-sized window: a small one folds the side panels away (test_look_and_fit).
    win.resize(1360, 860)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.isVisible():
        win.close()
    library.close()


def words(text: str, first: int, count: int) -> tuple[int, int]:
    """The span of ``count`` whole words from the ``first``-th word of ``text``."""
    found = list(re.finditer(r"[A-Za-z]+", text))
    return found[first].start(), found[first + count - 1].end()


def select_with_keys(window: MainWindow, start: int, end: int) -> None:
    """Caret at ``start``, then Shift+Right up to ``end`` (the text here is plain ASCII)."""
    view = window.parts.view
    view.setFocus()
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    view.setTextCursor(cursor)
    for _ in range(end - start):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(view, QKeyEvent(kind, Qt.Key.Key_Right, SHIFT))


def highlight(qtbot, window: MainWindow, span: tuple[int, int], digit: int) -> int:
    select_with_keys(window, *span)
    qtbot.keyClick(window.parts.view, getattr(Qt.Key, f"Key_{digit}"))
    annotation_id = window.current_annotation()
    assert annotation_id is not None
    return annotation_id


class FileLock:
    """Another program holding the project file with ``BEGIN EXCLUSIVE``."""

    def __init__(self, path) -> None:
        self.connection = sqlite3.connect(path, isolation_level=None)

    def __enter__(self) -> FileLock:
        self.connection.execute("BEGIN EXCLUSIVE")
        return self

    def __exit__(self, *_exc) -> None:
        self.connection.execute("ROLLBACK")
        self.connection.close()


def test_an_undo_that_cannot_be_saved_leaves_the_undo_history_in_step(qtbot, window, project):
    text = window.parts.view.text()
    first = highlight(qtbot, window, words(text, 4, 3), 1)
    second = highlight(qtbot, window, words(text, 12, 2), 2)
    stack = window.controller.undo_stack
    errors: list[str] = []
    window.controller.error.connect(errors.append)

    with FileLock(project):
        window.actions_.undo.trigger()  # the file is locked: nothing can be undone
    assert errors and "locked" in errors[0]
    assert "locked" in window.statusBar().currentMessage()  # not "Undone: …"
    assert {a.id for a in window.library.annotations.for_document(window.current_document())} == {
        first,
        second,
    }
    assert stack.index() == stack.count()  # still "Undo Highlight passage" of the second one
    assert not stack.canRedo()

    window.actions_.undo.trigger()  # unlocked: the same undo now works, and only it
    remaining = window.library.annotations.for_document(window.current_document())
    assert [a.id for a in remaining] == [first]

    with FileLock(project):
        window.actions_.redo.trigger()
    assert [a.id for a in window.library.annotations.for_document(window.current_document())] == [
        first
    ]
    assert stack.canRedo()  # the redo is still there to try again
    window.actions_.redo.trigger()
    assert {a.id for a in window.library.annotations.for_document(window.current_document())} == {
        first,
        second,
    }


def put_caret(window: MainWindow, position: int) -> None:
    cursor = QTextCursor(window.parts.view.document())
    cursor.setPosition(position)
    window.parts.view.setTextCursor(cursor)


def test_undoing_the_shown_highlight_does_not_make_a_neighbour_current(qtbot, window):
    text = window.parts.view.text()
    kept = highlight(qtbot, window, words(text, 4, 3), 1)
    highlight(qtbot, window, words(text, 12, 2), 2)
    window.parts.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # the second highlight goes

    assert window.parts.inspector.annotation_id() != kept
    assert window.current_annotation() != kept
    qtbot.keyClick(window.parts.view, Qt.Key.Key_Delete)  # must not delete the untouched one
    assert [a.id for a in window.library.annotations.for_document(window.current_document())] == [
        kept
    ]


def test_the_excerpts_list_marks_the_highlight_the_inspector_shows(qtbot, window):
    text = window.parts.view.text()
    first = highlight(qtbot, window, words(text, 4, 3), 1)
    put_caret(window, words(text, 5, 1)[0])  # inside the first highlight
    assert window.parts.excerpts.current_annotation() == first
    second = highlight(qtbot, window, words(text, 20, 2), 2)
    assert window.parts.inspector.annotation_id() == second
    assert window.parts.excerpts.current_annotation() == second
    put_caret(window, words(text, 30, 1)[0])  # plain text: nothing shown, nothing marked
    assert window.parts.inspector.annotation_id() is None
    assert window.parts.excerpts.current_annotation() is None


def test_the_overlapping_highlight_picked_in_the_inspector_is_the_one_fitted(qtbot, window):
    text = window.parts.view.text()
    outer = highlight(qtbot, window, words(text, 4, 6), 1)
    inner = highlight(qtbot, window, words(text, 6, 2), 2)
    put_caret(window, words(text, 6, 1)[0] + 1)  # in both: the inner one comes first
    assert window.parts.inspector.candidates.count() == 2
    assert window.parts.inspector.annotation_id() == inner

    candidates = window.parts.inspector.candidates
    row = next(
        r
        for r in range(candidates.count())
        if candidates.item(r).data(Qt.ItemDataRole.UserRole) == outer
    )
    candidates.setCurrentRow(row)  # the reader picks the outer one
    assert window.parts.inspector.annotation_id() == outer
    assert window.parts.excerpts.current_annotation() == outer

    wider = words(text, 3, 9)
    select_with_keys(window, *wider)
    window.fit_to_selection()
    assert (lambda a: (a.start, a.end))(window.library.annotations.get(outer)) == wider
    assert (lambda a: (a.start, a.end))(window.library.annotations.get(inner)) == words(text, 6, 2)


def test_a_short_inspector_scrolls_instead_of_piling_widgets_up(qtbot, window):
    text = window.parts.view.text()
    highlight(qtbot, window, words(text, 4, 6), 1)
    highlight(qtbot, window, words(text, 6, 2), 2)
    put_caret(window, words(text, 6, 1)[0] + 1)  # two candidates: the list shows too
    window.parts.right.setSizes([190, 700])
    qtbot.waitUntil(lambda: window.parts.inspector.height() < 230)
    inspector = window.parts.inspector
    note, button, tag_box = inspector.note, inspector.delete_button, inspector.tag_box
    assert note.isVisible() and button.isVisible()
    assert tag_box.geometry().bottom() < note.geometry().top()
    assert note.geometry().bottom() < button.geometry().top()
    assert note.height() >= note.minimumHeight()
    scroll_bar = inspector.details_scroll.verticalScrollBar()
    assert scroll_bar.maximum() > 0  # the rest is a scroll away
    scroll_bar.setValue(scroll_bar.maximum())
    bottom = button.mapTo(inspector, button.rect().bottomLeft()).y()
    assert bottom <= inspector.height()


def corpus_search(qtbot, window: MainWindow, query: str) -> str:
    """Search the corpus with Ctrl+Shift+F, open the first hit; the text selected there."""
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL | SHIFT)
    qtbot.keyClicks(window.parts.search_panel.field, query)
    qtbot.keyClick(window.parts.search_panel.field, Qt.Key.Key_Return)
    span = window.parts.view.selected_span()
    assert span is not None
    return window.parts.view.text()[slice(*span)]


def test_a_corpus_search_for_a_phrase_selects_the_whole_phrase(qtbot, window):
    assert corpus_search(qtbot, window, "gas talks stall") == "gas talks stalled"


FILLER = " ".join(f"Sentence {n} says nothing much about anything at all." for n in range(12))


@pytest.mark.parametrize(
    "article",
    [f"Sanctions\n\nA pipeline was named once. {FILLER}\n\nThe new pipeline stays unfinished.\n"],
)
def test_opening_a_search_hit_goes_to_the_passage_its_snippet_shows(qtbot, window):
    text = window.parts.view.text()
    selected = corpus_search(qtbot, window, "pipeline unfinished")
    snippet = window.parts.search_panel.snippet(window.current_document())
    assert "[unfinished]" in snippet  # the index quoted the later passage
    assert selected == "pipeline"
    assert window.parts.view.selected_span()[0] == text.index("new pipeline") + len("new ")


def test_an_inspector_with_room_shows_everything_without_scrolling(qtbot, window):
    highlight(qtbot, window, words(window.parts.view.text(), 4, 3), 1)
    window.resize(1360, 1000)
    qtbot.waitUntil(lambda: window.parts.right.height() > 800)
    window.parts.right.setSizes([340, window.parts.right.height() - 340])
    qtbot.waitUntil(lambda: window.parts.inspector.height() >= 320)
    inspector = window.parts.inspector
    assert inspector.details_scroll.verticalScrollBar().maximum() == 0
    button = inspector.delete_button
    assert button.mapTo(inspector, button.rect().bottomLeft()).y() <= inspector.height()
    assert inspector.note.height() > inspector.note.minimumHeight()  # the note takes the rest


def test_several_refused_files_are_all_reported_in_the_status_bar(qtbot, window, project):
    qtbot.waitUntil(lambda: window.parts.watch_label.text().startswith("Watching"), timeout=10000)
    texts = project.parent / "texts"
    for name in ("scan-one.txt", "scan-two.txt"):
        (texts / name).write_bytes(bytes(range(256)) * 40)  # binary: refused
    qtbot.waitUntil(
        lambda: all(n in window.statusBar().currentMessage() for n in ("scan-one", "scan-two")),
        timeout=10000,
    )
    assert len(window.library.documents.list()) == 1  # neither was added


def test_an_empty_excerpts_list_says_why(qtbot, window):
    empty = window.parts.excerpts.empty_label
    assert empty.isVisible() and "No highlights yet" in empty.text()
    text = window.parts.view.text()
    highlight(qtbot, window, words(text, 4, 3), 1)
    highlight(qtbot, window, words(text, 12, 2), 2)
    assert not empty.isVisible()

    first_two = window.parts.tag_panel.first_nine()[:2]
    window.parts.excerpts.set_tag_filter(first_two, "all")  # no highlight carries both
    assert window.parts.excerpts.model.rowCount() == 0
    assert empty.isVisible()
    assert "No excerpt matches" in empty.text() and "Any tag" in empty.text()
    assert empty.geometry() == window.parts.excerpts.table.viewport().rect()
    match_box = window.parts.excerpts.match_box
    match_box.setCurrentIndex(match_box.findData(Match.ANY))
    assert window.parts.excerpts.model.rowCount() == 2 and not empty.isVisible()


def test_a_reattached_orphan_shows_in_the_inspector(qtbot, window, project):
    text = window.parts.view.text()
    orphan = highlight(qtbot, window, words(text, 12, 3), 1)  # "the hosts were"
    window.parts.view.setFocus()
    qtbot.mouseClick(window.parts.view.viewport(), Qt.MouseButton.LeftButton)  # caret elsewhere
    source = project.parent / "texts" / "article.txt"
    source.write_text(ARTICLE.replace("the hosts were already waiting on the tarmac", "x"))
    job = window.sources.rescan()
    qtbot.waitUntil(lambda: job.done)  # the scan runs on the worker thread
    assert window.library.annotations.get(orphan).is_orphan

    new_text = window.parts.view.text()
    target = words(new_text, 30, 4)
    select_with_keys(window, *target)
    window.parts.review.items.setCurrentRow(0)
    window.parts.review.reattach_button.click()
    annotation = window.library.annotations.get(orphan)
    assert (annotation.start, annotation.end) == target and not annotation.is_orphan
    assert window.parts.inspector.annotation_id() == orphan
    assert window.current_annotation() == orphan


def test_the_briefing_title_typed_last_comes_back_for_this_project_only(qtbot, tmp_path, window):
    highlight(qtbot, window, words(window.parts.view.text(), 4, 3), 1)
    dialog = ExportDialog(window.controller, ExcerptFilter())
    qtbot.addWidget(dialog)
    default_title = dialog.title.text()
    dialog.title.setText("Pipelines: a briefing for the minister")
    dialog.subtitle.setText("Draft for Monday")
    assert dialog.export_to(tmp_path / "brief.docx")

    again = ExportDialog(window.controller, ExcerptFilter())
    qtbot.addWidget(again)
    assert again.title.text() == "Pipelines: a briefing for the minister"
    assert again.subtitle.text() == "Draft for Monday"

    with Library.open(tmp_path / "other.annotator") as other:
        elsewhere = ExportDialog(ProjectController(other), ExcerptFilter())
        qtbot.addWidget(elsewhere)
        assert elsewhere.title.text() != again.title.text()
        assert elsewhere.subtitle.text() == ""
    assert default_title != again.title.text()


def test_a_note_typed_while_the_file_is_locked_is_saved_once_it_is_free(qtbot, window, project):
    annotation = highlight(qtbot, window, words(window.parts.view.text(), 4, 3), 1)
    note = window.parts.inspector.note
    assert note.target() == ("annotation", annotation)
    note._retry.setInterval(100)  # not ten seconds, in a test
    with FileLock(project):
        note.setFocus()
        qtbot.keyClicks(note, "Check the tonnage")
        note.flush()  # refused: the file is locked
        assert window.library.annotations.get(annotation).note == ""
    # Nobody types or clicks: the editor tries again by itself.
    qtbot.waitUntil(
        lambda: window.library.annotations.get(annotation).note == "Check the tonnage",
        timeout=3000,
    )


LONG_TITLE = (
    "China’s Complex Relations with Russia: Tracing the Limits of a “Limitless Friendship” "
    "Between Two Authoritarian Powers Across Energy, Trade, Security and the War in Ukraine"
)


def test_a_long_document_title_does_not_reshape_the_window(qtbot, tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("Short\n\nA short text.\n", encoding="utf-8")
    (texts / "b.txt").write_text(f"{LONG_TITLE}\n\nA text with a long title.\n", "utf-8")
    library = Library.open(tmp_path / "titles.annotator")
    add_paths(library, [texts])
    win = MainWindow(library)
    qtbot.addWidget(win)
    try:
        win.resize(1200, 800)
        win.show()
        qtbot.waitExposed(win)
        short, long = sorted(library.documents.list(), key=lambda d: len(d.title))
        win.open_document(short.id)
        qtbot.wait(50)
        width, sizes = win.width(), win.parts.splitter.sizes()

        win.open_document(long.id)
        qtbot.wait(50)
        assert len(long.title) > 100
        assert win.parts.document_title.text() == long.title
        assert win.width() == width
        assert win.parts.splitter.sizes() == sizes  # the panes keep their widths
        assert win.parts.document_title.width() < win.fontMetrics().horizontalAdvance(long.title)
        assert long.title in win.parts.document_title.toolTip()
    finally:
        win.close()
        library.close()


def test_undo_and_redo_say_what_they_did(qtbot, window):
    highlight(qtbot, window, words(window.parts.view.text(), 4, 3), 1)
    window.parts.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.statusBar().currentMessage() == "Undone: Highlight passage"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.statusBar().currentMessage() == "Redone: Highlight passage"


def test_escape_in_the_note_saves_it_and_returns_to_the_text(qtbot, window):
    annotation = highlight(qtbot, window, words(window.parts.view.text(), 4, 3), 1)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL | SHIFT)
    note = window.parts.inspector.note
    assert note.hasFocus()
    qtbot.keyClicks(note, "Ask the desk")
    qtbot.keyClick(note, Qt.Key.Key_Escape)
    assert window.parts.view.hasFocus()
    assert window.library.annotations.get(annotation).note == "Ask the desk"
