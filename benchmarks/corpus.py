"""Generate any amount of varied, article-like text from the seed articles, for benchmarks.

Copies of the seed paragraphs are varied (sentences reordered or borrowed from other paragraphs,
words swapped) so passages are not all identical, while about one paragraph in ten stays an exact
copy, as real corpora repeat headings, captions and boilerplate.

    from corpus import build_text, build_paragraphs   # run scripts from benchmarks/
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from random import Random

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"'])")


@cache
def seed_paragraphs(seeds: Path = SEEDS) -> tuple[str, ...]:
    """Every non-empty line of the seed articles, in order."""
    files = sorted(seeds.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no seed articles (*.txt) in {seeds}")
    lines: list[str] = []
    for path in files:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        lines.extend(line.strip() for line in text.split("\n") if line.strip())
    return tuple(lines)


def build_paragraphs(n_chars: int, seed: int = 0, seeds: Path = SEEDS) -> list[str]:
    """Paragraphs totalling about ``n_chars`` characters (with a blank line between each)."""
    rng = Random(seed)
    pool = seed_paragraphs(seeds)
    sentences = [s for p in pool for s in _SENTENCE.split(p) if len(s.split()) >= 4]
    paragraphs: list[str] = []
    total = 0
    while total < n_chars:
        paragraph = rng.choice(pool)
        if rng.random() >= 0.1:
            paragraph = _vary(paragraph, sentences, rng)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return paragraphs


def build_text(n_chars: int, seed: int = 0, seeds: Path = SEEDS) -> str:
    """About ``n_chars`` characters of article-like text, paragraphs separated by blank lines."""
    return "\n\n".join(build_paragraphs(n_chars, seed, seeds))


def _vary(paragraph: str, sentences: list[str], rng: Random) -> str:
    parts = _SENTENCE.split(paragraph)
    if len(parts) > 1 and rng.random() < 0.5:
        i = rng.randrange(len(parts) - 1)
        parts[i], parts[i + 1] = parts[i + 1], parts[i]
    if rng.random() < 0.5:
        parts[rng.randrange(len(parts))] = rng.choice(sentences)
    if rng.random() < 0.3:
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(sentences))
    words = " ".join(parts).split(" ")
    for _ in range(rng.randint(1, 4)):
        if len(words) < 6:
            break
        i = rng.randrange(1, len(words) - 1)
        j = min(len(words) - 1, i + rng.randint(1, 5))
        words[i], words[j] = words[j], words[i]
    return " ".join(words)


@cache
def _chain(seeds: Path = SEEDS) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Which words follow which in the seed articles, and the words that start sentences."""
    follows: dict[str, list[str]] = {}
    starts: list[str] = []
    for paragraph in seed_paragraphs(seeds):
        words = paragraph.split()
        if words:
            starts.append(words[0])
        for a, b in zip(words, words[1:], strict=False):
            follows.setdefault(a, []).append(b)
    return {k: tuple(v) for k, v in follows.items()}, tuple(starts)


def build_article(n_chars: int, seed: int = 0, seeds: Path = SEEDS) -> list[str]:
    """Paragraphs of a distinct article on the seeds' topic, about ``n_chars`` in all.

    Each word follows the one before as somewhere in the seed articles (a word-level Markov
    chain): the texts read like the seeds and share their common phrases, as articles on one
    topic do, but unlike ``build_paragraphs`` no two articles share whole paragraphs.
    """
    rng = Random(seed)
    follows, starts = _chain(seeds)
    paragraphs: list[str] = []
    total = 0
    while total < n_chars:
        words = [rng.choice(starts)]
        limit = rng.randint(40, 160)
        while len(words) < limit or not words[-1].endswith("."):
            options = follows.get(words[-1])
            if not options or len(words) > limit + 40:
                words[-1] = words[-1].rstrip(",;:") + "."
                break
            words.append(rng.choice(options))
        paragraph = " ".join(words)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return paragraphs
