"""The main window end to end: real widgets over a real project, driven by keys and clicks."""

from __future__ import annotations

import re
import shutil

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QDropEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.bundled import seeds_dir
from annotator.core.models import Changes, ExcerptFilter, Match
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui import tag_panel as tag_panel_module
from annotator.ui.excerpts_model import QUOTE
from annotator.ui.main_window import MainWindow
from annotator.ui.tag_model import tag_mime

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
EMOJI_TEXT = (
    "Field notes 🙂👍🏽 from the 🇺🇦 border 🧑‍🤝‍🧑 crossing.\n\n"
    "Officials said the convoy waited nine hours before the gate opened.\n"
)


@pytest.fixture
def project(tmp_path):
    """A project file over a copy of the seed texts, with three tags."""
    texts = tmp_path / "texts"
    shutil.copytree(seeds_dir(), texts)
    (texts / "zz_emoji.txt").write_text(EMOJI_TEXT, encoding="utf-8")
    path = tmp_path / "project.annotator"
    library = Library.open(path)
    add_paths(library, [texts])
    for name, color in (("Energy", "#f6c343"), ("Security", "#7ec8e3"), ("Economy", "#9bd17c")):
        library.tags.create(name, color=color)
    library.close()
    return path


@pytest.fixture
def open_window(qtbot):
    """``open_window(path)``: a shown MainWindow over the project at ``path``."""
    made: list[tuple[MainWindow, Library]] = []

    def make(path) -> MainWindow:
        library = Library.open(path)
        window = MainWindow(library)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append((window, library))
        return window

    yield make
    for window, library in made:
        if window.isVisible():
            window.close()
        library.close()


@pytest.fixture
def window(project, open_window):
    return open_window(project)


def qt_pos(text: str, cp: int) -> int:
    """Qt's (UTF-16) position of code point ``cp``, computed without the app's offset code."""
    return len(text[:cp].encode("utf-16-le")) // 2


def select_with_keys(window: MainWindow, start: int, length: int) -> None:
    """Put the caret at ``start``, then hold Shift and press Right ``length`` times, release."""
    view = window.parts.view
    view.setFocus()
    cursor = QTextCursor(view.document())
    cursor.setPosition(qt_pos(view.text(), start))
    view.setTextCursor(cursor)
    for _ in range(length):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(view, QKeyEvent(kind, Qt.Key.Key_Right, SHIFT))
    QApplication.sendEvent(
        view, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
    )


def words_at(text: str, first: int, count: int) -> tuple[int, int]:
    """The span of ``count`` whole words starting with the ``first``-th word of ``text``."""
    words = list(re.finditer(r"[A-Za-z]+", text))
    return words[first].start(), words[first + count - 1].end()


def tag_id(window: MainWindow, name: str) -> int:
    return window.library.tags.require(name).id


def test_digit_key_tags_a_keyboard_selection(qtbot, window):
    text = window.parts.view.text()
    start, end = words_at(text, 30, 3)
    select_with_keys(window, start, end - start)
    assert window.parts.view.selected_span() == (start, end)
    qtbot.keyClick(window.parts.view, Qt.Key.Key_2)
    (annotation,) = window.library.annotations.for_document(window.current_document())
    assert (annotation.start, annotation.end) == (start, end)
    assert annotation.exact == text[start:end]
    assert annotation.tag_ids == (window.parts.tag_panel.first_nine()[1],)
    shown = {h.annotation_id: h for h in window.parts.view.highlights()}
    assert (shown[annotation.id].start, shown[annotation.id].end) == (start, end)
    assert window.parts.inspector.annotation_id() == annotation.id


def test_tagging_the_same_selection_again_adds_a_second_tag(qtbot, window):
    start, end = words_at(window.parts.view.text(), 12, 2)
    select_with_keys(window, start, end - start)
    qtbot.keyClick(window.parts.view, Qt.Key.Key_1)
    qtbot.keyClick(window.parts.view, Qt.Key.Key_3)
    (annotation,) = window.library.annotations.for_document(window.current_document())
    first_nine = window.parts.tag_panel.first_nine()
    assert annotation.tag_ids == (first_nine[0], first_nine[2])


