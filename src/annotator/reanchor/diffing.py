"""Diff two texts hierarchically: sentences, then words, then characters.

A character diff of megabytes is slow, and a diff that hits its time limit silently answers "delete
everything, insert everything". So the texts are cut into sentence tokens, each distinct token
becomes one character, and only the changed regions are diffed again at word level, and tiny
changed regions at character level. In long texts (and long changed regions), tokens that occur
once in each text are pinned first (as patience diff does), so reordered paragraphs cost little.

The sentence level keeps every sentence the two texts share: a sentence with one word changed is a
whole changed token there, so weighing equalities against changes at that level (semantic clean-up)
would count a copy-edit as a rewrite and swallow the unchanged sentences between edited ones, until
a copy-edited article became one replaced block. Clean-up happens at the word and character levels,
where changes have their true size; it drops coincidental equalities (a shared "the" between two
unrelated paragraphs), which is what keeps wrong anchors away. What the sentence level must not be
trusted with (a sentence that recurs, a sentence that moved) is moves.py's business.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from itertools import accumulate

import fast_diff_match_patch as dmp

from annotator.reanchor.moves import Moves, sentence_keys
from annotator.reanchor.patience import Ops, cleanup_semantic, merge, patience, weave

_SENTENCE_END = re.compile(r"""[.!?]+["')\]]*\s+|\s{2,}""")
_WORD = re.compile(r"\w+|\s+|[^\w\s]")
_PIECE = re.compile(r"\S+|\s+")
_LONG_TOKEN = 400  # sentence tokens longer than this are cut again at content-defined points
_CHAR_LEVEL_LIMIT = 40  # characters on the shorter side: a typo, a changed word or two
_CUTS = 8  # places a changed region's short side is cut to be compared with the long side's ends
_PATIENCE_FROM = 2_000  # tokens in both texts from which tokens occurring once are pinned
_TIME_LIMIT = 2.0  # seconds per diff call; only ever reached on pathological input
_CODE_BASE = 0xF0000  # supplementary private use planes: 131,072 codes, none in real text
_CODE_COUNT = 0x110000 - _CODE_BASE


def diff(
    a: str, b: str, raw_a: str | None = None, raw_b: str | None = None
) -> list[tuple[str, int]]:
    """Operations ("=", "-", "+") with lengths in code points turning ``a`` into ``b``.

    ``a`` and ``b`` may be folded texts; ``raw_a`` and ``raw_b`` (same lengths) are then the
    originals, whose line breaks decide where an ambiguous edit is placed.
    """
    ops: list[tuple[str, int]] = []
    _diff(a, b, 0, ops)
    return _slide(merge(ops), a, b, raw_a or a, raw_b or b)


def _slide(ops: Ops, a: str, b: str, raw_a: str, raw_b: str) -> list[tuple[str, int]]:
    # Deleting "x. During ... y" or ". During ... y." from "x. During ... y." is the same edit; an
    # annotation ending "x." keeps its full stop only with the second. So a lone insertion or
    # deletion between two equalities slides to where its edges fall on paragraph, line, sentence
    # or word boundaries (as diff-match-patch's semantic lossless clean-up, on the real text).
    kinds = [op for op, _ in ops]
    sizes = [n for _, n in ops]  # shifted in place as edits slide
    i = j = 0  # positions in a and b at the start of operation k
    for k, op in enumerate(kinds):
        n = sizes[k]
        if 0 < k < len(kinds) - 1 and op != "=" and kinds[k - 1] == "=" and kinds[k + 1] == "=":
            text, raw, x0 = (a, raw_a, i) if op == "-" else (b, raw_b, j)
            shift = _best_shift(text, raw, x0, x0 + n, sizes[k - 1], sizes[k + 1])
            sizes[k - 1] += shift
            sizes[k + 1] -= shift
            i += shift
            j += shift
        if op != "+":
            i += n
        if op != "-":
            j += n
    return merge(list(zip(kinds, sizes, strict=True)))


