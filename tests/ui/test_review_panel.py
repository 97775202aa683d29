"""The review tab lists orphans and unaccepted moved or edited passages; accept and delete work."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from annotator.core.models import AnchorStatus
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui.controller import ProjectController
from annotator.ui.review_panel import ReviewPanel

TEXT = "First paragraph about gas.\n\nSecond paragraph about oil.\n\nThird about grain."


@pytest.fixture
def panel(tmp_path, qtbot):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    library = Library.open(None)
    add_paths(library, [folder])
    doc = library.documents.list()[0]
    ids = [library.annotations.create(doc.id, s, s + 9).value.id for s in (0, 28, 58)]
    first, second, third = library.annotations.many(ids)
    library.annotations.replace_all(
        [
            replace(first, status=AnchorStatus.ORPHAN, reviewed=False),
            replace(second, status=AnchorStatus.MOVED, reviewed=False),
        ]
    )
    controller = ProjectController(library)
    widget = ReviewPanel(controller)
    qtbot.addWidget(widget)
    widget.set_document(doc.id)
    return widget, controller, ids


def listed(widget) -> list[int]:
    return [
        widget.items.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.items.count())
    ]


def test_lists_orphans_and_moved_passages_but_not_settled_ones(panel):
    widget, controller, (orphan, moved, exact) = panel
    assert listed(widget) == [orphan, moved]
    assert "1 orphaned, 1 to review" in widget.heading.text()


def test_accepting_a_moved_passage_removes_it_and_undo_brings_it_back(panel):
    widget, controller, (orphan, moved, exact) = panel
    widget.items.setCurrentRow(1)
    assert widget.accept_button.isEnabled() and not widget.reattach_button.isEnabled()
    widget.accept_button.click()
    assert listed(widget) == [orphan]
    assert controller.library.annotations.get(moved).reviewed
    controller.undo_stack.undo()
    assert listed(widget) == [orphan, moved]


def test_deleting_an_orphan_asks_first_and_is_undoable(panel, monkeypatch):
    widget, controller, (orphan, moved, exact) = panel
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    widget.items.setCurrentRow(0)
    assert widget.reattach_button.isEnabled() and not widget.accept_button.isEnabled()
    widget.delete_button.click()
    assert listed(widget) == [moved]
    controller.undo_stack.undo()
    assert listed(widget) == [orphan, moved]
    assert controller.library.annotations.get(orphan).exact == TEXT[0:9]


def test_an_import_whose_positions_were_not_verified_is_listed_until_accepted(panel):
    widget, controller, (orphan, moved, exact) = panel
    library = controller.library
    doc = library.documents.list()[0]
    from annotator.core.anchoring import describe

    text = library.documents.text(doc.id)
    unsure = library.annotations.insert_raw(
        doc.id,
        describe(text, 50, 54),
        status=AnchorStatus.EXACT,
        review_reason="position convention not verified",
    ).value
    controller.changed.emit(_changes(unsure))
    assert listed(widget) == [orphan, moved, unsure.id]
    row = widget.items.item(2)
    assert row.text().startswith("Not verified: position convention not verified")
    widget.items.setCurrentRow(2)
    assert widget.accept_button.isEnabled()
    widget.accept_button.click()
    assert listed(widget) == [orphan, moved]
    controller.undo_stack.undo()
    assert listed(widget) == [orphan, moved, unsure.id]


def _changes(annotation):
    from annotator.core.models import Changes

    return Changes(annotations={annotation.id}, documents={annotation.document_id})