def test_quick_tag_box_creates_a_new_tag_for_the_selection(qtbot, window):
    start, end = words_at(window.parts.view.text(), 50, 4)
    select_with_keys(window, start, end - start)
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    assert window.parts.quick_tag.hasFocus()
    qtbot.keyClicks(window.parts.quick_tag, "Brand new theme")
    qtbot.keyClick(window.parts.quick_tag, Qt.Key.Key_Return)
    tag = window.library.tags.find("Brand new theme")
    assert tag is not None
    (annotation,) = window.library.annotations.for_document(window.current_document())
    assert (annotation.start, annotation.end, annotation.tag_ids) == (start, end, (tag.id,))
    assert window.parts.view.hasFocus()


def test_overlapping_highlights_and_tagging_the_clicked_one(qtbot, window, char_point):
    text = window.parts.view.text()
    a_start, a_end = words_at(text, 40, 6)
    b_start, b_end = words_at(text, 43, 6)
    select_with_keys(window, a_start, a_end - a_start)
    qtbot.keyClick(window.parts.view, Qt.Key.Key_1)
    select_with_keys(window, b_start, b_end - b_start)
    qtbot.keyClick(window.parts.view, Qt.Key.Key_2)
    annotations = window.library.annotations.for_document(window.current_document())
    assert sorted((a.start, a.end) for a in annotations) == [(a_start, a_end), (b_start, b_end)]

    overlap = (b_start + a_end) // 2
    qtbot.mouseClick(
        window.parts.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=char_point(window.parts.view, overlap),
    )
    assert window.parts.inspector.candidates.count() == 2
    current = window.current_annotation()
    assert current in {a.id for a in annotations}
    qtbot.keyClick(window.parts.view, Qt.Key.Key_3)
    assert tag_id(window, "Economy") in window.library.annotations.get(current).tag_ids


def test_note_edit_and_undo_redo_with_keys(qtbot, window):
    start, end = words_at(window.parts.view.text(), 20, 2)
    select_with_keys(window, start, end - start)
    qtbot.keyClick(window.parts.view, Qt.Key.Key_1)
    (annotation,) = window.library.annotations.for_document(window.current_document())
    note = window.parts.inspector.note
    note.setFocus()
    qtbot.keyClicks(note, "Worth quoting")
    note.flush()
    assert window.library.annotations.get(annotation.id).note == "Worth quoting"

    window.parts.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.library.annotations.get(annotation.id).note == ""
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.library.annotations.get(annotation.id).note == "Worth quoting"

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # the highlight itself goes
    assert window.library.annotations.for_document(window.current_document()) == []
    assert window.parts.view.highlights() == []
    qtbot.keyClick(window, Qt.Key.Key_Y, CTRL)
    (again,) = window.library.annotations.for_document(window.current_document())
    assert (again.id, again.start, again.end) == (annotation.id, start, end)
    assert [h.annotation_id for h in window.parts.view.highlights()] == [annotation.id]


def test_del_key_deletes_the_clicked_highlight(qtbot, window, char_point):
    start, end = words_at(window.parts.view.text(), 25, 3)
    select_with_keys(window, start, end - start)
    qtbot.keyClick(window.parts.view, Qt.Key.Key_1)
    qtbot.mouseClick(
        window.parts.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=char_point(window.parts.view, start + 1),
    )
    qtbot.keyClick(window.parts.view, Qt.Key.Key_Delete)
    assert window.library.annotations.for_document(window.current_document()) == []
    assert window.parts.view.highlights() == []


def test_merge_and_delete_tags_through_the_panel(qtbot, window, monkeypatch):
    energy, security = tag_id(window, "Energy"), tag_id(window, "Security")
    start, end = words_at(window.parts.view.text(), 60, 3)
    select_with_keys(window, start, end - start)
    qtbot.keyClick(window.parts.view, Qt.Key.Key_1)
    (annotation,) = window.library.annotations.for_document(window.current_document())

    class ChooseSecurity:
        def __init__(self, *args, **kwargs):
            pass

        def exec(self):
            return True

        def chosen(self):
            return security

    monkeypatch.setattr(tag_panel_module, "MergeDialog", ChooseSecurity)
    window.parts.tag_panel.merge_tag(energy)
    assert window.library.tags.find("Energy") is None
    assert window.library.annotations.get(annotation.id).tag_ids == (security,)
    (highlight,) = window.parts.view.highlights()
    assert highlight.tag_ids == (security,)
    assert highlight.colors == (window.library.tags.get(security).color,)

    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    window.parts.tag_panel.delete_tag(security)
    assert window.library.tags.find("Security") is None
    assert window.library.annotations.get(annotation.id).tag_ids == ()
    assert window.parts.view.highlights()[0].tag_ids == ()

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.library.annotations.get(annotation.id).tag_ids == (energy,)
    assert window.parts.view.highlights()[0].tag_ids == (energy,)