def _best_shift(text: str, raw: str, x0: int, x1: int, before: int, after: int) -> int:
    left = 0
    while left < min(before, 64) and text[x0 - 1 - left] == text[x1 - 1 - left]:
        left += 1
    right = 0
    while right < min(after, 64) and text[x0 + right] == text[x1 + right]:
        right += 1
    best, best_score = 0, -1
    for shift in range(-left, right + 1):
        score = _boundary(raw, x0 + shift) + _boundary(raw, x1 + shift)
        if score > best_score or (score == best_score and abs(shift) < abs(best)):
            best, best_score = shift, score
    return best


def _boundary(raw: str, p: int) -> int:
    if p <= 0 or p >= len(raw):
        return 6
    one, two = raw[p - 1], raw[p]
    if raw[p - 2 : p] == "\n\n" or raw[p : p + 2] == "\n\n":
        return 5
    if one == "\n" or two == "\n":
        return 4
    if one in ".!?" and two.isspace():
        return 3
    if one.isspace() or two.isspace():
        return 2
    return 0 if one.isalnum() and two.isalnum() else 1


def _diff(a: str, b: str, level: int, out: list[tuple[str, int]]) -> None:
    head = _common_prefix_length(a, b)
    if head:
        out.append(("=", head))
        a, b = a[head:], b[head:]
    tail = _common_suffix_length(a, b)
    if tail:
        a, b = a[: len(a) - tail], b[: len(b) - tail]
    if not a or not b:
        if a:
            out.append(("-", len(a)))
        if b:
            out.append(("+", len(b)))
    elif level == 2:
        out.extend(dmp.diff(a, b, timelimit=_TIME_LIMIT, checklines=False, cleanup="Semantic"))
    else:
        _token_diff(a, b, level, out)
    if tail:
        out.append(("=", tail))


def _token_diff(a: str, b: str, level: int, out: list[tuple[str, int]]) -> None:
    split = sentences if level == 0 else _words
    tokens_a, tokens_b = split(a), split(b)
    codes: dict[str, str] = {}
    keys_a, keys_b = (tokens_a, tokens_b) if level else sentence_keys(tokens_a, tokens_b)
    try:
        coded_a = "".join(_code(codes, key) for key in keys_a)
        coded_b = "".join(_code(codes, key) for key in keys_b)
    except OverflowError:
        out.extend((("-", len(a)), ("+", len(b))))
        return
    # Sentences are compared raw (see the module's docstring); words with semantic clean-up.
    cleanup = "No" if level == 0 else "Semantic"
    if len(coded_a) + len(coded_b) > _PATIENCE_FROM:
        ops = patience(coded_a, coded_b, lambda x, y: _dmp(x, y, cleanup))
        if level:
            ops = cleanup_semantic(ops)
    else:
        ops = _dmp(coded_a, coded_b, cleanup)
    ends_a = [0, *accumulate(map(len, tokens_a))]
    ends_b = [0, *accumulate(map(len, tokens_b))]
    moves = None
    if level == 0:
        moves = Moves(ops, coded_a, coded_b)
        ops = moves.distrust_repeated(ops, tokens_a)
    i = j = 0  # token indices into a and b
    pending_a = pending_b = 0  # start of the current changed region, in tokens
    changed = False
    for op, n in ops:
        if op == "=":
            if changed:
                _held_out(a, b, ends_a, ends_b, pending_a, i, pending_b, j, level, moves, out)
                changed = False
            out.append(("=", ends_a[i + n] - ends_a[i]))
            i += n
            j += n
            continue
        if not changed:
            pending_a, pending_b, changed = i, j, True
        if op == "-":
            i += n
        else:
            j += n
    if changed:
        _held_out(a, b, ends_a, ends_b, pending_a, i, pending_b, j, level, moves, out)


