"""The strip left of the reading column: coding stripes, their tag names, and review marks.

Overlaps are hard to see in the text itself (Qt draws one background and one underline per
character), so the strip gives each overlapping highlight its own lane beside the lines it spans,
as MAXQDA's and NVivo's coding stripes do. Where the page leaves room left of the column, each
stripe is labelled with its tags' names at its first line (cut to the room, dropped when labels
would collide); hovering a stripe or a label shows the highlight's tooltip. A highlight that
needs review (moved or edited by a change to the file, not yet accepted) gets an amber diamond
in a column of its own, outlined in the page colour and drawn last: no stripe ever covers it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QToolTip, QWidget

from annotator.ui.highlighter import Show
from annotator.ui.theme import contrast_ratio, is_dark

if TYPE_CHECKING:
    from annotator.ui.reading_view import ReadingView

LANE_WIDTH = 4
LANE_GAP = 2
MAX_LANES = 4
REVIEW_COLUMN = 10  # left of the outermost lane: the "needs review" diamonds
REVIEW_MARK = 7  # the diamond's width and height
MIN_LABEL = 28  # narrower room than this (pixels) and stripes go unlabelled
LABEL_GAP = 3


class MarginStrip(QWidget):
    """Paints stripes (and labels) for the highlights on the visible lines of a ReadingView.

    Its right part (``strip_width``) holds the lanes and the review column; the view widens it
    leftwards over the page margin when there is one, and the labels go there.
    """

    def __init__(self, view: ReadingView) -> None:
        super().__init__(view)
        self._view = view
        self._names: dict[int, str] = {}
        self._hits: list[tuple[QRectF, int]] = []  # stripes and labels painted, for tooltips
        self.marks: list[QRectF] = []  # review diamonds painted last
        self._elided: dict[tuple[str, int], str] = {}
        self._label_colors: dict[tuple[int, int], QColor] = {}
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        self._label_font = font
        self._label_metrics = QFontMetricsF(font)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.strip_width(), 0)

    @staticmethod
    def strip_width() -> int:
        return MAX_LANES * (LANE_WIDTH + LANE_GAP) + 6 + REVIEW_COLUMN

    def set_tag_names(self, names: dict[int, str]) -> None:
        """Tag id -> name, for the labels."""
        if names != self._names:
            self._names = dict(names)
            self._elided.clear()
            self.update()

    def lanes_left(self) -> float:
        """Where the outermost lane starts (x)."""
        return self.width() - 4 - MAX_LANES * (LANE_WIDTH + LANE_GAP)

    def review_mark_rect(self, line_top: float, line_height: float) -> QRectF:
        """Where the diamond of a highlight needing review goes: in the review column, level
        with the highlight's first line."""
        y = line_top + (line_height - REVIEW_MARK) / 2
        x = self.lanes_left() - REVIEW_COLUMN + (REVIEW_COLUMN - REVIEW_MARK) / 2
        return QRectF(x, y, REVIEW_MARK, REVIEW_MARK)

    def label_room(self) -> float:
        """Pixels left of the review column for labels (0: none)."""
        room = self.lanes_left() - REVIEW_COLUMN - LABEL_GAP - 2
        return room if room >= MIN_LABEL else 0.0

    def label_of(self, tag_ids: tuple[int, ...]) -> str:
        return " · ".join(self._names[t] for t in tag_ids if t in self._names)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        view = self._view
        model = view.highlight_model()
        self._hits = []
        self.marks = []
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
        marks: list[tuple[QRectF, bool]] = []  # (where, dimmed), drawn over everything
        labels: list[tuple[float, float, str, QColor, int]] = []  # y0, y1, text, colour, id
        room = self.label_room()
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
                    bar = QRectF(x, y0 + 1, LANE_WIDTH, y1 - y0 - 2)
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(color)
                    painter.drawRoundedRect(bar, 2, 2)
                    self._hits.append((bar.adjusted(-1, 0, 1, 0), aid))
                    starts_here = h.start >= cs
                    if h.needs_review and starts_here:
                        marks.append((self.review_mark_rect(y0, first.height()), show is Show.DIM))
                    if room and starts_here and show is Show.FULL:
                        text = self.label_of(h.tag_ids)
                        if text:
                            labels.append((y0, y1, text, self._label_color(color), aid))
            top += height
            block = block.next()
        if labels:
            self._paint_labels(painter, labels, room)
        for rect, dimmed in marks:
            self._paint_mark(painter, rect, review_color, dimmed)
        self.marks = [rect for rect, _dimmed in marks]
        painter.end()

    def _paint_labels(
        self,
        painter: QPainter,
        labels: list[tuple[float, float, str, QColor, int]],
        room: float,
    ) -> None:
        """Right-aligned names left of the review column, each at its stripe's first line;
        a label that would overlap the one above moves down within its stripe, or is left out."""
        metrics = self._label_metrics
        line = metrics.height()
        right = self.lanes_left() - REVIEW_COLUMN - LABEL_GAP
        painter.setFont(self._label_font)
        free_from = float("-inf")
        for y0, y1, text, color, aid in sorted(labels, key=lambda item: item[0]):
            y = max(y0 + 2, free_from)
            if y + line > max(y1, y0 + line + 2):
                continue  # no room left beside its stripe: the tooltip still names it
            key = (text, int(room))
            shown = self._elided.get(key)
            if shown is None:
                shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
                self._elided[key] = shown
            if not shown or shown == "…":
                continue
            width = metrics.horizontalAdvance(shown)
            rect = QRectF(right - width, y, width, line)
            painter.setPen(color)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown
            )
            self._hits.append((rect, aid))
            free_from = y + line

    def _label_color(self, color: QColor) -> QColor:
        """The stripe's colour, darkened (or on a dark page lightened) until small text in it
        reads against the page (contrast 4.5, as WCAG asks of body text)."""
        base = self._view.palette().color(QPalette.ColorRole.Base)
        found = self._label_colors.get((color.rgb(), base.rgb()))
        if found is None:
            found = QColor(color)
            dark = is_dark(self._view.palette())
            for _ in range(12):
                if contrast_ratio(found, base) >= 4.5:
                    break
                found = found.lighter(115) if dark else found.darker(115)
            self._label_colors[(color.rgb(), base.rgb())] = found
        return found

    def _paint_mark(self, painter: QPainter, rect: QRectF, amber: QColor, dimmed: bool) -> None:
        color = QColor(amber)
        if dimmed:
            color.setAlphaF(0.35)
        # Outlined in the page colour: it stands out over a stripe as over the bare page.
        base = self._view.palette().color(QPalette.ColorRole.Base)
        painter.setPen(QPen(base, 1.5))
        painter.setBrush(color)
        c = rect.center()
        r = rect.width() / 2 + 0.5
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

    def ids_at(self, x: float, y: float) -> list[int]:
        """The highlights whose stripe or label was painted under (x, y)."""
        found = [aid for rect, aid in self._hits if rect.contains(x, y)]
        return list(dict.fromkeys(found))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            ids = self.ids_at(event.pos().x(), event.pos().y())
            tip = self._view.tooltip_for(ids) if ids else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