def test_excerpts_follow_the_tag_filter_any_and_all(window):
    library = window.library
    energy, security = tag_id(window, "Energy"), tag_id(window, "Security")
    documents = [d.id for d in library.documents.list()]
    made = [
        library.annotations.create(documents[0], 0, 10, tag_ids=[energy]).value,
        library.annotations.create(documents[1], 5, 30, tag_ids=[security]).value,
        library.annotations.create(documents[2], 5, 30, tag_ids=[energy, security]).value,
        library.annotations.create(documents[2], 40, 60).value,
    ]
    window.controller.notify(Changes(annotations={a.id for a in made}))
    assert window.parts.excerpts.model.rowCount() == len(made)
    window.parts.tag_panel.set_checked([energy, security])
    window.parts.tag_panel.set_match_mode("any")
    expected_any = library.annotations.count(ExcerptFilter((energy, security), Match.ANY))
    assert window.parts.excerpts.model.rowCount() == expected_any == 3
    window.parts.tag_panel.set_match_mode("all")
    expected_all = library.annotations.count(ExcerptFilter((energy, security), Match.ALL))
    assert window.parts.excerpts.model.rowCount() == expected_all == 1
    assert window.current_filter() == ExcerptFilter((energy, security), Match.ALL)


def test_double_click_on_an_excerpt_jumps_to_its_passage(qtbot, window):
    library = window.library
    other = library.documents.list()[3]
    text = library.documents.text(other.id)
    start, end = words_at(text, 200, 5)
    target = library.annotations.create(
        other.id, start, end, tag_ids=[tag_id(window, "Energy")]
    ).value
    window.controller.notify(Changes(annotations={target.id}))
    assert window.current_document() != other.id
    window.parts.right_tabs.setCurrentWidget(window.parts.excerpts)
    table = window.parts.excerpts.table
    row = window.parts.excerpts.model.row_of(target.id)
    rect = table.visualRect(window.parts.excerpts.model.index(row, QUOTE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_document() == other.id
    assert window.parts.view.selected_span() == (start, end)
    assert window.parts.inspector.annotation_id() == target.id


def test_reopening_restores_document_annotations_and_scroll(qtbot, project, open_window):
    first = open_window(project)
    document = first.library.documents.list()[2]
    first.open_document(document.id)
    text = first.parts.view.text()
    start, end = words_at(text, 10, 2)
    select_with_keys(first, start, end - start)
    qtbot.keyClick(first.parts.view, Qt.Key.Key_1)
    qtbot.keyClick(first.parts.view, Qt.Key.Key_Equal, CTRL)
    zoom = first.parts.view.font_size()
    middle = len(text) * 2 // 3
    first.parts.view.select_span(middle, middle)
    qtbot.wait(10)
    before = first.parts.view.scroll_state()
    assert before.top > 0
    annotations = first.library.annotations.for_document(document.id)
    first.close()
    first.library.close()

    second = open_window(project)
    qtbot.waitUntil(lambda: second.parts.view.scroll_state().top == before.top, timeout=2000)
    assert second.current_document() == document.id
    assert second.parts.view.font_size() == zoom
    assert second.library.annotations.for_document(document.id) == annotations
    assert [h.annotation_id for h in second.parts.view.highlights()] == [a.id for a in annotations]


def test_emoji_before_the_selection_keeps_exact_offsets(qtbot, window):
    document = next(d for d in window.library.documents.list() if d.path.endswith("zz_emoji.txt"))
    window.open_document(document.id)
    text = window.parts.view.text()
    assert text == EMOJI_TEXT
    start = text.index("convoy waited")
    select_with_keys(window, start, len("convoy waited"))
    qtbot.keyClick(window.parts.view, Qt.Key.Key_1)
    (annotation,) = window.library.annotations.for_document(document.id)
    assert (annotation.start, annotation.end) == (start, start + len("convoy waited"))
    assert annotation.exact == "convoy waited"
    start = text.index("border")
    select_with_keys(window, start, len("border"))
    qtbot.keyClick(window.parts.view, Qt.Key.Key_2)
    second = window.library.annotations.for_document(document.id)[0]
    assert second.exact == "border" and second.start == start


def test_find_bar_counts_and_steps_through_matches(qtbot, window):
    text = window.parts.view.text()
    word = max(set(re.findall(r"[a-z]{6,}", text)), key=lambda w: (text.lower().count(w), w))
    expected = [m.span() for m in re.finditer(re.escape(word), text, re.IGNORECASE)]
    assert len(expected) >= 2
    window.parts.view.select_span(0, 0)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.parts.find_bar.isVisible() and window.parts.find_bar.field.hasFocus()
    qtbot.keyClicks(window.parts.find_bar.field, word)
    qtbot.waitUntil(lambda: window.parts.find_bar.matches() == expected, timeout=2000)
    assert window.parts.view.selected_span() == expected[0]
    assert window.parts.find_bar.count_label.text() == f"1 of {len(expected)}"
    qtbot.keyClick(window.parts.find_bar.field, Qt.Key.Key_Return)
    assert window.parts.view.selected_span() == expected[1]
    qtbot.keyClick(window.parts.find_bar.field, Qt.Key.Key_Return, SHIFT)
    assert window.parts.view.selected_span() == expected[0]
    qtbot.keyClick(window.parts.find_bar.field, Qt.Key.Key_Escape)
    assert not window.parts.find_bar.isVisible()


def test_corpus_search_opens_the_document_at_the_match(qtbot, window):
    library = window.library
    texts = {d.id: library.documents.text(d.id) for d in library.documents.list()}
    current = window.current_document()
    # A word found in another document but not in the open one.
    target, word = next(
        (doc, w)
        for doc, text in texts.items()
        if doc != current
        for w in sorted(set(re.findall(r"[A-Za-z]{8,}", text)))
        if w.lower() not in texts[current].lower()
    )
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL | SHIFT)
    panel = window.parts.search_panel
    assert panel.field.hasFocus()
    qtbot.keyClicks(panel.field, word)
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert panel.results.count() >= 1
    assert window.current_document() in {
        doc for doc, text in texts.items() if word.lower() in text.lower()
    }
    selected = window.parts.view.text()[slice(*window.parts.view.selected_span())]
    assert selected.lower().startswith(word.lower())
    assert target in {
        panel.results.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.results.count())
    }