def _held_out(
    a: str,
    b: str,
    ends_a: list[int],
    ends_b: list[int],
    a0: int,
    a1: int,
    b0: int,
    b1: int,
    level: int,
    moves: Moves | None,
    out: Ops,
) -> None:
    # Sentences let go as no evidence of place stay whole; only the rest of the region is
    # compared word by word.
    if moves is None:
        _refine(a, b, ends_a, ends_b, a0, a1, b0, b1, level, out)
        return
    held_a, held_b = moves.held(a0, a1, b0, b1)
    if not (any(held_a) or any(held_b)):
        _refine(a, b, ends_a, ends_b, a0, a1, b0, b1, level, out)
        return
    kept_a = [i for i in range(a0, a1) if not held_a[i - a0]]
    kept_b = [j for j in range(b0, b1) if not held_b[j - b0]]
    old = "".join(a[ends_a[i] : ends_a[i + 1]] for i in kept_a)
    new = "".join(b[ends_b[j] : ends_b[j + 1]] for j in kept_b)
    ops: list[tuple[str, int]] = []
    _refine(old, new, [0, len(old)], [0, len(new)], 0, 1, 0, 1, level, ops)
    pieces_a = [(ends_a[i + 1] - ends_a[i], held_a[i - a0]) for i in range(a0, a1)]
    pieces_b = [(ends_b[j + 1] - ends_b[j], held_b[j - b0]) for j in range(b0, b1)]
    out.extend(weave(ops, pieces_a, pieces_b))


def _dmp(a: str, b: str, cleanup: str) -> list[tuple[str, int]]:
    if not a or not b:
        return [("-", len(a))] * bool(a) + [("+", len(b))] * bool(b)
    return dmp.diff(a, b, timelimit=_TIME_LIMIT, checklines=False, cleanup=cleanup)


def _refine(
    a: str,
    b: str,
    ends_a: list[int],
    ends_b: list[int],
    a0: int,
    a1: int,
    b0: int,
    b1: int,
    level: int,
    out: Ops,
) -> None:
    old = a[ends_a[a0] : ends_a[a1]]
    new = b[ends_b[b0] : ends_b[b1]]
    if old and new:
        # Sentences changed in any way are compared word by word, however many: a copy-edited
        # article has a change in most of its sentences, and each one is still mostly the same.
        if level == 0:
            out.extend(_best_of(old, new, 1, lambda x, y, ops: _diff(x, y, 1, ops)))
            return
        # Changed words are compared one for one when they line up, else character by
        # character only when few (a typo, a changed word or two).
        if _pair_words(old, new, out):
            return
        if min(len(old), len(new)) <= _CHAR_LEVEL_LIMIT:
            out.extend(_best_of(old, new, 2, _char_diff))
            return
    if old:
        out.append(("-", len(old)))
    if new:
        out.append(("+", len(new)))


def _char_diff(old: str, new: str, out: list[tuple[str, int]]) -> None:
    if max(len(old), len(new)) <= 1_000:  # a character diff of more costs too much
        _diff(old, new, 2, out)
    else:
        out.extend((("-", len(old)), ("+", len(new))))


def _best_of(
    old: str, new: str, level: int, whole: Callable[[str, str, Ops], None]
) -> list[tuple[str, int]]:
    """The diff of ``old`` and ``new`` at ``level`` that keeps the most text.

    A changed region often joins edited sentences (or words) to a whole paragraph inserted or
    deleted among them. Compared as one, an edited sentence may be paired with the paragraph's
    first or last words ("The " of "The Evidence" with "The " of a paragraph moved in before
    it) and the true match lost. So when one side is much longer, the short side is also cut in
    two at each of a few sentence (or word) boundaries, its head compared with the start of the
    long side and its tail with the end, what lies between counting as inserted or deleted.
    """
    options: list[list[tuple[str, int]]] = [[]]
    whole(old, new, options[0])
    short, long = sorted((old, new), key=len)
    if len(long) > 2 * len(short) + _CHAR_LEVEL_LIMIT:
        pieces = sentences(short) if level == 1 else _PIECE.findall(short)
        cuts = sorted({0, *accumulate(map(len, pieces))})  # the last one is len(short)
        if len(cuts) > _CUTS:  # a few, evenly spread, both ends among them
            cuts = [cuts[round(i * (len(cuts) - 1) / max(1, _CUTS - 1))] for i in range(_CUTS)]
        for cut in dict.fromkeys(cuts):
            options.append(_ends(old, new, short is old, cut, level))
    return max(options, key=lambda ops: sum(n for op, n in ops if op == "="))


