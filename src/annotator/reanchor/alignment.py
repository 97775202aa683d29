"""Map positions from an old text to a new one through a diff, and list what it changed."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

_WORD = re.compile(r"\w+")


class Alignment:
    """The equal stretches of a diff, to map old positions to new ones.

    A span edge that falls inside a changed region goes to that region's edge: the span takes in
    the new text of an edit that overlaps it (the diff is precise enough that a region is a
    replaced word or phrase, not a replaced word and the paragraph inserted after it).
    """

    def __init__(self, ops: list[tuple[str, int]], old: str = "", new: str = "") -> None:
        self.old_starts: list[int] = []
        self.new_starts: list[int] = []
        self.lengths: list[int] = []
        i = j = 0
        for op, n in ops:
            if op == "=":
                self.old_starts.append(i)
                self.new_starts.append(j)
                self.lengths.append(n)
                i += n
                j += n
            elif op == "-":
                i += n
            else:
                j += n
        self.old_length, self.new_length = i, j
        self._old, self._new = old, new

    @property
    def folded(self) -> tuple[str, str]:
        """The old and new (folded) texts the alignment was made from."""
        return self._old, self._new

    @classmethod
    def of(cls, ops: list[tuple[str, int]], old: str = "", new: str = "") -> Alignment:
        return cls(ops, old, new)

    def map_start(self, p: int) -> int:
        """Where a span starting at old ``p`` starts (a changed first word brings its new text)."""
        k = bisect_right(self.old_starts, p) - 1
        if k >= 0 and p < self.old_starts[k] + self.lengths[k]:
            return self.new_starts[k] + p - self.old_starts[k]
        return self.new_starts[k] + self.lengths[k] if k >= 0 else 0

    def map_end(self, p: int) -> int:
        """Where a span ending at old ``p`` (exclusive) ends."""
        k = bisect_right(self.old_starts, p - 1) - 1
        if k >= 0 and p - 1 < self.old_starts[k] + self.lengths[k]:
            return self.new_starts[k] + p - self.old_starts[k]
        return self.new_starts[k + 1] if k + 1 < len(self.new_starts) else self.new_length

    def kept(self, start: int, end: int, folded_old: str) -> int:
        """How many non-space characters of old ``[start, end)`` the diff keeps."""
        total = 0
        k = max(bisect_right(self.old_starts, start) - 1, 0)
        while k < len(self.old_starts) and self.old_starts[k] < end:
            a = max(start, self.old_starts[k])
            b = min(end, self.old_starts[k] + self.lengths[k])
            if b > a:
                total += b - a - folded_old.count(" ", a, b)
            k += 1
        return total

    def kept_words(self, start: int, end: int, folded_old: str) -> tuple[int, int]:
        """How many words of old ``[start, end)`` the diff keeps whole, and how many there are."""
        kept = total = 0
        for word in _WORD.finditer(folded_old, start, end):
            total += 1
            k = bisect_right(self.old_starts, word.start()) - 1
            kept += k >= 0 and word.end() <= self.old_starts[k] + self.lengths[k]
        return kept, total

    def connected_kept(
        self, start: int, end: int, old: str, folded_old: str, enough: int, small: int
    ) -> int:
        """Non-space characters kept in old ``[start, end)`` and around it in its paragraph.

        The walk goes out from the span through equal stretches and through changes of at most
        ``small`` characters per side (a copy-edit's replaced words); a larger change or the
        paragraph's edge ends it on that side, and counting stops at ``enough``.
        """
        first = old.rfind("\n\n", 0, start)
        low = 0 if first < 0 else first + 2
        high = old.find("\n\n", end)
        high = len(old) if high < 0 else high

        def count(a: int, b: int) -> int:
            a, b = max(a, low), min(b, high)
            return b - a - folded_old.count(" ", a, b) if b > a else 0

        total = self.kept(start, end, folded_old)
        starts, lengths = self.old_starts, self.lengths
        k = bisect_right(starts, end - 1) - 1  # last equality starting before the span ends
        if k >= 0:
            total += count(end, starts[k] + lengths[k])
        while total < enough and k + 1 < len(starts) and starts[k + 1] < high:
            if not self._small(k, small):
                break
            k += 1
            total += count(starts[k], starts[k] + lengths[k])
        k = bisect_right(starts, start - 1) - 1  # last equality starting before the span
        if k < 0 or starts[k] + lengths[k] <= low:
            return total
        if start > starts[k] + lengths[k] and not self._small(k, small):
            return total  # the span starts after a large change
        total += count(starts[k], min(start, starts[k] + lengths[k]))
        while total < enough and k > 0 and starts[k - 1] + lengths[k - 1] > low:
            if not self._small(k - 1, small):
                break
            k -= 1
            total += count(starts[k], starts[k] + lengths[k])
        return total

    def _small(self, k: int, small: int) -> bool:
        """Whether the change after equality ``k`` has at most ``small`` characters per side."""
        last = k + 1 >= len(self.old_starts)
        old_end = self.old_length if last else self.old_starts[k + 1]
        new_end = self.new_length if last else self.new_starts[k + 1]
        old_gap = old_end - (self.old_starts[k] + self.lengths[k] if k >= 0 else 0)
        new_gap = new_end - (self.new_starts[k] + self.lengths[k] if k >= 0 else 0)
        return old_gap <= small and new_gap <= small

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The new range between the kept text nearest before old ``start`` and after ``end``.

        What lies there took the span's place: a quote found there did not move.
        """
        starts, lengths = self.old_starts, self.lengths
        k = bisect_right(starts, start) - 1
        if k < 0:
            low = 0
        else:
            low = self.new_starts[k] + min(start - starts[k], lengths[k])
        j = bisect_right(starts, end) - 1
        if j >= 0 and end <= starts[j] + lengths[j]:
            high = self.new_starts[j] + end - starts[j]
        elif j + 1 < len(starts):
            high = self.new_starts[j + 1]
        else:
            high = self.new_length
        return low, high

    def inserted(self, gap: int = 8) -> list[tuple[int, int]]:
        """New-text ranges the diff reports as inserted; ranges closer than ``gap`` are joined."""
        return _changed(self.new_starts, self.lengths, self.new_length, gap)

    def deleted(self, gap: int = 8) -> list[tuple[int, int]]:
        """Old-text ranges the diff reports as deleted; ranges closer than ``gap`` are joined."""
        return _changed(self.old_starts, self.lengths, self.old_length, gap)


def _changed(starts: list[int], lengths: list[int], total: int, gap: int) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    previous_end = 0
    for start, length in zip(starts, lengths, strict=True):
        if start > previous_end:
            ranges.append((previous_end, start))
        previous_end = start + length
    if total > previous_end:
        ranges.append((previous_end, total))
    joined: list[tuple[int, int]] = []
    for start, end in ranges:
        if joined and start - joined[-1][1] <= gap:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


class OffsetMap:
    """Maps an offset in the old text to the same place in the new one (a reader's place).

    It holds the alignment that re-anchored a document's annotations, so that a reload diffs
    once; with no annotations to place, the diff is made only if an offset is asked for.
    """

    def __init__(
        self, old_length: int, new_length: int, alignment: Callable[[], Alignment] | None = None
    ) -> None:
        self._old_length, self._new_length = old_length, new_length
        self._build = alignment
        self._alignment: Alignment | None = None

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text to itself."""
        return cls(length, length)

    def map_offset(self, offset: int) -> int:
        """Where old ``offset`` is in the new text (offsets outside the old text are clamped)."""
        offset = max(0, min(offset, self._old_length))
        if self._build is not None:
            if self._alignment is None:
                self._alignment = self._build()
            offset = self._alignment.map_start(offset)
        return max(0, min(offset, self._new_length))

    def then(self, later: OffsetMap) -> OffsetMap:
        """This map followed by ``later`` (two reloads of a text between two looks at it)."""
        return _Chain(self, later)


class _Chain(OffsetMap):
    def __init__(self, first: OffsetMap, second: OffsetMap) -> None:
        super().__init__(first._old_length, second._new_length)
        self._steps = first, second

    def map_offset(self, offset: int) -> int:
        return self._steps[1].map_offset(self._steps[0].map_offset(offset))
