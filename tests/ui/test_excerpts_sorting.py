"""The excerpts table sorts by a click on a column header, and its status column is not cut."""

from __future__ import annotations

from dataclasses import replace

from helpers_panels import seeded
from PySide6.QtCore import QPoint, Qt

from annotator.core.models import AnchorStatus
from annotator.ui.excerpts_model import DOCUMENT, NOTE, QUOTE, STATUS, TAGS
from annotator.ui.excerpts_panel import ExcerptsPanel


def make_panel(qtbot, data) -> ExcerptsPanel:
    panel = ExcerptsPanel(data.library)
    qtbot.addWidget(panel)
    panel.resize(700, 400)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def click_header(qtbot, panel: ExcerptsPanel, column: int) -> None:
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def shown(panel: ExcerptsPanel, column: int) -> list[str]:
    model = panel.table.model()
    return [model.index(row, column).data() or "" for row in range(model.rowCount())]


def test_clicking_headers_sorts_by_that_column_both_ways(qtbot):
    data = seeded()
    lib = data.library
    doc = data.documents[2]
    lib.annotations.create(doc, 100, 120, note="zebra note")
    lib.annotations.create(doc, 200, 230, tag_ids=[data.tags["Method"]], note="apple note")
    panel = make_panel(qtbot, data)
    panel.model.refresh()
    reading_order = panel.model.annotation_ids()
    quotes = shown(panel, QUOTE)
    click_header(qtbot, panel, QUOTE)
    assert shown(panel, QUOTE) == sorted(quotes, key=str.casefold)
    click_header(qtbot, panel, QUOTE)
    assert shown(panel, QUOTE) == sorted(quotes, key=str.casefold, reverse=True)
    click_header(qtbot, panel, NOTE)
    notes = shown(panel, NOTE)
    assert notes[:2] == ["apple note", "zebra note"] and set(notes[2:]) == {""}
    click_header(qtbot, panel, TAGS)
    firsts = [min(t.split(", "), key=str.casefold) for t in shown(panel, TAGS) if t]
    assert firsts == sorted(firsts, key=str.casefold)  # by the first tag alphabetically
    click_header(qtbot, panel, DOCUMENT)
    assert panel.model.annotation_ids() == reading_order


def test_sorting_keeps_the_selected_excerpt(qtbot):
    data = seeded()
    panel = make_panel(qtbot, data)
    chosen = panel.model.annotation_ids()[-1]
    panel.select_annotation(chosen)
    click_header(qtbot, panel, QUOTE)
    qtbot.waitUntil(lambda: panel.current_annotation() == chosen)


def test_status_column_shows_its_longest_word(qtbot):
    data = seeded()
    lib = data.library
    first = lib.annotations.query()[0]
    lib.annotations.replace_all([replace(first, status=AnchorStatus.ORPHAN)])
    panel = make_panel(qtbot, data)
    panel.model.refresh()
    header = panel.table.horizontalHeader()
    assert not panel.table.isColumnHidden(STATUS)
    metrics = panel.table.fontMetrics()
    for word in ("Status", "Orphan", "Edited", "Moved"):
        assert header.sectionSize(STATUS) >= metrics.horizontalAdvance(word) + 24
