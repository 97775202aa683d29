"""Highlights and their interval index: overlapping spans merged into disjoint segments (no Qt).

Highlights overlap freely; painting and hit testing want, for any stretch of text, the set of
annotations covering it. ``SegmentIndex`` keeps the covered text as sorted, disjoint segments, each
listing the annotation ids over it (ordered by highlight start, then id, so "the second" highlight
of an overlap is well defined). Lookups bisect; adding, removing or changing one highlight rebuilds
only the segments under its span. All offsets are core code points.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Highlight:
    """One annotation as the reading view paints it: a span and the colours of its tags.

    ``needs_review``: re-anchoring moved the passage or changed words inside it and the reader
    has not accepted it yet; the view marks it until they do.
    """

    annotation_id: int
    start: int
    end: int
    colors: tuple[str, ...] = ()  # "#rrggbb" per tag, in the order of tag_ids
    tag_ids: tuple[int, ...] = ()
    needs_review: bool = False

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"highlight {self.annotation_id}: bad span [{self.start}, {self.end})")
        if len(self.colors) != len(self.tag_ids):
            raise ValueError(
                f"highlight {self.annotation_id}: {len(self.colors)} colours "
                f"for {len(self.tag_ids)} tags"
            )


class SegmentIndex:
    """Disjoint segments over a set of highlights, with bisect lookups and local updates."""

    def __init__(self, highlights: Iterable[Highlight] = ()) -> None:
        self._highlights: dict[int, Highlight] = {}
        for h in highlights:
            self._highlights[h.annotation_id] = h
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._ids: list[tuple[int, ...]] = []
        self._starts, self._ends, self._ids = self._sweep(self._highlights.values(), None)

    # -- queries -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._highlights)

    def __contains__(self, annotation_id: object) -> bool:
        return annotation_id in self._highlights

    def get(self, annotation_id: int) -> Highlight | None:
        return self._highlights.get(annotation_id)

    def highlights(self) -> list[Highlight]:
        """Every highlight, in the order of their start."""
        return sorted(self._highlights.values(), key=lambda h: (h.start, h.annotation_id))

    @property
    def empty(self) -> bool:
        return not self._starts

    def segments_in(self, start: int, end: int) -> Iterator[tuple[int, int, tuple[int, ...]]]:
        """Segments overlapping ``[start, end)``, clipped to it, as ``(start, end, ids)``."""
        i = bisect_right(self._ends, start)
        starts, ends, ids = self._starts, self._ends, self._ids
        n = len(starts)
        while i < n and starts[i] < end:
            yield max(starts[i], start), min(ends[i], end), ids[i]
            i += 1

    def slice(self, start: int, end: int) -> tuple[list[int], list[int], list[tuple[int, ...]]]:
        """Starts, ends and ids of the segments overlapping ``[start, end)`` (not clipped).

        The fast path for painting a block: three list slices, no per-segment objects.
        """
        i = bisect_right(self._ends, start)
        j = bisect_left(self._starts, end, i)
        return self._starts[i:j], self._ends[i:j], self._ids[i:j]

    def annotations_at(self, pos: int) -> list[int]:
        """Ids of the annotations covering the character at ``pos`` (start inclusive)."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._ends[i]:
            return list(self._ids[i])
        return []

    def annotations_in(self, start: int, end: int) -> list[int]:
        """Ids of the annotations overlapping ``[start, end)``, in order of their start."""
        seen: dict[int, None] = {}
        for _s, _e, ids in self.segments_in(start, end):
            for a in ids:
                seen[a] = None
        return sorted(seen, key=lambda a: (self._highlights[a].start, a))

    # -- updates -----------------------------------------------------------------------------

    def add(self, h: Highlight) -> tuple[int, int]:
        """Add or replace a highlight; returns the span whose painting changed."""
        old = self._highlights.get(h.annotation_id)
        self._highlights[h.annotation_id] = h
        if old is None:
            lo, hi = h.start, h.end
        else:
            lo, hi = min(old.start, h.start), max(old.end, h.end)
        self._rebuild(lo, hi, h.annotation_id)
        return lo, hi

    def remove(self, annotation_id: int) -> tuple[int, int] | None:
        """Remove a highlight; returns its span, or None when it was not there."""
        old = self._highlights.pop(annotation_id, None)
        if old is None:
            return None
        self._rebuild(old.start, old.end)
        return old.start, old.end

    def _rebuild(self, lo: int, hi: int, changed: int | None = None) -> None:
        # Segments touching [lo, hi) are replaced; every highlight over that stretch is listed in
        # one of them (or is the changed one), so a sweep of those alone rebuilds it exactly.
        i = bisect_right(self._ends, lo)
        if i > 0 and self._ends[i - 1] == lo:
            i -= 1  # a segment ending exactly at lo may merge with what follows
        j = bisect_left(self._starts, hi)
        if j < len(self._starts) and self._starts[j] == hi:
            j += 1
        involved: set[int] = set()
        for k in range(i, j):
            involved.update(self._ids[k])
        if i < j:
            lo, hi = min(lo, self._starts[i]), max(hi, self._ends[j - 1])
        if changed is not None:
            involved.add(changed)
        hs = [self._highlights[a] for a in involved if a in self._highlights]
        starts, ends, ids = self._sweep(hs, (lo, hi))
        self._starts[i:j] = starts
        self._ends[i:j] = ends
        self._ids[i:j] = ids

    @staticmethod
    def _sweep(
        highlights: Iterable[Highlight], window: tuple[int, int] | None
    ) -> tuple[list[int], list[int], list[tuple[int, ...]]]:
        events: list[tuple[int, int, int, int]] = []  # (pos, kind, start, id); kind 0 = end
        for h in highlights:
            s, e = h.start, h.end
            if window is not None:
                s, e = max(s, window[0]), min(e, window[1])
            if s >= e:
                continue
            events.append((s, 1, h.start, h.annotation_id))
            events.append((e, 0, h.start, h.annotation_id))
        events.sort()
        starts: list[int] = []
        ends: list[int] = []
        ids: list[tuple[int, ...]] = []
        active: dict[int, int] = {}  # id -> highlight start
        prev = None
        k = 0
        n = len(events)
        while k < n:
            pos = events[k][0]
            if active and prev is not None and pos > prev:
                key = tuple(sorted(active, key=lambda a: (active[a], a)))
                if ids and ends[-1] == prev and ids[-1] == key:
                    ends[-1] = pos  # same cover continues: extend rather than split
                else:
                    starts.append(prev)
                    ends.append(pos)
                    ids.append(key)
            while k < n and events[k][0] == pos:
                _p, kind, hstart, aid = events[k]
                if kind:
                    active[aid] = hstart
                else:
                    active.pop(aid, None)
                k += 1
            prev = pos
        return starts, ends, ids
