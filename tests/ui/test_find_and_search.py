"""Find marks every match in the text; corpus search lists every hit in context, each a jump."""

from __future__ import annotations

import re

import test_main_window as main_window_tests
from PySide6.QtCore import Qt
from test_main_window import CTRL, SHIFT

from annotator.core.kwic import in_context
from annotator.ui.search_panel import SPAN_ROLE

project = main_window_tests.project
open_window = main_window_tests.open_window
window = main_window_tests.window


def common_word(text: str) -> str:
    return max(set(re.findall(r"[a-z]{6,}", text)), key=lambda w: (text.lower().count(w), w))


def test_find_marks_every_match_and_closing_takes_the_marks_away(qtbot, window):
    view = window.parts.view
    text = view.text()
    word = common_word(text)
    expected = [m.span() for m in re.finditer(re.escape(word), text, re.IGNORECASE)]
    assert len(expected) >= 3
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.parts.find_bar.field, word)
    qtbot.waitUntil(lambda: view.find_marks() == expected, timeout=2000)
    # The marks are painted: the pixels under a match other than the selected one change.
    view.select_span(*expected[1])
    before = view.viewport().grab().toImage()
    qtbot.keyClick(window.parts.find_bar.field, Qt.Key.Key_Escape)
    assert view.find_marks() == []
    view.select_span(*expected[1])
    after = view.viewport().grab().toImage()
    assert before != after


def test_corpus_search_lists_every_hit_in_context_and_each_is_a_jump(qtbot, window):
    library = window.library
    texts = {d.id: library.documents.text(d.id) for d in library.documents.list()}
    word = "russia"
    per_document = {doc: len(in_context(text, word, limit=10_000)) for doc, text in texts.items()}
    assert sum(1 for n in per_document.values() if n > 1) >= 2  # several hits, several documents
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL | SHIFT)
    panel = window.parts.search_panel
    qtbot.keyClicks(panel.field, word)
    panel.search()
    assert panel.hit_count() == sum(per_document.values())
    assert f"{sum(per_document.values()):,} hits in" in panel.summary.text()
    # The third hit of the second listed document: a click selects exactly its words.
    rows = [panel.results.item(i) for i in range(panel.results.count())]
    heads = [i for i, item in enumerate(rows) if item.data(SPAN_ROLE) is None]
    second = heads[1]
    item = rows[second + 3]
    document = item.data(Qt.ItemDataRole.UserRole)
    start, end = item.data(SPAN_ROLE)
    panel.results.scrollToItem(item)
    rect = panel.results.visualItemRect(item)
    qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_document() == document
    assert window.parts.view.selected_span() == (start, end)
    assert texts[document][start:end].lower().startswith(word)
    # Its line shows the words around it.
    assert texts[document][start:end] in item.text()


def test_in_context_matches_as_the_index_does():
    text = "Power of Siberia; the power-line. Empowered? No. POWERFUL words on powers."
    hits = in_context(text, "power", width=12)
    assert [h.keyword for h in hits] == ["Power", "power", "POWERFUL", "powers"]
    assert all(text[h.start : h.end] == h.keyword for h in hits)
    assert hits[1].left.endswith("the ") and hits[1].right.startswith("-line")
    phrase = in_context(text, "power of siberia")
    assert phrase[0].keyword == "Power of Siberia"
    assert in_context(text, "  ") == []
