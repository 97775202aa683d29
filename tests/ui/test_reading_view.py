"""The reading view driven as a reader would: keys, mouse, hover, tooltips, zoom and reloads."""

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QKeyEvent, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from annotator.ui.reading_view import Highlight, ReadingView

RED, BLUE, GREEN = "#e6194b", "#4363d8", "#3cb44b"
EMOJI_TEXT = "😀🇫🇷 Emoji first, then the words that matter to the reader.\nSecond line 👍 here."
LONG_TEXT = "\n\n".join(
    f"Paragraph {i} says something about the fragile fraternity of nations and treaties."
    for i in range(400)
)


@pytest.fixture
def view(reading_view):
    return reading_view


def word_span(text, word, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def hold_shift_and_press_right(view, times):
    """Shift held down across several presses (qtbot's keyClick releases Shift every time)."""
    shift = Qt.KeyboardModifier.ShiftModifier
    for _ in range(times):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(view, QKeyEvent(kind, Qt.Key.Key_Right, shift))


def release_shift(view, modifiers=Qt.KeyboardModifier.NoModifier):
    QApplication.sendEvent(view, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, modifiers))


def move_cursor_to(view, cp):
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offset_map().to_qt(cp))
    view.setTextCursor(cursor)


# -- selection -------------------------------------------------------------------------------


def test_keyboard_selection_reports_code_points_after_emoji(view):
    view.set_text(EMOJI_TEXT)
    start = EMOJI_TEXT.index("moji")
    move_cursor_to(view, start)
    seen = []
    view.selection_changed.connect(lambda s, e: seen.append((s, e)))
    hold_shift_and_press_right(view, 4)
    assert view.selected_span() == (start, start + 4)
    assert seen[-1] == (start, start + 4)
    assert EMOJI_TEXT[slice(*view.selected_span())] == "moji"


def test_releasing_shift_snaps_a_half_selected_word(view):
    view.set_text(EMOJI_TEXT)
    start = EMOJI_TEXT.index("words") + 2
    move_cursor_to(view, start)
    hold_shift_and_press_right(view, 6)
    assert EMOJI_TEXT[slice(*view.selected_span())] == "rds th"
    release_shift(view)
    assert EMOJI_TEXT[slice(*view.selected_span())] == "words that"


def test_shift_arrow_steps_extend_word_by_word(view, qtbot):
    view.set_text(EMOJI_TEXT)
    move_cursor_to(view, EMOJI_TEXT.index("then"))
    shift = Qt.KeyboardModifier.ShiftModifier
    for _ in range(3):  # each keyClick presses and releases Shift, so each step snaps
        qtbot.keyClick(view, Qt.Key.Key_Right, shift)
    assert EMOJI_TEXT[slice(*view.selected_span())] == "then the"
    for _ in range(2):  # the space first, then the next word: never stuck at a space
        qtbot.keyClick(view, Qt.Key.Key_Right, shift)
    assert EMOJI_TEXT[slice(*view.selected_span())] == "then the words"


def test_alt_keeps_the_keyboard_selection_exact(view):
    view.set_text(EMOJI_TEXT)
    start = EMOJI_TEXT.index("words") + 2
    move_cursor_to(view, start)
    hold_shift_and_press_right(view, 3)
    release_shift(view, Qt.KeyboardModifier.AltModifier)
    assert EMOJI_TEXT[slice(*view.selected_span())] == "rds"


