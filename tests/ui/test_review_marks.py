"""Highlights that re-anchoring moved or edited show a review mark until the reader accepts them."""

from dataclasses import replace

import pytest
from helpers_panels import copied, edit_inside
from PySide6.QtGui import QColor, QPalette, QTextCharFormat

from annotator.core.models import AnchorStatus
from annotator.services import commands as cmd
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui.controller import ProjectController
from annotator.ui.highlight_sync import REVIEW_MESSAGES, HighlightSync
from annotator.ui.reading_view import Highlight
from annotator.ui.theme import REVIEW_COLOR, contrast_ratio, warning_color

DASH = QTextCharFormat.UnderlineStyle.DashUnderline
RED, BLUE = "#e6194b", "#4363d8"
TEXT = (
    "The treaty was signed in spring after long talks.\n\n"
    "Critics said the figures differed from the earlier deal.\n\n"
    "A third paragraph about borders and trade."
)


def span(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def dark(palette: QPalette) -> QPalette:
    p = QPalette(palette)
    for role, color in (
        (QPalette.ColorRole.Base, "#1f2023"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Window, "#2b2d30"),
        (QPalette.ColorRole.ToolTipBase, "#3a3c40"),
    ):
        p.setColor(role, QColor(color))
    return p


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_a_highlight_needing_review_gets_a_dashed_amber_underline(reading_view, format_at, palette):
    if palette == "dark":
        reading_view.setPalette(dark(reading_view.palette()))
    moved, plain = span("treaty was signed"), span("figures differed")
    reading_view.set_text(
        TEXT,
        [
            Highlight(1, *moved, (BLUE,), (1,), needs_review=True),
            Highlight(2, *plain, (RED,), (2,)),
        ],
    )
    marked = format_at(reading_view, moved[0])
    assert marked.underlineStyle() == DASH
    background = marked.background().color()
    underline = marked.underlineColor()
    assert contrast_ratio(underline, background) >= 3.0
    # Still recognisably the review amber: warm, red and green well above blue.
    assert underline.red() > underline.blue() and underline.green() > underline.blue()
    assert underline.hsvHue() == pytest.approx(QColor(REVIEW_COLOR).hsvHue(), abs=12)
    assert format_at(reading_view, plain[0]).underlineStyle() != DASH


def test_review_mark_wins_over_the_overlap_underline_and_not_on_dimmed(reading_view, format_at):
    first, second = span("Critics said the"), span("the figures")
    reading_view.set_text(
        TEXT,
        [Highlight(1, *first, (RED,), (1,)), Highlight(2, *second, (BLUE,), (2,), True)],
    )
    overlap = TEXT.index("the figures")
    assert format_at(reading_view, overlap).underlineStyle() == DASH
    assert format_at(reading_view, first[0]).underlineStyle() != DASH
    reading_view.set_tag_filter({1}, "dim")  # the review highlight is filtered out
    assert format_at(reading_view, span("figures")[0]).underlineStyle() != DASH


def strip_has_review_mark(view) -> bool:
    strip = view._strip
    image = strip.grab().toImage()
    amber = view.highlight_model().review_color()
    for x in range(image.width()):
        for y in range(image.height()):
            c = image.pixelColor(x, y)
            distance = sum(
                abs(p - q) for p, q in zip(c.getRgb()[:3], amber.getRgb()[:3], strict=True)
            )
            if distance < 30:
                return True
    return False


def test_margin_strip_shows_a_diamond_only_for_highlights_needing_review(reading_view):
    h = Highlight(1, *span("signed in spring"), (BLUE,), (1,))
    reading_view.set_text(TEXT, [h])
    assert not strip_has_review_mark(reading_view)
    reading_view.update_highlight(replace(h, needs_review=True))
    assert strip_has_review_mark(reading_view)


@pytest.fixture
def project(tmp_path, reading_view):
    """A one-text project open in a view, with a moved, an edited and an exact annotation."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    library = Library.open(None)
    add_paths(library, [folder])
    doc = library.documents.list()[0]
    tag = library.tags.create("Energy").value
    ids = [
        library.annotations.create(doc.id, *span(w), tag_ids=[tag.id]).value.id
        for w in ("treaty was signed", "figures differed", "borders and trade")
    ]
    moved, edited, _exact = library.annotations.many(ids)
    library.annotations.replace_all(
        [
            replace(moved, status=AnchorStatus.MOVED, reviewed=False),
            replace(edited, status=AnchorStatus.EDITED, reviewed=False),
        ]
    )
    controller = ProjectController(library)
    sync = HighlightSync(library, reading_view)
    reading_view.set_text(
        library.documents.text(doc.id), sync.highlights(library.annotations.for_document(doc.id))
    )
    reading_view.set_tooltip_provider(sync.tooltip)
    controller.changed.connect(lambda changes: sync.apply(changes, doc.id))
    return controller, sync, ids


def test_accepting_in_the_controller_removes_the_mark_and_undo_restores_it(
    project, reading_view, format_at
):
    controller, _sync, (moved, edited, exact) = project
    at = {a: reading_view.highlight_model().index.get(a).start for a in (moved, edited, exact)}
    assert format_at(reading_view, at[moved]).underlineStyle() == DASH
    assert format_at(reading_view, at[edited]).underlineStyle() == DASH
    assert format_at(reading_view, at[exact]).underlineStyle() != DASH

    assert controller.push(cmd.accept_anchor(controller.library, moved))
    assert not reading_view.highlight_model().index.get(moved).needs_review
    assert format_at(reading_view, at[moved]).underlineStyle() != DASH
    assert format_at(reading_view, at[moved]) is not None  # still highlighted, only unmarked
    assert format_at(reading_view, at[edited]).underlineStyle() == DASH

    controller.undo_stack.undo()
    assert format_at(reading_view, at[moved]).underlineStyle() == DASH


def test_tooltip_says_what_happened_and_how_to_accept(project, reading_view):
    controller, sync, (moved, edited, exact) = project
    assert REVIEW_MESSAGES[AnchorStatus.MOVED] in sync.tooltip([moved])
    assert "Moved by a change to the file" in sync.tooltip([moved])
    assert "Edited: words changed inside" in sync.tooltip([edited])
    assert "Moved" not in sync.tooltip([exact]) and "Edited" not in sync.tooltip([exact])
    assert "to check" not in sync.summary([exact]) and "1 moved or edited" in sync.summary([moved])
    controller.push(cmd.accept_anchor(controller.library, moved))
    assert "Moved" not in sync.tooltip([moved])


def test_warning_colour_keeps_contrast_on_any_background():
    for name in ("#ffffff", "#fff6d5", "#1f2023", "#000000", "#808080", "#3c3f41"):
        background = QColor(name)
        assert contrast_ratio(warning_color(background), background) >= 3.0


def test_a_passage_edited_on_disk_comes_back_marked(tmp_path, reading_view, format_at):
    data = copied(tmp_path)
    document = data.documents[0]
    sync = HighlightSync(data.library, reading_view)
    annotation_id = edit_inside(data, document, 200, 320)
    annotation = data.library.annotations.get(annotation_id)
    assert annotation.status in (AnchorStatus.EDITED, AnchorStatus.MOVED)
    highlights = sync.highlights(data.library.annotations.for_document(document))
    reading_view.set_text(data.library.documents.text(document), highlights)
    assert format_at(reading_view, annotation.start).underlineStyle() == DASH
    assert REVIEW_MESSAGES[annotation.status] in sync.tooltip([annotation_id])