def _ends(old: str, new: str, old_is_short: bool, cut: int, level: int) -> list[tuple[str, int]]:
    short, long = (old, new) if old_is_short else (new, old)
    head, tail = short[:cut], short[cut:]
    head_end = min(len(long), len(head) + _CHAR_LEVEL_LIMIT) if head else 0
    tail_start = max(head_end, len(long) - len(tail) - _CHAR_LEVEL_LIMIT) if tail else len(long)
    ops: list[tuple[str, int]] = []
    for part, window in ((head, long[:head_end]), (None, long[head_end:tail_start]),
                         (tail, long[tail_start:])):  # fmt: skip
        if part is None:
            ops.append(("+" if old_is_short else "-", len(window)))
        elif old_is_short:
            _diff(part, window, level, ops)
        else:
            _diff(window, part, level, ops)
    return merge(ops)


def _pair_words(old: str, new: str, out: list[tuple[str, int]]) -> bool:
    """Diff ``old`` and ``new`` word for word when they differ only in words, one for one.

    "aimed at" edited to "leader pressure" is two replaced words, not one replaced phrase: the
    second word's annotation starts at "pressure", and an unchanged "of" between two replaced
    words ("boy of dog" to "policy of treaty") is still there. Words here are runs of non-space
    (a replaced "counterparts." may lose its full stop). False when the numbers of words differ,
    or the white space between them does.
    """
    pieces_old, pieces_new = _PIECE.findall(old), _PIECE.findall(new)
    if len(pieces_old) != len(pieces_new) or len(pieces_old) < 2:
        return False
    for x, y in zip(pieces_old, pieces_new, strict=True):
        if x != y and (x[0].isspace() or y[0].isspace()):
            return False
    for x, y in zip(pieces_old, pieces_new, strict=True):
        _diff(x, y, 2, out)
    return True


def _code(codes: dict[str, str], token: str) -> str:
    code = codes.get(token)
    if code is None:
        if len(codes) >= _CODE_COUNT:
            raise OverflowError("too many distinct tokens")
        code = codes[token] = chr(_CODE_BASE + len(codes))
    return code


def sentences(text: str) -> list[str]:
    """``text`` cut after each sentence (and at blank lines); the pieces join up to ``text``."""
    tokens: list[str] = []
    at = 0
    for found in _SENTENCE_END.finditer(text):
        tokens.extend(_cut_long(text[at : found.end()]))
        at = found.end()
    if at < len(text):
        tokens.extend(_cut_long(text[at:]))
    return tokens


def _cut_long(token: str) -> list[str]:
    # Text without sentence punctuation (lists, verse, tables) is cut after words chosen by their
    # content, so the cuts survive insertions before them, unlike cuts every N characters. (A
    # checksum, not hash(): that one changes from run to run, and so would the results.)
    if len(token) <= _LONG_TOKEN:
        return [token]
    pieces: list[str] = []
    at = 0
    for found in re.finditer(r"\S+\s+", token):
        if found.end() - at >= 40 and zlib.crc32(found.group().encode()) % 8 == 0:
            pieces.append(token[at : found.end()])
            at = found.end()
    pieces.append(token[at:])
    return [piece for piece in pieces if piece]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _common_prefix_length(a: str, b: str) -> int:
    # Binary search on slices: C speed instead of a Python loop over megabytes.
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix_length(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            low = mid
        else:
            high = mid - 1
    return low