def test_errors_show_in_the_status_bar_and_a_non_modal_box(window):
    window.controller.error.emit("The project file could not be written: disk full")
    assert "disk full" in window.statusBar().currentMessage()
    box = window._error_box
    assert box is not None and box.isVisible() and not box.isModal()
    box.close()


def test_export_goes_to_the_connected_dialog(qtbot, window):
    with qtbot.waitSignal(window.export_requested):
        qtbot.keyClick(window, Qt.Key.Key_E, CTRL)


def test_view_menu_dims_highlights_outside_the_tag_filter(window):
    library = window.library
    energy = tag_id(window, "Energy")
    child = library.tags.create("Coal", parent_id=energy).value.id
    window.controller.notify(Changes(tag_tree=True))
    window.parts.tag_panel.set_checked([energy])
    assert window.parts.view.tag_filter()[0] is None  # off until asked for
    window.actions_.filter_highlights.setChecked(True)
    assert window.parts.view.tag_filter() == (frozenset({energy, child}), "dim")
    window.actions_.hide_mode.trigger()
    assert window.parts.view.tag_filter() == (frozenset({energy, child}), "hide")
    window.parts.tag_panel.set_checked([])
    assert window.parts.view.tag_filter()[0] is None


def test_corrupt_project_is_refused_and_left_untouched(tmp_path, monkeypatch):
    from annotator.ui import app as app_module

    path = tmp_path / "broken.annotator"
    content = b"this is not a database at all" * 100
    path.write_bytes(content)
    shown = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append(f"{box.text()} {box.informativeText()}")
    )
    assert app_module.run(str(path)) == 1
    (message,) = shown
    assert "cannot be opened" in message and "not an Annotator project" in message
    assert path.read_bytes() == content


def test_help_lists_every_shortcut_of_the_window(qtbot, window):
    from annotator.ui.help import SHORTCUTS, HelpDialog

    listed = {key for keys, _text in SHORTCUTS for key in keys.split(", ")}
    bound = {
        shortcut.toString()
        for action in window.findChildren(QAction)
        for shortcut in action.shortcuts()
        if not shortcut.isEmpty()
    }
    assert bound and bound <= listed
    qtbot.keyClick(window, Qt.Key.Key_F1)
    # Earlier tests may leave closed (hidden) help dialogs among the top-level widgets.
    shown = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, HelpDialog) and w.isVisible()
    ]
    assert shown
    shown[0].close()


def test_settings_are_kept_in_the_data_folder(window, _private_data_dir):
    window.close()
    files = list(_private_data_dir.rglob("*.ini"))
    assert files and "last_document" in files[0].read_text()


