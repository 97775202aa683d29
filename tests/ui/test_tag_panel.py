"""The tag panel: create, rename, recolour, move, merge, delete and filter, all undoable."""

from __future__ import annotations

import pytest
from helpers_panels import seeded
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QStyle,
    QStyleFactory,
    QStyleOptionViewItem,
)

from annotator.core.models import ExcerptFilter
from annotator.services import commands as cmd
from annotator.services.briefing import compile_briefing, default_options
from annotator.services.tagging import TagSpan
from annotator.ui import tag_panel as tag_panel_module
from annotator.ui.tag_dialogs import delete_message
from annotator.ui.tag_model import COUNT, NAME, TAG_MIME, tag_from_mime
from annotator.ui.tag_panel import TagPanel
from annotator.ui.tag_view import ModeButton
from annotator.ui.theme import contrast_ratio


@pytest.fixture
def env(qtbot):
    data = seeded()
    panel = TagPanel(data.controller)
    qtbot.addWidget(panel)
    panel.resize(320, 480)
    panel.show()
    qtbot.waitExposed(panel)
    return data, panel


def view_index(panel: TagPanel, tag_id: int, column: int = NAME) -> QModelIndex:
    return panel.proxy.mapFromSource(panel.model.index_of(tag_id, column))


def names_under(panel: TagPanel, parent_id: int | None) -> list[str]:
    """The names the tree shows under ``parent_id`` (None: the top level), in order."""
    model = panel.model
    parent = QModelIndex() if parent_id is None else model.index_of(parent_id)
    return [model.index(row, NAME, parent).data() for row in range(model.rowCount(parent))]


def check_rect(panel: TagPanel, tag_id: int) -> QRect:
    """Where the tree draws the filter check box of ``tag_id`` (viewport coordinates)."""
    view, index = panel.view, view_index(panel, tag_id)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    option.rect = view.visualRect(index)
    element = QStyle.SubElement.SE_ItemViewItemCheckIndicator
    return view.style().subElementRect(element, option, view)


def undo(data) -> None:
    data.controller.undo_stack.undo()


def test_shows_tree_with_counts_and_digit_keys(env):
    data, panel = env
    energy, oil = data.tags["Energy"], data.tags["Energy/Oil"]
    assert names_under(panel, None) == ["Energy", "Security", "Economy", "Method"]
    assert names_under(panel, energy) == ["Oil", "Renewables"]
    assert view_index(panel, oil, COUNT).data() == "2"
    assert panel.first_nine() == [t.id for t in data.library.tags.list()][:9]
    tooltip = view_index(panel, energy).data(Qt.ItemDataRole.ToolTipRole)
    assert "2 sub-tags" in tooltip and "Key 1" in tooltip
    # With its sub-tags, each passage counts once however many of the tags it carries.
    distinct = {a.id for a in data.library.annotations.query() if set(a.tag_ids) & {energy, oil}}
    assert (
        f"{len(distinct)} passages under 'Energy' (1 tagged 'Energy' itself, the others by its"
        " 2 sub-tags)" in tooltip
    )


def test_tree_counts_follow_the_filters_convention(env):
    """The tree, the excerpts filter and the briefing count a tag's passages the same way:
    sub-tags included, each passage once (issue 12: the tree said 1 where the filter said 2)."""
    data, panel = env
    for path, tag_id in data.tags.items():
        shown = int(view_index(panel, tag_id, COUNT).data())
        assert shown == data.library.annotations.count(ExcerptFilter(tag_ids=(tag_id,))), path
    assert view_index(panel, data.tags["Energy"], COUNT).data() == "3"
    briefing = compile_briefing(data.library, ExcerptFilter(), default_options(data.library))
    sections = list(briefing.sections)
    while sections:
        section = sections.pop()
        sections.extend(section.children)
        if section.tag_id is not None:
            shown = view_index(panel, section.tag_id, COUNT).data()
            assert shown == str(section.excerpt_count), section.title


