"""Which sentences of a raw sentence diff moved, and which of its equal runs to distrust."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from annotator.reanchor.patience import Ops, normalise


class Moves:
    """What a raw sentence diff moved, and the equal runs it is not to be trusted with."""

    def __init__(self, ops: Ops, coded_a: str, coded_b: str) -> None:
        self.coded_a, self.coded_b = coded_a, coded_b
        deleted: Counter[str] = Counter()
        inserted: Counter[str] = Counter()
        for op, i, j, n in _walk(ops):
            if op == "-":
                deleted.update(coded_a[i : i + n])
            elif op == "+":
                inserted.update(coded_b[j : j + n])
        # Moved: every copy deleted somewhere is inserted somewhere else (none edited or gone).
        self.moved = {c for c, n in deleted.items() if inserted[c] == n}
        self.held_a: set[int] = set()  # old and new token indices let go by distrust_repeated
        self.held_b: set[int] = set()

    def held(self, a0: int, a1: int, b0: int, b1: int) -> tuple[list[bool], list[bool]]:
        """For each old and new token of a changed region, whether it stays out of the word by
        word comparison: a sentence that moved (found on this side of the region only) when
        nothing on the other side can be an edited version of it (all there moved too), and the
        runs let go by ``distrust_repeated``. Compared word by word with what took its place, a
        moved sentence would pair with a look-alike there (a varied copy of its paragraph)."""
        old, new = self.coded_a[a0:a1], self.coded_b[b0:b1]
        held_a = [i in self.held_a for i in range(a0, a1)]
        held_b = [j in self.held_b for j in range(b0, b1)]
        for coded, others, held in ((old, new, held_a), (new, old, held_b)):
            if all(c in self.moved for c in others):
                only = set(coded) - set(others)
                for k, c in enumerate(coded):
                    held[k] = held[k] or (c in only and c in self.moved)
        return held_a, held_b

    def distrust_repeated(self, ops: Ops, tokens_a: list[str]) -> Ops:
        """``ops`` with the equal runs that are no evidence of place turned into changes.

        Varied copies of a paragraph share sentences. When paragraphs are reordered, the raw
        diff may keep such sentences "in place" by pairing them with the copy in another
        paragraph. Between changes that moved sentences, a run no longer than the changes on
        either side, made of sentences that occur more than once and not a whole paragraph
        (kept boilerplate stays where it was), is treated as moved too: the search decides by
        context. Repeated until nothing changes, since a run let go joins the changes around it.
        """
        count_a, count_b = Counter(self.coded_a), Counter(self.coded_b)
        while True:
            runs = _runs(ops)
            out: Ops = []
            for k, (same, n_a, n_b, i0, j0) in enumerate(runs):
                if not same:
                    out.extend((("-", n_a), ("+", n_b)))
                    continue
                tokens = self.coded_a[i0 : i0 + n_a]
                whole = (i0 == 0 or paragraph_end(tokens_a[i0 - 1])) and paragraph_end(
                    tokens_a[i0 + n_a - 1]
                )
                if (
                    0 < k < len(runs) - 1
                    and not whole
                    and any(count_a[c] > 1 or count_b[c] > 1 for c in tokens)
                    and n_a <= max(runs[k - 1][1:3])
                    and n_a <= max(runs[k + 1][1:3])
                    and self._moving(runs[k - 1])
                    and self._moving(runs[k + 1])
                ):
                    self.held_a.update(range(i0, i0 + n_a))
                    self.held_b.update(range(j0, j0 + n_a))
                    out.extend((("-", n_a), ("+", n_a)))
                else:
                    out.append(("=", n_a))
            out = normalise(out)
            if out == ops:
                return ops
            ops = out

    def _moving(self, run: tuple[bool, int, int, int, int]) -> bool:
        """Whether a changed run holds a sentence that moved (to or from elsewhere)."""
        _, n_a, n_b, i0, j0 = run
        old, new = self.coded_a[i0 : i0 + n_a], self.coded_b[j0 : j0 + n_b]
        return any(c in self.moved for c in set(old) ^ set(new))


def sentence_keys(tokens_a: list[str], tokens_b: list[str]) -> tuple[list[str], list[str]]:
    """What each sentence token is compared by: its text, or, for a sentence found more than
    once, its text between the sentences next to it in its paragraph.

    Varied copies of a paragraph share sentences, and a shared sentence paired with its copy in
    another paragraph would carry annotations there.
    """
    count_a, count_b = Counter(tokens_a), Counter(tokens_b)
    repeated = {t for t in (*count_a, *count_b) if count_a[t] > 1 or count_b[t] > 1}
    return _in_context(tokens_a, repeated), _in_context(tokens_b, repeated)


def _in_context(tokens: list[str], repeated: set[str]) -> list[str]:
    keys = []
    for k, token in enumerate(tokens):
        if token in repeated:
            before = "" if k == 0 or paragraph_end(tokens[k - 1]) else tokens[k - 1]
            after = "" if k + 1 == len(tokens) or paragraph_end(token) else tokens[k + 1]
            token = f"{before}\0{token}\0{after}"
        keys.append(token)
    return keys


def paragraph_end(token: str) -> bool:
    """Whether a (folded) sentence token ends a paragraph: a blank line is two spaces or more."""
    return len(token) >= 2 and token[-2:].isspace()


def _walk(ops: Ops) -> Iterator[tuple[str, int, int, int]]:
    """Each operation with the old and new token index where it starts."""
    i = j = 0
    for op, n in ops:
        yield op, i, j, n
        i += n if op != "+" else 0
        j += n if op != "-" else 0


def _runs(ops: Ops) -> list[tuple[bool, int, int, int, int]]:
    """Equal runs and changed runs: (equal, old tokens, new tokens, old start, new start)."""
    runs: list[list] = []
    for op, i, j, n in _walk(ops):
        same = op == "="
        if runs and runs[-1][0] == same:
            runs[-1][1] += n if op != "+" else 0
            runs[-1][2] += n if op != "-" else 0
        else:
            runs.append([same, n if op != "+" else 0, n if op != "-" else 0, i, j])
    return [tuple(run) for run in runs]
