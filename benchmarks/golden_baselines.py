"""Regenerate the golden re-anchoring baselines in tests/reanchor/golden/ from the seed articles.

Run: python benchmarks/golden_baselines.py [--check]

Each case annotates a seed article (densely, spans overlapping), edits it by script (copy-edit,
moved paragraphs, deleted paragraphs with verbatim twins, CRLF re-wrap, plain quotes and dashes,
all of them) and stores as JSON: the seed's name and checksum, the edits that make the old text
from the seed and the new text from the old (offset in the old text, text removed, text put in),
the annotations, and the expected placement and status of every annotation.

The expected placements are the engine's, checked against the script's own ground truth (see
scripted_edits): the engine may leave an annotation orphaned where the script placed it (that
difference is written down beside it, for review), but a file is only written when the engine
puts nothing on the wrong words, orphans no unchanged quote and calls nothing MOVED that did not
move. Read the printed samples before committing the files. --check compares without writing.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import sys
from pathlib import Path
from random import Random

from corpus import SEEDS
from scripted_edits import Doc, Paragraph, change_words, make_dense, move, plain, rewrap, typos

from annotator.core.anchoring import describe
from annotator.core.models import AnchorStatus
from annotator.reanchor.engine import reanchor_document


def reanchor_placements(old, new, annotations):
    return reanchor_document(old, new, annotations).placements


GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "reanchor" / "golden"
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_VOCABULARY = "policy alliance border trade summit treaty leader market energy pressure".split()


def _copy_edit(doc: Doc, rng: Random) -> None:
    """Copy-edit: one middle word replaced in 20% of the quotes (one annotation per 40
    characters, many overlapping)."""
    change_words(doc, rng, 0.2, min_words=3)


def _moves(doc: Doc, rng: Random) -> None:
    """Four annotated paragraphs moved elsewhere in the article."""
    move(doc, rng, 4)


def _twins_deleted(doc: Doc, rng: Random) -> None:
    """Three paragraphs that have a verbatim twin further on deleted; two of the twins have a
    word replaced. The twins' passages follow them; the deleted ones become orphans."""
    first: dict[str, int] = {}
    twins: list[tuple[int, int]] = []
    for i, paragraph in enumerate(doc.paragraphs):
        if paragraph.text in first:
            twins.append((first[paragraph.text], i))
        first.setdefault(paragraph.text, i)
    for number, (_, twin) in enumerate(twins):
        if number % 2 == 0:
            _replace_word(doc.paragraphs[twin], rng)
    doc.delete({original for original, _ in twins})


def _crlf_rewrap(doc: Doc, rng: Random) -> None:
    """Every paragraph re-wrapped at 72 columns and saved with CRLF line ends."""
    rewrap(doc)


def _plain(doc: Doc, rng: Random) -> None:
    """Curly quotes, dashes and ellipses made plain ASCII ("--", "...")."""
    plain(doc)


def _everything(doc: Doc, rng: Random) -> None:
    """All at once: words replaced in 10% of quotes, typos, two paragraphs moved, plain quotes
    and dashes, re-wrapped with CRLF."""
    change_words(doc, rng, 0.1, min_words=3)
    typos(doc, rng, 10)
    move(doc, rng, 2)
    plain(doc)
    rewrap(doc)


# name: (seed file prefix, characters per annotation, twins to add, edit, CRLF line ends)
CASES = {
    "copy_edit": ("003", 40, 0, _copy_edit, False),
    "paragraphs_moved": ("002", 80, 0, _moves, False),
    "deleted_with_twins": ("000", 60, 3, _twins_deleted, False),
    "crlf_rewrap": ("001", 60, 0, _crlf_rewrap, True),
    "plain_quotes_dashes": ("004", 60, 0, _plain, False),
    "everything": ("003", 50, 0, _everything, True),
}


def _replace_word(paragraph: Paragraph, rng: Random) -> None:
    words = list(re.finditer(r"[A-Za-z]{4,}", paragraph.text))
    word = rng.choice(words)
    replacement = rng.choice([w for w in _VOCABULARY if w != word.group()])
    paragraph.replace(word.start(), len(word.group()), replacement)


def _with_twins(text: str, count: int, rng: Random) -> str:
    """``text`` with verbatim copies of ``count`` long paragraphs put at least 3 paragraphs away."""
    parts = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    chosen = rng.sample([i for i, part in enumerate(parts) if len(part) > 200], count)
    for i in sorted(chosen, reverse=True):
        target = rng.choice([j for j in range(len(parts) + 1) if abs(j - i) >= 3])
        parts.insert(target, parts[i])
    return "\n\n".join(parts)


