"""The document list: titles and counts, marks for missing files and passages to check, rename."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_panels import copied, edit_inside, seeded
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from annotator.core.models import DocStatus
from annotator.services.sources import scan
from annotator.services.tagging import TagSpan
from annotator.ui.document_list import MARK_ROLE, PASSAGES, TITLE, WORDS, DocumentList


def make_list(qtbot, data) -> DocumentList:
    widget = DocumentList(data.controller)
    qtbot.addWidget(widget)
    widget.resize(420, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def row_of(widget: DocumentList, document_id: int) -> int:
    for row in range(widget.proxy.rowCount()):
        if widget.proxy.index(row, TITLE).data(Qt.ItemDataRole.UserRole + 1) == document_id:
            return row
    raise AssertionError(f"document {document_id} not listed")


def cell(widget: DocumentList, document_id: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return widget.proxy.index(row_of(widget, document_id), column).data(role)


def test_lists_titles_words_and_passages(qtbot):
    data = seeded()
    widget = make_list(qtbot, data)
    documents = data.library.documents.list()
    assert widget.proxy.rowCount() == len(documents)
    for doc in documents:
        assert cell(widget, doc.id, TITLE) == doc.title
        assert cell(widget, doc.id, WORDS) == f"{doc.word_count:,}"
        assert cell(widget, doc.id, PASSAGES) == str(doc.annotation_count)
    assert cell(widget, data.documents[0], PASSAGES) == "2"


def test_passage_count_follows_new_annotation(qtbot):
    data = seeded()
    widget = make_list(qtbot, data)
    target = data.documents[3]
    data.controller.push(TagSpan(data.library, target, 0, 12))
    qtbot.waitUntil(lambda: cell(widget, target, PASSAGES) == "1")
    data.controller.undo_stack.undo()
    qtbot.waitUntil(lambda: cell(widget, target, PASSAGES) == "0")


def test_missing_file_is_marked_with_a_tooltip(qtbot, tmp_path):
    data = copied(tmp_path)
    gone = data.library.documents.get(data.documents[1])
    widget = make_list(qtbot, data)
    assert "missing" not in cell(widget, gone.id, TITLE, Qt.ItemDataRole.ToolTipRole)
    assert cell(widget, gone.id, TITLE, MARK_ROLE) == ""
    (Path(data.library.sources.get(gone.source_id).path) / gone.path).unlink()
    data.controller.notify(scan(data.library).changes)
    assert data.library.documents.get(gone.id).status is DocStatus.MISSING
    qtbot.waitUntil(lambda: cell(widget, gone.id, TITLE, MARK_ROLE) == "missing")
    assert "missing from disk" in cell(widget, gone.id, TITLE, Qt.ItemDataRole.ToolTipRole)
    assert cell(widget, gone.id, TITLE, Qt.ItemDataRole.FontRole).italic()
    other = data.documents[0]
    assert cell(widget, other, TITLE, MARK_ROLE) == ""


def test_passages_needing_review_are_marked(qtbot, tmp_path):
    data = copied(tmp_path)
    widget = make_list(qtbot, data)
    document = data.documents[2]
    edit_inside(data, document, 150, 260)
    qtbot.waitUntil(
        lambda: "check and accept" in cell(widget, document, TITLE, Qt.ItemDataRole.ToolTipRole)
    )
    assert cell(widget, document, TITLE, MARK_ROLE) == "review"


def test_selection_signal_and_select_document(qtbot):
    data = seeded()
    widget = make_list(qtbot, data)
    chosen: list[int] = []
    widget.document_selected.connect(chosen.append)
    second = data.documents[1]
    rect = widget.view.visualRect(widget.proxy.index(row_of(widget, second), TITLE))
    qtbot.mouseClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen == [second]
    widget.select_document(data.documents[3])
    assert widget.current_document() == data.documents[3]
    assert chosen == [second]  # programmatic selection does not echo back


def test_rename_title_in_place_is_undoable(qtbot):
    data = seeded()
    widget = make_list(qtbot, data)
    first = data.documents[0]
    old = data.library.documents.get(first).title
    widget.select_document(first)
    widget.view.setFocus()
    qtbot.keyClick(widget.view, Qt.Key.Key_F2)
    editor = widget.view.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == old
    editor.selectAll()
    qtbot.keyClicks(editor, "My own title")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cell(widget, first, TITLE) == "My own title")
    assert widget.current_document() == first
    data.controller.undo_stack.undo()
    qtbot.waitUntil(lambda: cell(widget, first, TITLE) == old)


def test_filter_box_and_sorting(qtbot):
    data = seeded()
    widget = make_list(qtbot, data)
    documents = data.library.documents.list()
    target = documents[2]
    # QTest types only plain keys; pick a plain word of the title.
    word = max((w for w in target.title.split() if w.isascii() and w.isalpha()), key=len)
    qtbot.keyClicks(widget.search, word)
    titles = [widget.proxy.index(r, TITLE).data() for r in range(widget.proxy.rowCount())]
    assert target.title in titles
    assert all(word.lower() in t.lower() for t in titles)
    widget.search.clear()
    widget.view.sortByColumn(WORDS, Qt.SortOrder.DescendingOrder)
    words = [
        widget.proxy.index(r, WORDS).data(Qt.ItemDataRole.UserRole + 2)
        for r in range(widget.proxy.rowCount())
    ]
    assert words == sorted((d.word_count for d in documents), reverse=True)


@pytest.mark.parametrize("title", ["", "   "])
def test_blank_title_is_refused(qtbot, title):
    data = seeded()
    widget = make_list(qtbot, data)
    first = data.documents[0]
    old = data.library.documents.get(first).title
    widget.proxy.setData(widget.proxy.index(row_of(widget, first), TITLE), title)
    assert data.library.documents.get(first).title == old


def test_documents_arriving_between_the_same_rows_are_inserted_together(qtbot, tmp_path):
    from annotator.services.sources import add_paths
    from annotator.store.library import Library
    from annotator.ui.document_list import DocumentTableModel

    folder = tmp_path / "texts"
    folder.mkdir()
    for name in "abcdefg":
        (folder / f"{name}.txt").write_text(f"Report {name}\n\nText {name}.", "utf-8")
    with Library.open(tmp_path / "p.annotator") as library:
        add_paths(library, [folder])
        docs = {Path(d.path).stem: d for d in library.documents.list()}
    model = DocumentTableModel()
    model.set_documents([docs[n] for n in "acf"])
    inserted = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.apply([docs[n] for n in "gdbe"], set())
    titles = [model.index(row, TITLE).data() for row in range(model.rowCount())]
    assert titles == [f"Report {n}" for n in "abcdefg"]
    # b before c; d and e together before f; g at the end.
    assert inserted == [(1, 1), (3, 4), (6, 6)]
    assert [model.row_of(docs[n].id) for n in "abcdefg"] == list(range(7))
