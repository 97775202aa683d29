"""Golden baselines: seed articles, scripted edits and the expected placement of every annotation.

The files in golden/ are written by benchmarks/golden_baselines.py, which checks the engine
against the script's own ground truth before it writes anything (see its docstring). When the
engine changes on purpose, run it, read what it prints, and commit the new files with the change.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from reanchor_texts import reanchor

from annotator.core.anchoring import describe
from annotator.core.textload import decode_bytes

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted((Path(__file__).parent / "golden").glob("*.json"))


def apply(text: str, ops: list[list]) -> str:
    """The text after the edits [offset, text removed, text put in] (offsets in ``text``)."""
    for at, removed, added in reversed(ops):
        assert text[at : at + len(removed)] == removed, f"edit at {at} does not fit the text"
        text = text[:at] + added + text[at + len(removed) :]
    return text


def test_there_are_golden_cases():
    assert len(CASES) >= 5


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.stem)
def test_reanchoring_matches_the_golden_baseline(path):
    case = json.loads(path.read_text(encoding="utf-8"))
    source = (ROOT / case["source"]).read_text(encoding="utf-8")
    assert hashlib.sha256(source.encode()).hexdigest() == case["source_sha256"], (
        f"{case['source']} changed since {path.name} was written: regenerate the baselines"
    )
    old = apply(source, case["prepare"])
    new = apply(old, case["edits"])
    if case["line_ends"] == "crlf":  # saved by another editor, read back as the app reads it
        new = decode_bytes(new.replace("\n", "\r\n").encode("utf-8")).text
    selectors = []
    for start, end, exact in case["annotations"]:
        assert old[start:end] == exact
        selectors.append(describe(old, start, end))

    placements = reanchor(old, new, selectors)

    got = [
        [p.status.value, p.start, p.end, None if p.start is None else new[p.start : p.end]]
        for p in placements
    ]
    wrong = [
        f"#{i} {exact!r}: expected {want[:3]} {want[3]!r}, got {have[:3]} {have[3]!r}"
        for i, ((_, _, exact), want, have) in enumerate(
            zip(case["annotations"], case["expected"], got, strict=True)
        )
        if want != have
    ]
    assert not wrong, f"{len(wrong)} of {len(got)} differ:\n" + "\n".join(wrong[:10])
