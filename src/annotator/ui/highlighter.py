"""Paint highlights into the reading view's blocks: colours, the tag filter, lazy block formatting.

Formats live in each block's layout (as ``QSyntaxHighlighter`` keeps them), never in the document,
so nothing here touches undo history or the text, and one block can be repainted alone. Colours are
blended against the palette's base colour, so the same tag colours read well on light and dark
themes; the text colour flips when the blend would leave it with too little contrast. Where
two highlights overlap, the background blends their colours and an underline shows the second;
three or more show the first colour deepened, with a wavy underline in the second.
A highlight that re-anchoring moved or edited, not yet accepted, gets a dashed amber underline
instead (it matters more than the overlap, which the margin strip shows anyway).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from PySide6.QtGui import (
    QColor,
    QPalette,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
    QTextLayout,
)

from annotator.ui.offsets import OffsetMap
from annotator.ui.segments import Highlight, SegmentIndex
from annotator.ui.theme import is_dark, warning_color

UNTAGGED_COLOR = "#9aa5b1"  # a neutral slate for annotations without a tag
REVIEW_UNDERLINE = QTextCharFormat.UnderlineStyle.DashUnderline


class Show(Enum):
    """How a highlight is painted under the current tag filter."""

    FULL = 0
    DIM = 1
    HIDDEN = 2


def luminance(c: QColor) -> float:
    """WCAG relative luminance of an opaque colour."""

    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def mix(under: QColor, over: QColor, alpha: float) -> QColor:
    """``over`` laid on ``under`` with opacity ``alpha``, as an opaque colour."""
    return QColor.fromRgbF(
        under.redF() * (1 - alpha) + over.redF() * alpha,
        under.greenF() * (1 - alpha) + over.greenF() * alpha,
        under.blueF() * (1 - alpha) + over.blueF() * alpha,
    )


def readable_text(background: QColor, preferred: QColor) -> QColor:
    """``preferred`` if it reads on ``background`` (contrast 4.5), else black or white."""
    if contrast(background, preferred) >= 4.5:
        return preferred
    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    return black if contrast(background, black) >= contrast(background, white) else white


class HighlightModel:
    """What the view shows: highlights, the tag filter, and the formats they paint with."""

    def __init__(self) -> None:
        self.index = SegmentIndex()
        self.offsets = OffsetMap("")
        self.filter_tags: frozenset[int] | None = None
        self.filter_mode = "dim"
        self._show: dict[int, Show] = {}
        # By colours, dimness and whether a highlight there needs review.
        self._formats: dict[tuple, QTextCharFormat | None] = {}
        # By the ids over a segment; stale once the filter or any of those highlights changes.
        self._segment_formats: dict[tuple[int, ...], QTextCharFormat | None] = {}
        self._cached_ids: set[int] = set()  # ids appearing in _segment_formats keys
        self._colors: dict[str, QColor] = {}
        self.base = QColor("white")
        self.text = QColor("black")
        self.dark = False

    # -- palette and colours ---------------------------------------------------------------

    def set_palette(self, palette: QPalette) -> None:
        self.base = palette.color(QPalette.ColorRole.Base)
        self.text = palette.color(QPalette.ColorRole.Text)
        self.dark = is_dark(palette)  # the one rule for a dark theme (ui.theme)
        self._formats.clear()
        self._segment_formats.clear()
        self._cached_ids.clear()

    def color(self, name: str) -> QColor:
        c = self._colors.get(name)
        if c is None:
            c = QColor(name)
            if not c.isValid():
                c = QColor(UNTAGGED_COLOR)
            self._colors[name] = c
        return c

    def review_color(self) -> QColor:
        """The amber of "needs review" marks, made to stand out against the base."""
        return warning_color(self.base)

    def colors_of(self, h: Highlight) -> tuple[str, ...]:
        return h.colors or (UNTAGGED_COLOR,)

    def marker_color(self, name: str) -> QColor:
        """A tag colour made to stand out against the base (for underlines and the margin)."""
        c = self.color(name)
        if contrast(c, self.base) >= 2.0:
            return c
        return c.lighter(160) if self.dark else c.darker(160)

    # -- filter ------------------------------------------------------------------------------

    def set_filter(self, tag_ids: Iterable[int] | None, mode: str) -> None:
        if mode not in ("dim", "hide"):
            raise ValueError(f"tag filter mode must be 'dim' or 'hide', not {mode!r}")
        self.filter_tags = None if tag_ids is None else frozenset(tag_ids)
        self.filter_mode = mode
        self._show.clear()
        self._segment_formats.clear()
        self._cached_ids.clear()

    def show(self, annotation_id: int) -> Show:
        s = self._show.get(annotation_id)
        if s is None:
            h = self.index.get(annotation_id)
            if h is None:
                return Show.HIDDEN
            if self.filter_tags is None or not self.filter_tags.isdisjoint(h.tag_ids):
                s = Show.FULL
            else:
                s = Show.DIM if self.filter_mode == "dim" else Show.HIDDEN
            self._show[annotation_id] = s
        return s

    def forget(self, annotation_id: int) -> None:
        """Drop cached state of one highlight (it was added, changed or removed)."""
        self._show.pop(annotation_id, None)
        if annotation_id in self._cached_ids:
            # Only an id that was painted before can sit in a cached key.
            self._cached_ids.discard(annotation_id)
            self._segment_formats = {
                k: v for k, v in self._segment_formats.items() if annotation_id not in k
            }

    def visible_ids(self, ids: Iterable[int]) -> list[int]:
        """``ids`` without those the filter hides."""
        return [a for a in ids if self.show(a) is not Show.HIDDEN]

    # -- formats -----------------------------------------------------------------------------

    def format_for(self, ids: tuple[int, ...]) -> QTextCharFormat | None:
        """The format of a segment covered by ``ids`` (None: paint nothing)."""
        try:
            return self._segment_formats[ids]
        except KeyError:
            pass
        full: list[str] = []
        dim = review = False
        get, show = self.index.get, self.show
        for a in ids:
            s = show(a)
            if s is Show.FULL:
                h = get(a)
                if h is None:  # (never: the segments hold only indexed highlights)
                    continue
                review = review or h.needs_review
                for name in self.colors_of(h):
                    if name not in full:
                        full.append(name)
            elif s is Show.DIM:
                dim = True
        key = (tuple(full), dim, review)
        try:
            fmt = self._formats[key]
        except KeyError:  # (None is a format too: plain text)
            fmt = self._formats[key] = self._make_format(full, dim, review)
        self._segment_formats[ids] = fmt
        self._cached_ids.update(ids)
        return fmt

    def _make_format(self, colors: list[str], dim: bool, review: bool) -> QTextCharFormat | None:
        if not colors and not dim:
            return None
        fmt = QTextCharFormat()
        if not colors:
            # Dimmed: a faint wash of neutral grey tells that something is there, nothing more.
            bg = mix(self.base, QColor(UNTAGGED_COLOR), 0.16 if self.dark else 0.12)
            fmt.setBackground(bg)
            return fmt
        alpha = 0.42 if self.dark else 0.34
        bg = self.base
        if len(colors) >= 3:
            # Three or more colours blend to mud: the first one's wash, deepened a little
            # towards the text colour (stacked codes), and a wavy underline in the second;
            # the labelled margin stripes name them all.
            bg = mix(mix(bg, self.color(colors[0]), alpha), self.text, 0.08)
        else:
            for name in colors:
                bg = mix(bg, self.color(name), alpha)
        fmt.setBackground(bg)
        fg = readable_text(bg, self.text)
        if fg != self.text:
            fmt.setForeground(fg)
        if review:
            fmt.setUnderlineStyle(REVIEW_UNDERLINE)
            fmt.setUnderlineColor(warning_color(bg))
        elif len(colors) > 1:
            style = QTextCharFormat.UnderlineStyle
            fmt.setUnderlineStyle(style.WaveUnderline if len(colors) > 2 else style.SingleUnderline)
            fmt.setUnderlineColor(self.marker_color(colors[1]))
        return fmt


class BlockFormatter:
    """Lays the model's formats into block layouts lazily, only for the blocks about to be painted.

    A change (filter, palette, highlights) only marks blocks stale; ``ensure`` formats a block
    when the view paints it. ``QTextLayout.setFormats`` drops the block's line layout, which the
    view rebuilds on demand, so formatting a block never costs more than laying out that block.
    Opening a 3 MB text or filtering 10,000 highlights therefore costs only the visible page.
    """

    def __init__(self, document: QTextDocument, model: HighlightModel) -> None:
        self._doc = document
        self._model = model
        self._fresh = bytearray()  # per block number: 1 when its formats are current

    def reset(self) -> None:
        """Every block stale (a new text, filter, palette or set of highlights)."""
        self._fresh = bytearray(self._doc.blockCount())

    def invalidate(self, qt_start: int, qt_end: int) -> None:
        """Blocks touching Qt positions ``[qt_start, qt_end]`` stale."""
        first = self._doc.findBlock(qt_start).blockNumber()
        last_block = self._doc.findBlock(qt_end)
        last = last_block.blockNumber() if last_block.isValid() else self._doc.blockCount() - 1
        if first < 0:
            return
        self._fresh[first : last + 1] = bytes(last + 1 - first)

    def ensure(self, block: QTextBlock) -> bool:
        """Format ``block`` if stale; True when its formats changed."""
        n = block.blockNumber()
        if n >= len(self._fresh):
            self._fresh.extend(bytes(n + 1 - len(self._fresh)))
        if self._fresh[n]:
            return False
        self._fresh[n] = 1
        ranges = self.ranges(block)
        layout = block.layout()
        if not ranges and not layout.formats():
            return False  # keep the line layout: nothing to paint, nothing to clear
        layout.setFormats(ranges)
        return True

    def ranges(self, block: QTextBlock) -> list[QTextLayout.FormatRange]:
        """The format ranges of ``block`` (block-local Qt positions)."""
        m = self._model
        if m.index.empty:
            return []
        qpos = block.position()
        qend = qpos + block.length() - 1
        offsets = m.offsets
        identity = offsets.is_identity
        if identity:
            starts, ends, ids = m.index.slice(qpos, qend)
        else:
            starts, ends, ids = m.index.slice(offsets.to_core(qpos), offsets.to_core(qend))
        out: list[QTextLayout.FormatRange] = []
        for s, e, key in zip(starts, ends, ids, strict=True):
            fmt = m.format_for(key)
            if fmt is None:
                continue
            qs, qe = (s, e) if identity else (offsets.to_qt(s), offsets.to_qt(e))
            qs, qe = max(qs, qpos), min(qe, qend)
            if qe <= qs:
                continue
            r = QTextLayout.FormatRange()
            r.start, r.length, r.format = qs - qpos, qe - qs, fmt
            out.append(r)
        return out
