"""The strip left of the reading column: one coloured bar per highlight, over the lines it covers.

Overlaps are hard to see in the text itself (Qt draws one background and one underline per
character), so the strip gives each overlapping highlight its own lane beside the lines it spans.
A highlight that needs review (moved or edited by a change to the file, not yet accepted) also
gets a small amber diamond just left of its bar, level with its first line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPolygonF
from PySide6.QtWidgets import QWidget

from annotator.ui.highlighter import Show

if TYPE_CHECKING:
    from annotator.ui.reading_view import ReadingView

LANE_WIDTH = 4
LANE_GAP = 2
MAX_LANES = 4
REVIEW_COLUMN = 9  # room left of the outermost lane for a "needs review" diamond
REVIEW_MARK = 7  # the diamond's width and height


class MarginStrip(QWidget):
    """Paints bars for the highlights on the visible lines of a ReadingView."""

    def __init__(self, view: ReadingView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.strip_width(), 0)

    @staticmethod
    def strip_width() -> int:
        return MAX_LANES * (LANE_WIDTH + LANE_GAP) + 6 + REVIEW_COLUMN

    @staticmethod
    def review_mark_rect(lane_x: float, line_top: float, line_height: float) -> QRectF:
        """Where the diamond of a highlight needing review goes: just left of its bar (at
        ``lane_x``), level with its first line."""
        y = line_top + (line_height - REVIEW_MARK) / 2
        return QRectF(lane_x - REVIEW_MARK - 1, y, REVIEW_MARK, REVIEW_MARK)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        view = self._view
        model = view.highlight_model()
        if not len(model.index):
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        offsets = model.offsets
        block = view.firstVisibleBlock()
        top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
        bottom_limit = event.rect().bottom()
        lane_ends: list[float] = []  # bottom of the last bar drawn in each lane
        review_color = model.review_color()
        marks: list[tuple[QRectF, bool]] = []  # (where, dimmed), drawn over the lanes
        while block.isValid() and top <= bottom_limit:
            height = view.blockBoundingRect(block).height()
            qpos = block.position()
            cs, ce = offsets.block_to_core(qpos, block.length() - 1)
            layout = block.layout()
            if block.isVisible() and layout.lineCount():
                for aid in model.index.annotations_in(cs, ce):
                    show = model.show(aid)
                    if show is Show.HIDDEN:
                        continue
                    h = model.index.get(aid)
                    if h is None:
                        continue
                    first = layout.lineForTextPosition(offsets.to_qt(max(h.start, cs)) - qpos)
                    last_pos = offsets.to_qt(max(min(h.end, ce) - 1, cs)) - qpos
                    last = layout.lineForTextPosition(last_pos)
                    if not first.isValid() or not last.isValid():
                        continue
                    y0 = top + first.y()
                    y1 = top + last.y() + last.height()
                    lane = next((i for i, end in enumerate(lane_ends) if end < y0), None)
                    if lane is None:
                        if len(lane_ends) >= MAX_LANES:
                            lane = len(lane_ends) - 1
                        else:
                            lane_ends.append(0.0)
                            lane = len(lane_ends) - 1
                    lane_ends[lane] = max(lane_ends[lane], y1)
                    color = QColor(model.marker_color(model.colors_of(h)[0]))
                    if show is Show.DIM:
                        color.setAlphaF(0.25)
                    x = self.width() - 4 - (lane + 1) * (LANE_WIDTH + LANE_GAP)
                    painter.setPen(color)
                    painter.setBrush(color)
                    painter.drawRoundedRect(QRectF(x, y0 + 1, LANE_WIDTH, y1 - y0 - 2), 2, 2)
                    if h.needs_review and h.start >= cs:
                        marks.append(
                            (self.review_mark_rect(x, y0, first.height()), show is Show.DIM)
                        )
            top += height
            block = block.next()
        for rect, dimmed in marks:
            color = QColor(review_color)
            if dimmed:
                color.setAlphaF(0.35)
            painter.setPen(color)
            painter.setBrush(color)
            c = rect.center()
            r = rect.width() / 2
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(c.x(), c.y() - r),
                        QPointF(c.x() + r, c.y()),
                        QPointF(c.x(), c.y() + r),
                        QPointF(c.x() - r, c.y()),
                    ]
                )
            )
        painter.end()