def test_a_changed_text_on_disk_reloads_with_the_highlights_moved(qtbot, window):
    from annotator.core.textload import decode_bytes
    from annotator.services.reload import reload_document

    document_id = window.current_document()
    text = window.parts.view.text()
    start, end = words_at(text, 30, 3)
    select_with_keys(window, start, end - start)
    qtbot.keyClick(window.parts.view, Qt.Key.Key_1)
    (annotation,) = window.library.annotations.for_document(document_id)
    inserted = "A new opening paragraph, written after the first reading.\n\n"
    new_text = inserted + text
    result = reload_document(window.library, document_id, decode_bytes(new_text.encode()))
    window.controller.notify(result.changes)
    assert window.parts.view.text() == new_text
    (moved,) = window.library.annotations.for_document(document_id)
    assert (moved.start, moved.end) == (start + len(inserted), end + len(inserted))
    (highlight,) = window.parts.view.highlights()
    assert (highlight.start, highlight.end) == (moved.start, moved.end)


def test_deleting_the_open_document_empties_the_view(window):
    document_id = window.current_document()
    window.library.annotations.create(document_id, 0, 10)
    window.controller.notify(window.library.documents.delete(document_id).changes)
    assert window.current_document() is None
    assert window.parts.view.text() == ""
    assert all(
        window.library.annotations.get(window.parts.excerpts.model.annotation_id(r)).document_id
        != document_id
        for r in range(window.parts.excerpts.model.rowCount())
    )


def test_an_orphan_is_attached_to_the_selected_passage(qtbot, window):
    from annotator.core.anchoring import describe
    from annotator.core.models import AnchorStatus

    document_id = window.current_document()
    text = window.parts.view.text()
    selectors = describe("a passage that the text no longer holds", 0, 39)
    orphan = window.library.annotations.insert_raw(
        document_id, selectors, status=AnchorStatus.ORPHAN, tag_ids=[tag_id(window, "Energy")]
    ).value
    window.controller.notify(Changes(annotations={orphan.id}, documents={document_id}))
    assert orphan.id not in {h.annotation_id for h in window.parts.view.highlights()}
    start, end = words_at(text, 70, 4)
    select_with_keys(window, start, end - start)
    start, end = window.parts.view.selected_span()  # whole words, as the view snapped them
    window.parts.review.reattach_requested.emit(orphan.id)
    placed = window.library.annotations.get(orphan.id)
    assert (placed.start, placed.end, placed.status) == (start, end, AnchorStatus.EXACT)
    assert orphan.id in {h.annotation_id for h in window.parts.view.highlights()}


def test_recolouring_a_tag_repaints_its_highlights(qtbot, window):
    from annotator.services.commands import recolor_tag

    start, end = words_at(window.parts.view.text(), 15, 2)
    select_with_keys(window, start, end - start)
    qtbot.keyClick(window.parts.view, Qt.Key.Key_1)
    first = window.parts.tag_panel.first_nine()[0]
    window.controller.push(recolor_tag(window.library, first, "#123456"))
    (highlight,) = window.parts.view.highlights()
    assert highlight.colors == ("#123456",)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    (highlight,) = window.parts.view.highlights()
    assert highlight.colors == (window.library.tags.get(first).color,) != ("#123456",)


def test_dropping_a_file_adds_it_as_a_source(qtbot, window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl

    extra = tmp_path / "dropped article.txt"
    extra.write_text("Dropped Article\n\nA short text about grain corridors.\n", encoding="utf-8")
    before = len(window.library.documents.list())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(extra))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.sources.sources_added):  # added on the worker thread
        window.dropEvent(event)
    documents = window.library.documents.list()
    assert len(documents) == before + 1
    assert "Added 1 document" in window.statusBar().currentMessage()
    window.parts.excerpts.refresh(Changes(documents={documents[-1].id}))
    titles = [
        window.parts.excerpts.document_box.itemText(i)
        for i in range(window.parts.excerpts.document_box.count())
    ]
    assert "Dropped Article" in titles


def test_escape_leaves_the_quick_tag_box_with_the_selection_kept(qtbot, window):
    start, end = words_at(window.parts.view.text(), 8, 2)
    select_with_keys(window, start, end - start)
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    qtbot.keyClicks(window.parts.quick_tag, "half typed")
    qtbot.keyClick(window.parts.quick_tag, Qt.Key.Key_Escape)
    assert window.parts.view.hasFocus() and window.parts.quick_tag.text() == ""
    assert window.parts.view.selected_span() == (start, end)
    assert window.library.annotations.for_document(window.current_document()) == []


