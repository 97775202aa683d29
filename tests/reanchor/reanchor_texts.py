"""Generated article-like texts and annotations for the re-anchoring tests."""

from __future__ import annotations

import re
from random import Random

from hypothesis import strategies as st

from annotator.core.anchoring import Selectors, describe
from annotator.reanchor.engine import Placement, reanchor_document

WORDS = (
    "the of and to in a is that for on with as by at from this was are be it an which or "
    "Moscow Beijing treaty border trade summit leader alliance energy pipeline market policy "
    "history empire army navy grain rouble yuan ministry envoy dispute frontier accord talks "
    "sanctions visit partner rival decade century island river steppe port railway loan debt "
    "Xi Putin Mao Stalin Khrushchev said argued wrote signed rejected welcomed feared hoped "
    "naïve café “quoted” don’t élite — – … 😀 中文 שלום"
).split()


def reanchor(old_text: str, new_text: str, annotations: list[Selectors]) -> list[Placement]:
    """Where each annotation went (the product's ``reanchor_document``, without its map)."""
    return reanchor_document(old_text, new_text, annotations).placements


def sentence(rng: Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 14))).capitalize() + "."


def paragraph(rng: Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))


# Words drawn by a seeded generator: shrinking must not turn every paragraph into "the the the",
# where a paragraph's identity (and so the right answer) is lost.
sentences = st.integers(0, 2**32).map(Random).map(sentence)


@st.composite
def documents(draw, min_size: int = 4, max_size: int = 8) -> list[str]:
    rng = draw(st.integers(0, 2**32).map(Random))
    return [paragraph(rng) for _ in range(draw(st.integers(min_size, max_size)))]


def join(parts: list[str]) -> str:
    return "\n\n".join(parts)


def offset(parts: list[str], index: int) -> int:
    return sum(len(part) + 2 for part in parts[:index])


@st.composite
def word_span(draw, paragraph: str, min_words: int = 1) -> tuple[int, int]:
    """A span of whole words (runs of non-space) inside ``paragraph``."""
    words = [m.span() for m in re.finditer(r"\S+", paragraph)]
    first = draw(st.integers(0, len(words) - min_words))
    last = draw(st.integers(first + min_words - 1, len(words) - 1))
    return words[first][0], words[last][1]


@st.composite
def annotated_documents(draw, min_words: int = 1):
    parts = draw(documents())
    spans = []
    for _ in range(draw(st.integers(1, 6))):
        index = draw(st.integers(0, len(parts) - 1))
        start, end = draw(word_span(parts[index], min_words))
        spans.append((index, start, end))
    return parts, spans


def selectors_for(parts, spans) -> list[Selectors]:
    text = join(parts)
    return [describe(text, offset(parts, i) + s, offset(parts, i) + e) for i, s, e in spans]


def at(text: str, quote: str, occurrence: int = 0) -> Selectors:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return describe(text, start, start + len(quote))