def test_create_tag_from_toolbar_makes_child_of_selected(env, qtbot, monkeypatch):
    data, panel = env
    energy = data.tags["Energy"]
    panel.select_tag(energy)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Nuclear", True))
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    created = data.library.tags.find("Energy/Nuclear")
    assert created is not None and created.parent_id == energy
    assert names_under(panel, energy) == ["Oil", "Renewables", "Nuclear"]
    assert panel.current_tag() == created.id
    undo(data)
    qtbot.waitUntil(lambda: "Nuclear" not in names_under(panel, energy))
    assert data.library.tags.find("Nuclear") is None


def test_cancelled_create_changes_nothing(env, monkeypatch):
    data, panel = env
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ignored", False))
    assert panel.create_tag(None) is None
    assert data.library.tags.find("Ignored") is None


def test_rename_in_place_with_f2(env, qtbot):
    data, panel = env
    security = data.tags["Security"]
    panel.select_tag(security)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = panel.view.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "Security"
    editor.selectAll()
    qtbot.keyClicks(editor, "Defence")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop
    qtbot.waitUntil(lambda: data.library.tags.get(security).name == "Defence")
    qtbot.waitUntil(lambda: view_index(panel, security).data() == "Defence")
    undo(data)
    qtbot.waitUntil(lambda: view_index(panel, security).data() == "Security")


def test_rename_to_a_sibling_name_is_refused_with_a_message(env, qtbot):
    data, panel = env
    errors: list[str] = []
    data.controller.error.connect(errors.append)
    panel.proxy.setData(view_index(panel, data.tags["Security"]), "economy")
    assert errors and "already exists" in errors[0]
    assert data.library.tags.get(data.tags["Security"]).name == "Security"


def test_recolour_through_colour_dialog(env, qtbot, monkeypatch):
    data, panel = env
    method = data.tags["Method"]
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#123456"))
    panel.recolor_tag(method)
    assert data.library.tags.get(method).color == "#123456"
    icon = view_index(panel, method).data(Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(
        lambda: view_index(panel, method).data(Qt.ItemDataRole.DecorationRole) is not icon
    )
    undo(data)
    assert data.library.tags.get(method).color != "#123456"


def test_drag_onto_tag_makes_child_and_between_reorders(env, qtbot):
    data, panel = env
    economy, security, energy = data.tags["Economy"], data.tags["Security"], data.tags["Energy"]
    mime = panel.model.mimeData([panel.model.index_of(economy)])
    assert tag_from_mime(mime) == economy and mime.hasFormat(TAG_MIME)
    action = Qt.DropAction.MoveAction
    # Drop on "Security": Economy becomes its child.
    assert panel.model.dropMimeData(mime, action, -1, -1, panel.model.index_of(security))
    assert data.library.tags.get(economy).parent_id == security
    qtbot.waitUntil(lambda: names_under(panel, security) == ["Economy"])
    # Drop between the top-level rows 0 and 1: Economy goes back to the top, second place.
    assert panel.model.dropMimeData(mime, action, 1, 0, QModelIndex())
    qtbot.waitUntil(lambda: names_under(panel, None) == ["Energy", "Economy", "Security", "Method"])
    # Drop on empty space: top level, at the end.
    mime_energy = panel.model.mimeData([panel.model.index_of(energy)])
    assert panel.model.dropMimeData(mime_energy, action, -1, -1, QModelIndex())
    qtbot.waitUntil(lambda: names_under(panel, None)[-1] == "Energy")
    assert view_index(panel, data.tags["Energy/Oil"]).isValid()
    undo(data)
    undo(data)
    qtbot.waitUntil(lambda: names_under(panel, security) == ["Economy"])


def test_cannot_drop_a_tag_into_its_own_child(env):
    data, panel = env
    mime = panel.model.mimeData([panel.model.index_of(data.tags["Energy"])])
    child = panel.model.index_of(data.tags["Energy/Oil"])
    assert not panel.model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, child)
    assert not panel.model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, child)
    other = QMimeData()
    other.setText("plain text")
    assert not panel.model.canDropMimeData(other, Qt.DropAction.MoveAction, -1, -1, child)