def test_clicking_a_highlight_selects_its_excerpt(qtbot, window, char_point):
    start, end = words_at(window.parts.view.text(), 33, 3)
    select_with_keys(window, start, end - start)
    qtbot.keyClick(window.parts.view, Qt.Key.Key_2)
    (annotation,) = window.library.annotations.for_document(window.current_document())
    window.parts.view.select_span(0, 0)
    window.parts.excerpts.table.clearSelection()
    qtbot.mouseClick(
        window.parts.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=char_point(window.parts.view, start + 2),
    )
    assert window.parts.excerpts.current_annotation() == annotation.id
    assert window.parts.inspector.annotation_id() == annotation.id


def test_every_toolbar_action_has_an_icon(window):
    actions = [a for a in window.parts.toolbar.actions() if not a.isSeparator() and a.text()]
    assert len(actions) >= 8
    assert all(not action.icon().isNull() for action in actions), [
        action.text() for action in actions if action.icon().isNull()
    ]


def test_ctrl_e_opens_the_export_dialog_on_what_the_excerpts_list_shows(qtbot, window):
    from annotator.ui.export_dialog import ExportDialog

    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.selection == window.current_filter()
    dialog.reject()


def drop_tag_at_caret(window, tag_id: int) -> QDropEvent:
    """Drop a tag dragged from the tag tree where the caret is; returns the handled event."""
    rect = window.parts.view.cursorRect(window.parts.view.textCursor())
    mime = tag_mime(tag_id)  # the event does not own it: keep it alive while it is handled
    event = QDropEvent(
        rect.center().toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.parts.view.dropEvent(event)
    return event


def test_dropping_a_tag_on_a_selection_tags_it(window):
    library = window.library
    doc = window.current_document()
    text = window.parts.view.text()
    start = text.index("Putin")
    tag = library.tags.require("Security")
    window.parts.view.select_span(start, start + len("Putin"))
    assert drop_tag_at_caret(window, tag.id).isAccepted()
    [annotation] = library.annotations.for_document(doc)
    assert (annotation.start, annotation.end, annotation.tag_ids) == (
        start,
        start + len("Putin"),
        (tag.id,),
    )


def test_dropping_a_tag_on_a_highlight_adds_it_there(window):
    library = window.library
    doc = window.current_document()
    text = window.parts.view.text()
    start = text.index("Putin")
    energy, security = library.tags.require("Energy"), library.tags.require("Security")
    window.parts.view.select_span(start, start + len("Putin"))
    window.apply_tag(energy.id)
    window.parts.view.select_span(start + 2, start + 2)  # a click inside it: no selection
    assert window.parts.view.selected_span() is None
    drop_tag_at_caret(window, security.id)
    [annotation] = library.annotations.for_document(doc)
    assert set(annotation.tag_ids) == {energy.id, security.id}


def test_a_highlight_can_be_widened_to_a_new_selection_and_back_with_undo(qtbot, window):
    library = window.library
    doc = window.current_document()
    text = window.parts.view.text()
    start = text.index("Putin")
    window.parts.view.select_span(start, start + len("Putin"))
    annotation_id = window.apply_tag(library.tags.require("Energy").id)
    wider_end = text.index(" ", start + len("Putin") + 1)
    window.parts.view.select_span(start, wider_end)  # "Putin xxx": one more word
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL | SHIFT)
    widened = library.annotations.get(annotation_id)
    assert (widened.start, widened.end) == (start, wider_end)
    assert widened.exact == text[start:wider_end]
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert library.annotations.get(annotation_id).end == start + len("Putin")
    assert [a.id for a in library.annotations.for_document(doc)] == [annotation_id]


def test_the_application_has_its_own_icon(qtbot):
    from annotator.ui.app import application

    app = application()
    assert not app.windowIcon().isNull()
    assert not app.windowIcon().pixmap(32, 32).isNull()


def test_file_menu_opens_the_project_settings(window, qtbot):
    from annotator.ui.project_settings import ProjectSettingsDialog

    file_menu = window.menuBar().actions()[0].menu()
    entry = next(a for a in file_menu.actions() if a.text() == "Project &settings…")
    entry.trigger()
    dialog = window.findChild(ProjectSettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.fields["author"].setText("Asia desk")
    dialog.apply()
    assert window.library.project.author == "Asia desk"
    window.controller.undo_stack.undo()
    assert window.library.project.author == ""
