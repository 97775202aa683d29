"""The quick-tag box: find a tag by typing any part of its path, or create one with Enter."""

from __future__ import annotations

import pytest
from helpers_panels import seeded
from PySide6.QtCore import Qt

from annotator.ui.quick_tag import TAG_ID_ROLE, QuickTagBox


@pytest.fixture
def env(qtbot):
    data = seeded()
    box = QuickTagBox(data.controller)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    chosen: list[int] = []
    box.tag_chosen.connect(chosen.append)
    return data, box, chosen


def completions(box: QuickTagBox, text: str) -> list[str]:
    completer = box.completer()
    completer.setCompletionPrefix(text)
    model = completer.completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def type_and_enter(qtbot, box: QuickTagBox, text: str) -> None:
    box.setFocus()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("typed", "path"),
    [
        ("Economy", "Economy"),
        ("economy", "Economy"),
        ("oil", "Energy/Oil"),
        ("energy/oil", "Energy/Oil"),
    ],
)
def test_existing_tag_and_enter_emits_its_id(qtbot, env, typed, path):
    data, box, chosen = env
    type_and_enter(qtbot, box, typed)
    assert chosen == [data.tags[path]]
    assert box.text() == ""
    assert len(data.library.tags.list()) == len(data.tags)  # nothing created


def test_completion_matches_anywhere_ignoring_case(env):
    _data, box, _chosen = env
    assert completions(box, "NEW") == ["Energy/Renewables"]
    assert "Energy/Oil" in completions(box, "oil")


def test_new_name_offers_and_creates_tag(qtbot, env):
    data, box, chosen = env
    box.setFocus()
    qtbot.keyClicks(box, "Climate")
    assert completions(box, "Climate")[-1] == "Create tag 'Climate'"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    created = data.library.tags.find("Climate")
    assert created is not None and created.parent_id is None
    assert chosen == [created.id]
    data.controller.undo_stack.undo()
    assert data.library.tags.find("Climate") is None


def test_new_child_under_existing_parent_path(qtbot, env):
    data, box, chosen = env
    type_and_enter(qtbot, box, "Energy/Nuclear")
    created = data.library.tags.find("Energy/Nuclear")
    assert created is not None and created.parent_id == data.tags["Energy"]
    assert chosen == [created.id]
    assert "Energy/Nuclear" in completions(box, "nucl")  # the box re-read the tree


def test_unknown_parent_is_reported_not_created(qtbot, env):
    data, box, chosen = env
    errors: list[str] = []
    data.controller.error.connect(errors.append)
    type_and_enter(qtbot, box, "Nowhere/Thing")
    assert chosen == []
    assert errors and "Nowhere" in errors[0]
    assert data.library.tags.find("Thing") is None


def test_picking_the_create_row_from_the_list_creates(qtbot, env):
    data, box, chosen = env
    box.setFocus()
    qtbot.keyClicks(box, "Trade")
    completer = box.completer()
    completer.setCompletionPrefix("Trade")
    row = completer.completionModel().index(0, 0)
    assert row.data() == "Create tag 'Trade'" and row.data(TAG_ID_ROLE) == -1
    completer.activated[type(row)].emit(row)
    created = data.library.tags.find("Trade")
    assert created is not None and chosen == [created.id]


def test_empty_enter_does_nothing(qtbot, env):
    data, box, chosen = env
    type_and_enter(qtbot, box, "   ")
    assert chosen == []
    assert len(data.library.tags.list()) == len(data.tags)


# -- Enter takes the top match; creating is explicit (issue 12) ------------------------------


def test_enter_takes_the_top_match_not_a_new_tag(qtbot, env):
    data, box, chosen = env
    box.setFocus()
    qtbot.keyClicks(box, "Ener")  # "Energy", "Energy/Oil", "Energy/Renewables" match
    assert box.hint_text() == "↵ Energy"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert chosen == [data.tags["Energy"]]
    assert data.library.tags.find("Ener") is None
    assert len(data.library.tags.list()) == len(data.tags)


def test_enter_takes_a_match_inside_a_path(qtbot, env):
    data, box, chosen = env
    type_and_enter(qtbot, box, "renew")
    assert chosen == [data.tags["Energy/Renewables"]]


def test_shift_enter_creates_beside_matches(qtbot, env):
    data, box, chosen = env
    box.setFocus()
    qtbot.keyClicks(box, "Ener")
    assert completions(box, "Ener")[-1] == "Create tag 'Ener' (Shift+Enter)"
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    created = data.library.tags.find("Ener")
    assert created is not None and chosen == [created.id]
    assert box.text() == "" and box.hint_text() == ""


def test_shift_enter_on_an_existing_name_takes_it(qtbot, env):
    data, box, chosen = env
    box.setFocus()
    qtbot.keyClicks(box, "economy")
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert chosen == [data.tags["Economy"]]
    assert len(data.library.tags.list()) == len(data.tags)


def test_hint_says_a_new_tag_when_nothing_matches(qtbot, env):
    _data, box, _chosen = env
    box.setFocus()
    qtbot.keyClicks(box, "Climate")
    assert box.hint_text() == "↵ new tag"
    box.clear()
    assert box.hint_text() == ""
