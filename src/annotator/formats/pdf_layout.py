"""Lay a PDF page's words out as a reader reads them: lines, columns in order, paragraph starts.

Coordinates are PDF points with y growing upwards. Words come from the text layer with their
boxes; the drawing order in the file is not trusted (producers emit columns interleaved,
headers last, and so on).

- Lines: the page is cut into columns where a gutter runs (a vertical strip at least 0.8 line
  heights wide that no word covers down the page: word spaces, even stretched by
  justification, do not line up from line to line); a line is a row of words in a column, or
  across columns where the gap is only a word space (a title). A page without gutters cuts a
  row only at a gap of three line heights.
- Reading order: a vertical gutter is an x no line crosses with at least three lines on either
  side; lines crossing it (titles, full-width figures' captions) cut the page into bands, and
  within a band the left side is read before the right, each side ordered the same way (so
  three columns work too). Without a gutter, lines read top to bottom.
- Paragraphs: a new one starts where the gap above a line is over 1.5 times the usual line
  pitch, where the font size changes by more than 15%, where a line is indented by more than
  half its height from its column's left edge, or after a line that stopped with room for the
  next line's first word (it was not pushed down: the paragraph ended).
"""

from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter

_MIN_SIDE = 3  # lines on each side of a gutter
_WIDE_GAP = 3.0  # line heights: a gap this wide splits a line even where no gutter runs
_GUTTER_WIDTH = 0.8  # line heights: the narrowest gutter between columns
_MIN_SIDE_WORDS = 12
_PITCH_FACTOR = 1.5
_SIZE_CHANGE = 0.15
_INDENT = 0.5
_SPACE = 1.2  # font sizes: a word space, and a margin for the measure
_MEASURE_QUANTILE = 0.8
_HYPHENS = ("-", "\u00ad", "\u2010")


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    index: int = 0  # of its first character in the page's text layer


@dataclass(slots=True)
class Line:
    words: list[Word]
    x0: float
    x1: float
    bottom: float
    top: float
    column: int = 0  # which column (band and side) it was read in
    starts_paragraph: bool = False
    room: float = 0.0  # the space left between its end and its column's right edge
    size: float = 0.0  # the font size of its first word (its height, when unknown)
    text: str = field(default="")

    @property
    def height(self) -> float:
        return self.top - self.bottom


def make_lines(words: list[Word]) -> list[Line]:
    """Words grouped into lines (see the module docstring), each line's words left to right.

    The page is cut into columns at its gutters first, as the lines of two columns need not
    share baselines. In each column, a word whose middle lies within the box of its row's
    first (highest) word is on that row, whatever its letters' heights ("growing" reaches
    lower than "was"). Two rows that meet across a gutter with no more than a word space
    between them are one line after all: a title across the columns.
    """
    gutters = page_gutters(words)
    cuts = [(start + end) / 2 for start, end in gutters]
    columns: list[list[Word]] = [[] for _ in range(len(cuts) + 1)]
    for word in words:
        columns[bisect_left(cuts, (word.x0 + word.x1) / 2)].append(word)
    per_column = [_rows(column, split_wide=not gutters) for column in columns]
    lines = per_column[0]
    for right in per_column[1:]:
        lines = _join_across(lines, right)
    return lines


def _rows(words: list[Word], split_wide: bool) -> list[Line]:
    rows: list[list[Word]] = []
    low = high = 0.0
    for word in sorted(words, key=_middle, reverse=True):
        middle = (word.top + word.bottom) / 2
        if rows and low <= middle <= high:
            rows[-1].append(word)
        else:
            rows.append([word])
            low, high = word.bottom, word.top
    lines: list[Line] = []
    for row in rows:
        row.sort(key=_left)
        if not split_wide:
            lines.append(_line(row))
            continue
        current = [row[0]]
        for word in row[1:]:
            before = current[-1]
            height = max(before.top - before.bottom, word.top - word.bottom)
            # Without a gutter to go by, only a gap no justification makes parts a row.
            if word.x0 - before.x1 > _WIDE_GAP * height:
                lines.append(_line(current))
                current = [word]
            else:
                current.append(word)
        lines.append(_line(current))
    return lines


