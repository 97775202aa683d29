"""Diff operations on token strings: patience pinning, clean-up by token, pieces held out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

Ops = list[tuple[str, int]]


def patience(a: str, b: str, stretch: Callable[[str, str], Ops]) -> Ops:
    """Tokens found once in each text and in the same order are pinned; ``stretch`` diffs the rest.

    A single diff of tens of thousands of tokens (reordered paragraphs, a long passage where every
    sentence was touched) would run out of time; the stretches between pins are short.
    """
    count_a, count_b = Counter(a), Counter(b)
    where_b = {code: j for j, code in enumerate(b) if count_b[code] == 1}
    pairs = [
        (i, where_b[code]) for i, code in enumerate(a) if count_a[code] == 1 and code in where_b
    ]
    ops: Ops = []
    i0 = j0 = 0
    for i, j in [*_increasing(pairs), (len(a), len(b))]:
        if i0 < i or j0 < j:
            ops.extend(stretch(a[i0:i], b[j0:j]))
        if i < len(a):
            ops.append(("=", 1))
        i0, j0 = i + 1, j + 1
    return merge(ops)


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` (sorted by first item) whose second items increase."""
    tails: list[int] = []  # tails[k]: index in pairs of the smallest end of a run of length k+1
    before = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        k = _search(pairs, tails, j)
        if k:
            before[index] = tails[k - 1]
        if k == len(tails):
            tails.append(index)
        else:
            tails[k] = index
    run: list[tuple[int, int]] = []
    index = tails[-1] if tails else -1
    while index >= 0:
        run.append(pairs[index])
        index = before[index]
    return run[::-1]


def _search(pairs: list[tuple[int, int]], tails: list[int], j: int) -> int:
    low, high = 0, len(tails)
    while low < high:
        mid = (low + high) // 2
        if pairs[tails[mid]][1] < j:
            low = mid + 1
        else:
            high = mid
    return low


def cleanup_semantic(ops: Ops) -> Ops:
    """Equalities no longer than the changes on either side of them become changes.

    The rule of diff-match-patch's semantic clean-up, applied to operations alone: a pinned "the"
    between two rewritten sentences is a coincidence, not a place where the texts agree.
    """
    ops = merge(ops)
    equalities: list[int] = []  # indices of the equalities still in question
    last: int | None = None  # length of the last equality seen
    before = after = (0, 0)  # characters deleted and inserted before and after it
    changed = False
    i = 0
    while i < len(ops):
        op, n = ops[i]
        if op == "=":
            equalities.append(i)
            before, after, last = after, (0, 0), n
        else:
            after = (after[0] + n, after[1]) if op == "-" else (after[0], after[1] + n)
            if last is not None and last <= max(before) and last <= max(after):
                k = equalities.pop()
                ops[k : k + 1] = [("-", last), ("+", last)]
                if equalities:
                    equalities.pop()  # the equality before it must be weighed again
                i = equalities[-1] if equalities else -1
                before = after = (0, 0)
                last = None
                changed = True
        i += 1
    return normalise(ops) if changed else ops


def weave(ops: Ops, old: list[tuple[int, bool]], new: list[tuple[int, bool]]) -> Ops:
    """``ops`` (a diff of the pieces not held out) with the held-out pieces put back in place,
    as deleted (old) or inserted (new). Pieces are (length, held out)."""
    out: Ops = []
    a, b = _Cursor(old, "-", out), _Cursor(new, "+", out)
    for op, n in ops:
        while n:
            step = n
            if op != "+":
                a.skip_held()
                step = min(step, a.left)
            if op != "-":
                b.skip_held()
                step = min(step, b.left)
            out.append((op, step))
            if op != "+":
                a.left -= step
            if op != "-":
                b.left -= step
            n -= step
    a.skip_held()
    b.skip_held()
    return normalise(out)


class _Cursor:
    """Where ``weave`` is in one side's pieces."""

    def __init__(self, pieces: list[tuple[int, bool]], op: str, out: Ops) -> None:
        self.pieces, self.op, self.out = pieces, op, out
        self.next = 0  # index of the next piece
        self.left = 0  # characters left of the current piece (not held out)

    def skip_held(self) -> None:
        while self.left == 0 and self.next < len(self.pieces):
            length, held = self.pieces[self.next]
            self.next += 1
            if held:
                self.out.append((self.op, length))
            else:
                self.left = length


def normalise(ops: Ops) -> Ops:
    """Each run of changes as one deletion then one insertion, equal neighbours joined."""
    out: Ops = []
    deleted = inserted = 0
    for op, n in ops:
        if op == "=":
            if deleted:
                out.append(("-", deleted))
            if inserted:
                out.append(("+", inserted))
            deleted = inserted = 0
            out.append(("=", n))
        elif op == "-":
            deleted += n
        else:
            inserted += n
    if deleted:
        out.append(("-", deleted))
    if inserted:
        out.append(("+", inserted))
    return merge(out)


def merge(ops: Ops) -> Ops:
    """Neighbouring operations of the same kind joined, empty ones dropped."""
    merged: Ops = []
    for op, n in ops:
        if not n:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + n)
        else:
            merged.append((op, n))
    return merged