def drag(qtbot, view, a, b, modifier=Qt.KeyboardModifier.NoModifier):
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, modifier, a)
    qtbot.mouseMove(vp, QPoint((a.x() + b.x()) // 2, a.y()))
    qtbot.mouseMove(vp, b)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, modifier, b)


def test_mouse_drag_snaps_to_words(view, qtbot, char_point):
    view.set_text(EMOJI_TEXT)
    s, e = word_span(EMOJI_TEXT, "then the words")
    drag(qtbot, view, char_point(view, s + 2), char_point(view, e - 2))
    assert EMOJI_TEXT[slice(*view.selected_span())] == "then the words"


def test_mouse_drag_with_alt_is_not_snapped(view, qtbot, char_point):
    view.set_text(EMOJI_TEXT)
    s, e = word_span(EMOJI_TEXT, "then the words")
    drag(
        qtbot,
        view,
        char_point(view, s + 2),
        char_point(view, e - 2),
        Qt.KeyboardModifier.AltModifier,
    )
    got = EMOJI_TEXT[slice(*view.selected_span())]
    assert got != "then the words" and got in "then the words"


def test_whitespace_only_selection_is_not_snapped(view):
    text = "alpha     beta"
    view.set_text(text)
    move_cursor_to(view, 6)
    hold_shift_and_press_right(view, 2)
    release_shift(view)
    assert view.selected_span() == (6, 8)


def test_select_span_selects_and_brings_the_passage_into_view(view):
    view.set_text(LONG_TEXT)
    s, e = word_span(LONG_TEXT, "Paragraph 300 says")
    view.select_span(s, e)
    assert view.selected_span() == (s, e)
    rect = view.cursorRect()
    assert 0 <= rect.top() and rect.bottom() <= view.viewport().height()
    # Centred, not merely visible at an edge.
    assert abs(rect.center().y() - view.viewport().height() / 2) < view.viewport().height() / 4
    with pytest.raises(ValueError, match="outside the text"):
        view.select_span(5, len(LONG_TEXT) + 1)


def test_select_span_without_scroll_keeps_the_view_still(view):
    view.set_text(LONG_TEXT)
    before = view.verticalScrollBar().value()
    s, e = word_span(LONG_TEXT, "Paragraph 350")
    view.select_span(s, e, scroll=False)
    assert view.verticalScrollBar().value() == before
    assert view.selected_span() == (s, e)


# -- mouse: click, hover, tooltip ------------------------------------------------------------


def overlapping_view(view):
    text = "first highlight overlaps the second one nicely"
    a, b = word_span(text, "first highlight overlaps"), word_span(text, "overlaps the second")
    view.set_text(text, [Highlight(1, *a, (RED,), (1,)), Highlight(2, *b, (BLUE,), (2,))])
    return text


def test_click_reports_every_annotation_under_it(view, qtbot, char_point):
    text = overlapping_view(view)
    with qtbot.waitSignal(view.annotation_clicked) as blocker:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=char_point(view, text.index("laps"))
        )
    assert sorted(blocker.args[0]) == [1, 2]
    with qtbot.waitSignal(view.annotation_clicked) as blocker:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=char_point(view, text.index("nicely"))
        )
    assert blocker.args[0] == []


def test_hover_reports_the_annotations_under_the_mouse(view, qtbot, char_point):
    text = overlapping_view(view)
    seen = []
    view.annotations_hovered.connect(seen.append)
    qtbot.mouseMove(view.viewport(), char_point(view, text.index("first")))
    qtbot.mouseMove(view.viewport(), char_point(view, text.index("the second")))
    qtbot.mouseMove(view.viewport(), char_point(view, text.index("nicely")))
    assert seen == [[1], [2], []]


def test_tooltip_provider_is_asked_about_the_ids_under_the_mouse(view, char_point):
    text = overlapping_view(view)
    asked = []
    view.set_tooltip_provider(lambda ids: asked.append(ids) or "<b>tags</b>")
    vp = view.viewport()
    for word in ("over", "nicely"):
        pos = char_point(view, text.index(word))
        event = QHelpEvent(QEvent.Type.ToolTip, pos, vp.mapToGlobal(pos))
        view.viewportEvent(event)
    assert [sorted(ids) for ids in asked] == [[1, 2]]  # no call over plain text


def test_nothing_is_reported_beyond_the_end_of_a_line(view, char_point):
    text = overlapping_view(view)
    end = char_point(view, len(text) - 1)
    assert view.annotations_at_point(QPoint(end.x() + 200, end.y())) == []


# -- keys, zoom, typography ------------------------------------------------------------------


def test_zoom_keys_change_the_font_size(view, qtbot):
    start = view.font_size()
    sizes = []
    view.zoom_changed.connect(sizes.append)
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.font_size() > start + 1
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert start < view.font_size() < sizes[-2]
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.font_size() == start and sizes[-1] == start
    for _ in range(60):
        view.zoom_out()
    assert view.font_size() == 8