def _middle(word: Word) -> float:
    return word.top + word.bottom


_left = attrgetter("x0")


def _join_across(left: list[Line], right: list[Line]) -> list[Line]:
    """``left`` and ``right`` lines, those meeting across the gutter with a word space merged."""
    if not left or not right:
        return left + right
    by_middle = sorted(left, key=lambda line: (line.top + line.bottom) / 2)
    middles = [(line.top + line.bottom) / 2 for line in by_middle]
    merged: set[int] = set()
    kept: list[Line] = []
    for line in right:
        middle = (line.top + line.bottom) / 2
        at = bisect_left(middles, line.bottom)
        partner = None
        while at < len(by_middle) and middles[at] <= line.top:
            candidate = by_middle[at]
            space = line.x0 - candidate.x1
            if (
                id(candidate) not in merged
                and candidate.bottom <= middle <= candidate.top
                and (0 <= space < _GUTTER_WIDTH * line.height)
            ):
                partner = candidate
                break
            at += 1
        if partner is None:
            kept.append(line)
        else:
            merged.add(id(partner))
            kept.append(_line(partner.words + line.words))
    return [line for line in left if id(line) not in merged] + kept


def page_gutters(words: list[Word]) -> list[tuple[float, float]]:
    """Vertical strips no word (or hardly any: a title across) covers, with text either side.

    Word spaces do not line up from line to line, even stretched in justified text, so only a
    real gutter between columns is left uncovered all the way down the page.
    """
    if len(words) < 2 * _MIN_SIDE_WORDS:
        return []
    heights = sorted([w.top - w.bottom for w in words])
    min_width = _GUTTER_WIDTH * heights[len(heights) // 2]
    allowed = max(2, len(words) // 200)  # words crossing it: a heading, a wide caption
    starts = sorted([w.x0 for w in words])
    ends = sorted([w.x1 for w in words])
    left_edge, right_edge = min(starts[0], ends[0]), max(starts[-1], ends[-1])
    gutters: list[tuple[float, float]] = []
    # A sweep from left to right over the word edges, an end before a start at the same x:
    # the number of words covering x drops to ``allowed`` where a gutter opens.
    covering = 0
    opened: float | None = None
    count = len(starts)
    i = j = 0
    while j < count:
        if i < count and starts[i] < ends[j]:
            x = starts[i]
            i += 1
            covering += 1
            if covering == allowed + 1 and opened is not None:
                if (
                    x - opened >= min_width
                    and opened > left_edge
                    and x < right_edge
                    and bisect_right(ends, opened) >= _MIN_SIDE_WORDS
                    and count - bisect_left(starts, x) >= _MIN_SIDE_WORDS
                ):
                    gutters.append((opened, x))
                opened = None
        else:
            covering -= 1
            if covering == allowed:
                opened = ends[j]
            j += 1
    return gutters


def _line(words: list[Word]) -> Line:
    top = max([w.top for w in words])
    bottom = min([w.bottom for w in words])
    right = max([w.x1 for w in words])
    text = " ".join([w.text for w in words])
    return Line(words, words[0].x0, right, bottom, top, text=text, size=top - bottom)


def reading_order(lines: list[Line]) -> list[Line]:
    """``lines`` in reading order, each with its ``column`` set (see the module docstring)."""
    ordered: list[Line] = []
    _order(lines, ordered, [0])
    return ordered


def _order(lines: list[Line], out: list[Line], column: list[int]) -> None:
    top_down = sorted(lines, key=lambda line: (-line.top, line.x0))
    gutter = _gutter(lines)
    if gutter is None:
        for line in top_down:
            line.column = column[0]
        out.extend(top_down)
        column[0] += 1
        return
    band: list[Line] = []
    for line in top_down:
        if line.x0 < gutter < line.x1:  # crosses the gutter: ends the band above it
            _flush(band, gutter, out, column)
            band = []
            line.column = column[0]
            out.append(line)
            column[0] += 1
        else:
            band.append(line)
    _flush(band, gutter, out, column)


def _flush(band: list[Line], gutter: float, out: list[Line], column: list[int]) -> None:
    left = [line for line in band if line.x1 <= gutter]
    right = [line for line in band if line.x0 >= gutter]
    for side in (left, right):
        if side:
            _order(side, out, column)


def _gutter(lines: list[Line]) -> float | None:
    """An x that few lines cross, with at least three whole lines on each side; else None."""
    if len(lines) < 2 * _MIN_SIDE:
        return None
    starts = sorted(line.x0 for line in lines)
    ends = sorted(line.x1 for line in lines)
    low, high = starts[0], ends[-1]
    width = high - low
    best: tuple[int, float, float] | None = None  # (crossing, -gap, x)
    for end in ends:
        if not low + 0.2 * width <= end <= low + 0.8 * width:
            continue
        left = bisect_right(ends, end)  # lines ending at or before this x
        following = bisect_left(starts, end + 0.5)  # lines starting before just after it
        right = len(lines) - following
        crossing = following - left
        if left < _MIN_SIDE or right < _MIN_SIDE:
            continue
        nxt = starts[following] if following < len(starts) else high
        gap = nxt - end
        if gap < 4:  # points: not a gutter, just words close together
            continue
        if crossing * 4 > min(left, right):  # too many lines run across it
            continue
        candidate = (crossing, -gap, end + gap / 2)
        if best is None or candidate < best:
            best = candidate
    return best[2] if best else None


def mark_paragraphs(lines: list[Line], before: Line | None = None) -> None:
    """Set ``starts_paragraph`` on a page's lines in reading order (see the module docstring).

    ``before`` is the last line of the page before, whose paragraph may carry on here.
    """
    if not lines:
        return
    pitches = [
        prev.top - line.top
        for prev, line in zip(lines, lines[1:], strict=False)
        if prev.column == line.column and 0 < prev.top - line.top < 3 * prev.height
    ]
    pitch = statistics.median(pitches) if pitches else max(line.height for line in lines) * 1.2
    edges: dict[int, tuple[float, float]] = {}
    ends: dict[int, list[float]] = {}
    for line in lines:
        left, right = edges.get(line.column, (line.x0, line.x1))
        edges[line.column] = (min(left, line.x0), max(right, line.x1))
        ends.setdefault(line.column, []).append(line.x1)
    # The measure: where most full lines end. The longest line may overhang it (a word that
    # could not be broken, hanging punctuation) and would make every line look short.
    measure = {column: _measure(found) for column, found in ends.items()}
    for line in lines:
        line.room = measure[line.column] - line.x1
    previous = before
    for line in lines:
        if previous is None:
            line.starts_paragraph = True
        else:
            left = edges[line.column][0]
            same_column = previous is not before and previous.column == line.column
            gap = previous.top - line.top
            size = abs(line.size - previous.size) > _SIZE_CHANGE * previous.size
            indented = line.x0 - left > _INDENT * line.height
            line.starts_paragraph = (
                (same_column and gap > _PITCH_FACTOR * pitch)
                or size
                or indented
                or _broke_early(previous, line)
            )
        previous = line


def _measure(ends: list[float]) -> float:
    ends = sorted(ends)
    return ends[int(_MEASURE_QUANTILE * (len(ends) - 1))] if len(ends) >= 5 else ends[-1]


def _broke_early(previous: Line, line: Line) -> bool:
    """Whether ``line``'s first word would have fitted at the end of ``previous``.

    Typesetting moves a word to the next line only when it does not fit, so a line that stops
    with room for it ended its paragraph: in justified and ragged text alike. A line that ends
    in a hyphenated word ran on, whatever its length.
    """
    if ends_hyphenated(previous.text):
        return False
    first = line.words[0]
    return previous.room > (first.x1 - first.x0) + _SPACE * line.size


def ends_hyphenated(text: str) -> bool:
    """Whether ``text`` ends in a hyphen that ends a word: "inter-", not " -" or "_-"."""
    return text.endswith(_HYPHENS) and len(text) > 1 and not text[-2].isspace() and text[-2] != "_"