def test_reorder_down_within_siblings(env, qtbot):
    data, panel = env
    energy = data.tags["Energy"]
    mime = panel.model.mimeData([panel.model.index_of(energy)])
    # Dropping before row 2 means "after Security": the store counts without the moving tag.
    panel.model.dropMimeData(mime, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    qtbot.waitUntil(lambda: names_under(panel, None) == ["Security", "Energy", "Economy", "Method"])


def test_merge_then_undo_restores(env, qtbot, monkeypatch):
    data, panel = env
    oil, economy = data.tags["Energy/Oil"], data.tags["Economy"]

    def fake_exec(dialog):
        dialog.filter.setText("econ")
        return True

    monkeypatch.setattr(tag_panel_module.MergeDialog, "exec", fake_exec)
    panel.merge_tag(oil)
    qtbot.waitUntil(lambda: panel.model.tag(oil) is None)
    assert data.library.tags.get(economy).count == 2  # both Oil passages (one had Economy)
    undo(data)
    qtbot.waitUntil(lambda: panel.model.tag(oil) is not None)
    assert data.library.tags.get(oil).count == 2
    assert data.library.tags.get(economy).count == 1


def test_merge_dialog_excludes_the_tag_and_its_children(env, qtbot):
    data, panel = env
    captured = {}

    def fake_exec(dialog):
        captured["items"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        return False

    original = tag_panel_module.MergeDialog.exec
    tag_panel_module.MergeDialog.exec = fake_exec
    try:
        panel.merge_tag(data.tags["Energy"])
    finally:
        tag_panel_module.MergeDialog.exec = original
    assert captured["items"] == ["Security", "Economy", "Method"]


def test_delete_confirms_with_impact_and_undo_restores(env, qtbot, monkeypatch):
    data, panel = env
    energy = data.tags["Energy"]
    asked: list[str] = []

    def question(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    panel.view.expandAll()
    panel.delete_tag(energy)
    assert asked and asked[0].startswith("Delete 'Energy' and its 2 sub-tags?")
    assert "3 annotations carry them" in asked[0]
    assert "the annotations stay" in asked[0]
    qtbot.waitUntil(lambda: panel.model.tag(energy) is None)
    assert len(data.library.annotations.query()) == 3
    undo(data)
    qtbot.waitUntil(lambda: panel.model.tag(energy) is not None)
    assert names_under(panel, energy) == ["Oil", "Renewables"]
    assert panel.view.isExpanded(view_index(panel, energy))


def test_delete_cancelled_keeps_tag(env, monkeypatch):
    data, panel = env
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    panel.delete_tag(data.tags["Method"])
    assert data.library.tags.find("Method") is not None


def test_checking_tags_emits_filter_with_mode(env, qtbot):
    data, panel = env
    energy, economy = data.tags["Energy"], data.tags["Economy"]
    seen: list[tuple[list, str]] = []
    panel.filter_changed.connect(lambda ids, mode: seen.append((ids, mode)))
    check = Qt.ItemDataRole.CheckStateRole
    panel.proxy.setData(view_index(panel, economy), Qt.CheckState.Checked, check)
    panel.proxy.setData(view_index(panel, energy), Qt.CheckState.Checked, check)
    assert seen[-1] == ([energy, economy], "any")
    qtbot.mouseClick(panel.all_button, Qt.MouseButton.LeftButton)
    assert seen[-1] == ([energy, economy], "all")
    assert panel.model.checked() == [energy, economy]
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert seen[-1] == ([], "all")


def test_deleting_a_checked_tag_updates_the_filter(env, qtbot):
    data, panel = env
    method = data.tags["Method"]
    panel.set_checked([method])
    seen: list[list] = []
    panel.filter_changed.connect(lambda ids, mode: seen.append(ids))
    data.controller.push(cmd.DeleteTag(data.library, method))
    qtbot.waitUntil(lambda: seen == [[]])
    assert panel.model.checked() == []


def test_counts_update_after_annotation_added(env, qtbot):
    data, panel = env
    method = data.tags["Method"]
    assert view_index(panel, method, COUNT).data() == "0"
    data.controller.push(TagSpan(data.library, data.documents[2], 5, 25, [method]))
    qtbot.waitUntil(lambda: view_index(panel, method, COUNT).data() == "1")
    undo(data)
    qtbot.waitUntil(lambda: view_index(panel, method, COUNT).data() == "0")


def test_enter_and_swatch_double_click_apply_name_double_click_edits(env, qtbot):
    data, panel = env
    security = data.tags["Security"]
    applied: list[int] = []
    panel.tag_applied.connect(applied.append)
    panel.select_tag(security)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert applied == [security]
    index = view_index(panel, security)
    swatch = panel.view.swatch_rect(index)
    assert swatch.isValid()
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=swatch.center())
    assert applied == [security, security]
    assert panel.view.state() != panel.view.State.EditingState


def test_selection_signal_and_kept_across_refresh(env, qtbot):
    data, panel = env
    selected: list[int] = []
    panel.tag_selected.connect(selected.append)
    oil = data.tags["Energy/Oil"]
    panel.select_tag(oil)
    assert selected[-1] == oil
    data.controller.push(cmd.CreateTag(data.library, "Zeta"))
    qtbot.waitUntil(lambda: panel.model.tag(data.library.tags.find("Zeta").id) is not None)
    assert panel.current_tag() == oil
    assert selected.count(oil) == 1


def test_filter_box_narrows_tree_and_keeps_parents(env, qtbot):
    data, panel = env
    qtbot.keyClicks(panel.search, "renew")
    assert panel.proxy.rowCount() == 1  # only Energy at the top, for its child
    energy = view_index(panel, data.tags["Energy"])
    assert panel.proxy.rowCount(energy) == 1


def drop_on_view(panel: TagPanel, tag_id: int, point) -> bool:
    """Deliver drag-enter, drag-move and drop of ``tag_id`` at ``point`` of the viewport."""
    mime = panel.proxy.mimeData([view_index(panel, tag_id)])
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    viewport = panel.view.viewport()
    args = (mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    for event_type in (QDragEnterEvent, QDragMoveEvent):
        QApplication.sendEvent(viewport, event_type(point, actions, *args))
    drop = QDropEvent(QPointF(point), actions, *args)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


def test_real_drop_events_on_and_above_a_row(env, qtbot):
    data, panel = env
    economy, security = data.tags["Economy"], data.tags["Security"]
    rect = panel.view.visualRect(view_index(panel, security))
    assert drop_on_view(panel, economy, rect.center())
    qtbot.waitUntil(lambda: names_under(panel, security) == ["Economy"])
    rect = panel.view.visualRect(view_index(panel, security))
    assert drop_on_view(panel, economy, QPoint(rect.center().x(), rect.top() + 1))
    qtbot.waitUntil(lambda: names_under(panel, None) == ["Energy", "Economy", "Security", "Method"])


def test_delete_key_asks_then_deletes(env, qtbot, monkeypatch):
    data, panel = env
    method = data.tags["Method"]
    asked: list[str] = []

    def question(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    panel.select_tag(method)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert asked == ["Delete 'Method'? No annotation carries it.\n\nUndo brings it back."]
    assert data.library.tags.find("Method") is None


@pytest.mark.parametrize(
    ("sub_tags", "annotations", "expected"),
    [
        (0, 0, "Delete 'X'? No annotation carries it."),
        (1, 1, "Delete 'X' and its 1 sub-tag? 1 annotation carries them; the annotation stays,"),
        (2, 14, "Delete 'X' and its 2 sub-tags? 14 annotations carry them; the annotations stay,"),
    ],
)
def test_delete_message_wording(sub_tags, annotations, expected):
    assert delete_message("X", sub_tags, annotations).startswith(expected)


def test_describe_through_dialog_shows_in_tooltip(env, qtbot, monkeypatch):
    data, panel = env
    security = data.tags["Security"]

    def fake_exec(dialog):
        dialog.editor.setPlainText("  Military and hybrid threats  ")
        return True

    monkeypatch.setattr(tag_panel_module.DescribeDialog, "exec", fake_exec)
    panel.describe_tag(security)
    assert data.library.tags.get(security).description == "Military and hybrid threats"
    qtbot.waitUntil(
        lambda: "hybrid threats" in view_index(panel, security).data(Qt.ItemDataRole.ToolTipRole)
    )


def test_clicking_check_boxes_filters(env, qtbot):
    data, panel = env
    security, oil = data.tags["Security"], data.tags["Energy/Oil"]
    seen: list[tuple[list, str]] = []
    panel.filter_changed.connect(lambda ids, mode: seen.append((ids, mode)))
    for tag_id in (security, oil):
        box = check_rect(panel, tag_id)
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=box.center())
    assert seen[-1] == ([oil, security], "any")  # tree order, not click order
    box = check_rect(panel, oil)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=box.center())
    assert panel.model.checked() == [security]


def dark_palette() -> QPalette:
    """A dark palette as Fusion's dark themes set it (the window a bit lighter than the base)."""
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#2b2d30"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1f2023"),
        (QPalette.ColorRole.AlternateBase, "#26282b"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#35373b"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#3d7bd9"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.Light, "#45474b"),
        (QPalette.ColorRole.Mid, "#2f3134"),
        (QPalette.ColorRole.Dark, "#18191b"),
    ):
        palette.setColor(role, QColor(color))
    return palette


def most_contrast(image, rect, against: QColor) -> float:
    """The highest contrast of any pixel in ``rect`` of ``image`` with ``against``."""
    return max(
        contrast_ratio(image.pixelColor(x, y), against)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_check_boxes_stand_out_from_the_base_in_light_and_dark_palettes(env, scheme):
    data, panel = env
    fusion = QStyleFactory.create("Fusion")  # the style whose dark check boxes were invisible
    panel.view.setStyle(fusion)
    panel.setPalette(dark_palette() if scheme == "dark" else fusion.standardPalette())
    economy, oil = data.tags["Economy"], data.tags["Energy/Oil"]
    panel.set_checked([oil])
    panel.select_tag(data.tags["Security"])
    image = panel.view.viewport().grab().toImage()
    base = panel.view.palette().color(QPalette.ColorRole.Base)
    for tag_id in (economy, oil):  # an unchecked box: its rim alone must show
        box = check_rect(panel, tag_id)
        assert most_contrast(image, box, base) >= 3.0, (scheme, tag_id)
    # On the selected row the box must stand apart from the selection colour too.
    selected = check_rect(panel, data.tags["Security"])
    accent = panel.view.palette().color(QPalette.ColorRole.Highlight)
    assert most_contrast(image, selected, accent) >= 3.0
    # Checked and unchecked boxes look different at a glance.
    box = check_rect(panel, oil)
    centre = image.pixelColor(box.center())
    assert contrast_ratio(centre, base) >= 3.0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_active_mode_toggle_is_filled_with_the_accent(qtbot, scheme):
    fusion = QStyleFactory.create("Fusion")
    palette = dark_palette() if scheme == "dark" else fusion.standardPalette()
    buttons = []
    for checked in (True, False):
        button = ModeButton("Any")
        button.setChecked(checked)
        button.setStyle(fusion)
        button.setPalette(palette)
        qtbot.addWidget(button)
        button.resize(40, 24)
        buttons.append(button.grab().toImage())
    on, off = buttons
    window = palette.color(QPalette.ColorRole.Window)
    fill = on.pixelColor(4, on.height() // 2)
    assert contrast_ratio(fill, window) >= 3.0
    assert contrast_ratio(fill, off.pixelColor(4, off.height() // 2)) >= 1.8
    label = QRect(8, 4, on.width() - 16, on.height() - 8)
    assert most_contrast(on, label, fill) >= 3.0  # the label reads on the accent
