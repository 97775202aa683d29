"""Map positions from an old text to a new one through a diff, and list what it inserted."""

from __future__ import annotations

from bisect import bisect_right

import fast_diff_match_patch as dmp

_LOCAL_LIMIT = 2_000  # characters per side of a changed region re-diffed to place a span edge
_TIME_LIMIT = 1.0  # seconds for that diff; never reached at this size


class Alignment:
    """The equal stretches of a diff, to map old positions to new ones.

    Given the two (folded) texts, a span edge that falls inside a changed region is placed by a
    character diff of that region alone, so that "partnership." edited to "pxrtnership." ends
    after the full stop and not at the end of a paragraph inserted after it.
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
        self._local: dict[int, Alignment | None] = {}

    @classmethod
    def of(cls, ops: list[tuple[str, int]], old: str = "", new: str = "") -> Alignment:
        return cls(ops, old, new)

    def map_start(self, p: int) -> int:
        """Where a span starting at old ``p`` starts (a changed first word brings its new text)."""
        k = bisect_right(self.old_starts, p) - 1
        if k >= 0 and p < self.old_starts[k] + self.lengths[k]:
            return self.new_starts[k] + p - self.old_starts[k]
        (o0, _), (n0, _), local = self._gap(k)
        return n0 + local.map_start(p - o0) if local else n0

    def map_end(self, p: int) -> int:
        """Where a span ending at old ``p`` (exclusive) ends."""
        k = bisect_right(self.old_starts, p - 1) - 1
        if k >= 0 and p - 1 < self.old_starts[k] + self.lengths[k]:
            return self.new_starts[k] + p - self.old_starts[k]
        (o0, _), (n0, n1), local = self._gap(k)
        return n0 + local.map_end(p - o0) if local else n1

    def _gap(self, k: int) -> tuple[tuple[int, int], tuple[int, int], Alignment | None]:
        """Old and new ranges of the changed region after equality ``k`` (-1: before the first)."""
        o0 = self.old_starts[k] + self.lengths[k] if k >= 0 else 0
        n0 = self.new_starts[k] + self.lengths[k] if k >= 0 else 0
        last = k + 1 >= len(self.old_starts)
        o1 = self.old_length if last else self.old_starts[k + 1]
        n1 = self.new_length if last else self.new_starts[k + 1]
        if k not in self._local:
            local = None
            if self._old and 0 < o1 - o0 <= _LOCAL_LIMIT and 0 < n1 - n0 <= _LOCAL_LIMIT:
                old, new = self._old[o0:o1], self._new[n0:n1]
                ops = dmp.diff(
                    old, new, timelimit=_TIME_LIMIT, checklines=False, cleanup="Semantic"
                )
                local = Alignment(ops)
            self._local[k] = local
        return (o0, o1), (n0, n1), self._local[k]

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

    def inserted(self, gap: int = 8) -> list[tuple[int, int]]:
        """New-text ranges the diff reports as inserted; ranges closer than ``gap`` are joined."""
        ranges: list[tuple[int, int]] = []
        previous_end = 0
        for new_start, length in zip(self.new_starts, self.lengths, strict=True):
            if new_start > previous_end:
                ranges.append((previous_end, new_start))
            previous_end = new_start + length
        if self.new_length > previous_end:
            ranges.append((previous_end, self.new_length))
        joined: list[tuple[int, int]] = []
        for start, end in ranges:
            if joined and start - joined[-1][1] <= gap:
                joined[-1] = (joined[-1][0], end)
            else:
                joined.append((start, end))
        return joined