def test_ctrl_wheel_zooms_and_space_pages(view, qtbot):
    view.set_text(LONG_TEXT)
    start = view.font_size()
    vp = view.viewport()
    center = QPointF(vp.rect().center())
    wheel = QWheelEvent(
        center,
        vp.mapToGlobal(center),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(vp, wheel)
    assert view.font_size() > start
    bar = view.verticalScrollBar()
    QApplication.processEvents()  # the scroll range follows the new font once laid out
    page = bar.pageStep()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert bar.value() == page > 0
    qtbot.keyClick(view, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert bar.value() == 0


def test_digit_keys_reach_the_owning_window(qtbot):
    class Window(QWidget):
        def __init__(self):
            super().__init__()
            self.keys = []
            self.view = ReadingView(self)
            QVBoxLayout(self).addWidget(self.view)

        def keyPressEvent(self, event):  # noqa: N802
            self.keys.append(event.key())

    w = Window()
    qtbot.addWidget(w)
    w.show()
    w.view.set_text("some text")
    qtbot.keyClick(w.view, Qt.Key.Key_3)
    qtbot.keyClick(w.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert Qt.Key.Key_3 in w.keys
    assert Qt.Key.Key_Right not in w.keys  # navigation stays with the view
    assert w.view.selected_span() == (0, 4)


def test_lines_are_spaced_for_reading(view, qtbot):
    view.set_text("word " * 400)
    view.viewport().repaint()
    layout = view.document().firstBlock().layout()
    first, second = layout.lineAt(0), layout.lineAt(1)
    assert second.y() - first.y() >= 1.4 * first.height()
    single = ReadingView(max_line_chars=None, line_spacing=1.0)
    qtbot.addWidget(single)
    single.resize(view.size())
    single.show()
    single.set_text("word " * 400)
    single.viewport().repaint()
    layout = single.document().firstBlock().layout()
    rect = single.blockBoundingRect(single.document().firstBlock())
    assert layout.lineAt(1).y() - layout.lineAt(0).y() == pytest.approx(layout.lineAt(0).height())
    assert rect.height() == pytest.approx(layout.lineCount() * layout.lineAt(0).height())


def test_text_column_is_capped_and_nearly_centred(qtbot):
    v = ReadingView(max_line_chars=70)
    qtbot.addWidget(v)
    v.resize(1600, 600)
    v.show()
    v.set_text("word " * 2000)
    vp = v.viewport().geometry()
    assert vp.width() < 1200
    left, right = vp.left(), v.width() - vp.right()
    # A little right of centre: the margin strip's labels take the larger left margin.
    assert right > 100 and right <= left <= 2 * right + 80


# -- reloads ---------------------------------------------------------------------------------


def test_reload_keeps_scroll_position_and_selection(view):
    view.set_text(LONG_TEXT)
    s, e = word_span(LONG_TEXT, "Paragraph 250 says")
    view.select_span(s, e)
    state = view.scroll_state()
    top_before = view.firstVisibleBlock().blockNumber()
    assert top_before > 100

    view.set_text(LONG_TEXT)
    assert view.firstVisibleBlock().blockNumber() == 0
    view.restore_scroll_state(state)
    assert view.firstVisibleBlock().blockNumber() == top_before
    assert view.selected_span() == (s, e)


def test_reload_with_a_position_mapping_follows_the_text(view):
    view.set_text(LONG_TEXT)
    s, e = word_span(LONG_TEXT, "Paragraph 250 says")
    view.select_span(s, e)
    state = view.scroll_state()
    top_text = view.firstVisibleBlock().text()
    inserted = "A new opening paragraph.\n\n"
    new_text = inserted + LONG_TEXT
    view.set_text(new_text)
    view.restore_scroll_state(state, lambda pos: pos + len(inserted))
    assert new_text[slice(*view.selected_span())] == "Paragraph 250 says"
    assert view.firstVisibleBlock().text() == top_text