def edit_ops(old: str, new: str) -> list[list]:
    """[offset in old, text removed, text put in] turning ``old`` into ``new``, by word tokens."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    starts = [0]
    for token in a:
        starts.append(starts[-1] + len(token))
    ops = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            ops.append([starts[i1], "".join(a[i1:i2]), "".join(b[j1:j2])])
    return ops


def apply_ops(text: str, ops: list[list]) -> str:
    """The inverse of ``edit_ops`` (tests/reanchor/test_golden.py does the same)."""
    for at, removed, added in reversed(ops):
        assert text[at : at + len(removed)] == removed
        text = text[:at] + added + text[at + len(removed) :]
    return text


def build(name: str) -> tuple[dict, list[str]]:
    """The case's JSON and the problems found checking the engine against the script."""
    prefix, every, twins, edit, crlf = CASES[name]
    seed_path = next(SEEDS.glob(f"{prefix}_*.txt"))
    seed_text = seed_path.read_text(encoding="utf-8")
    rng = Random(f"golden-{name}")
    base = _with_twins(seed_text, twins, rng) if twins else seed_text
    doc = make_dense(base, rng, every)
    old = doc.text()
    new_doc = doc.copy()
    edit(new_doc, rng)
    new = new_doc.text()
    spans = doc.expected()
    keys = sorted(spans)
    placements = reanchor_placements(old, new, [describe(old, *spans[key]) for key in keys])
    truth, touched = new_doc.expected(), new_doc.touched()
    expected, differs, problems = [], {}, []
    for key, placement in zip(keys, placements, strict=True):
        status = placement.status
        text = None if placement.start is None else new[placement.start : placement.end]
        expected.append([status.value, placement.start, placement.end, text])
        if key in new_doc.destroyed:
            if status is not AnchorStatus.ORPHAN:
                problems.append(f"{key}: its paragraph was deleted, yet placed {status.value}")
            continue
        if key in new_doc.moved_keys:
            script_status = AnchorStatus.MOVED
        else:
            script_status = AnchorStatus.EDITED if key in touched else AnchorStatus.EXACT
        start, end = truth[key]
        if status is AnchorStatus.ORPHAN:
            differs[str(key)] = [script_status.value, start, end, new[start:end]]
            if key not in touched:
                problems.append(f"{key}: unchanged ({new[start:end]!r}) but orphaned")
        elif _trim(new, placement.start, placement.end) != _trim(new, start, end):
            problems.append(f"{key}: placed on {text!r}, the script says {new[start:end]!r}")
        elif (status is AnchorStatus.MOVED) != (script_status is AnchorStatus.MOVED):
            problems.append(f"{key}: {status.value}, the script says {script_status.value}")
    case = {
        "description": " ".join((edit.__doc__ or name).split()),
        "source": f"seeds/{seed_path.name}",
        "source_sha256": hashlib.sha256(seed_text.encode()).hexdigest(),
        "prepare": edit_ops(seed_text, old),
        "edits": edit_ops(old, new),
        "line_ends": "crlf" if crlf else "lf",
        "annotations": [[*spans[key], old[slice(*spans[key])]] for key in keys],
        "expected": expected,
        "orphaned_where_the_script_placed": differs,
    }
    assert apply_ops(apply_ops(seed_text, case["prepare"]), case["edits"]) == new
    return case, problems


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def samples(case: dict, count: int, rng: Random) -> list[str]:
    """A few annotations with their old quote and new placement, to read before committing."""
    seed = (Path(__file__).resolve().parents[1] / case["source"]).read_text(encoding="utf-8")
    old = apply_ops(seed, case["prepare"])
    new = apply_ops(old, case["edits"])
    lines = []
    for index in sorted(rng.sample(range(len(case["annotations"])), count)):
        start, end, exact = case["annotations"][index]
        status, new_start, new_end, _ = case["expected"][index]
        lines.append(f"  #{index} {status}: {old[start - 25 : start]!r} [{exact!r}]")
        if new_start is not None:
            lines.append(
                f"  {' ' * len(str(index))}  -> {new[new_start - 25 : new_start]!r}"
                f" [{new[new_start:new_end]!r}] {new[new_end : new_end + 20]!r}"
            )
    return lines


def dump(case: dict) -> str:
    """JSON with one annotation, edit or placement per line, for reading and for diffs."""
    parts = []
    for key, value in case.items():
        if isinstance(value, list | dict) and value:
            items = value.items() if isinstance(value, dict) else enumerate(value)
            lines = [
                (f"  {json.dumps(k)}: " if isinstance(value, dict) else "  ")
                + json.dumps(item, ensure_ascii=False)
                for k, item in items
            ]
            open_, close = "{}" if isinstance(value, dict) else "[]"
            parts.append(f" {json.dumps(key)}: {open_}\n" + ",\n".join(lines) + f"\n {close}")
        else:
            parts.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only, write nothing")
    parser.add_argument("--samples", type=int, default=6, help="annotations shown per case")
    args = parser.parse_args()
    failed = False
    for name in CASES:
        case, problems = build(name)
        path = GOLDEN / f"{name}.json"
        counts: dict[str, int] = {}
        for status, *_ in case["expected"]:
            counts[status] = counts.get(status, 0) + 1
        print(
            f"{name}: {len(case['annotations'])} annotations {counts}, "
            f"{len(case['orphaned_where_the_script_placed'])} orphaned where the script placed"
        )
        for problem in problems:
            print(f"  PROBLEM {problem}")
        failed |= bool(problems)
        print("\n".join(samples(case, args.samples, Random(name))))
        if args.check:
            same = path.exists() and json.loads(path.read_text(encoding="utf-8")) == case
            print(f"  {'unchanged' if same else 'DIFFERS from ' + str(path)}")
            failed |= not same
        elif not problems:
            GOLDEN.mkdir(parents=True, exist_ok=True)
            path.write_text(dump(case), "utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
