"""Citation facts a plain text states in words: a "By NAME" byline, "originally published by X".

A text saved from a web page keeps its byline as a line near the top ("By Luna Pham") and its
origin in a sentence ("This article was originally published by the Internationale Politik
Quarterly and is republished here with permission"). The rules are conservative: a field is
filled only from a line that can be read one way, and is left empty rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOP_LINES = 15  # a byline stands among the first lines: headline, standfirst, byline
_END_LINES = 15  # a notice of origin stands near the top or at the end

# "By Luna Pham", "by: Luna Pham", "BY LUNA PHAM"; Markdown emphasis around it is ignored.
_BYLINE = re.compile(r"by\s*:?\s+(?P<names>.+)", re.IGNORECASE)
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b)\s*")
# A word of a name: "Pham", "O’Brien", "Jean-Luc", "Rühlig", "J." (an initial), "PHAM".
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*\.?")
_PARTICLES = {"de", "da", "di", "del", "della", "der", "den", "van", "von", "bin", "ibn", "al",
              "el", "la", "le", "du", "dos", "ten", "ter", "zu"}  # fmt: skip
# Words of a job title after the names ("By Luna Pham, Senior Fellow"): never a name.
_ROLES = {"fellow", "editor", "correspondent", "reporter", "writer", "director", "professor",
          "analyst", "staff", "contributor", "columnist", "researcher", "senior", "associate",
          "chief", "deputy", "special", "guest", "team", "desk", "agencies", "wires", "reuters",
          "afp", "ap", "bureau", "newsroom", "opinion", "updated", "published"}  # fmt: skip

# "originally published by the Internationale Politik Quarterly", "first published in Foreign
# Affairs", "appears in the 19 Apr 2023 issue of the New Statesman".
_ORIGIN = re.compile(
    r"\b(?:originally|first)\s+(?:been\s+)?published\s+(?:by|in)\s+(?:(?-i:the)\s+)?(?P<rest>.+)",
    re.IGNORECASE,
)
_ISSUE = re.compile(
    r"\bappears?\s+in\s+the\s+(?:(?P<date>\d{1,2}\s+\w+\.?\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4}|"
    r"\w+\s+\d{4})\s+)?(?:print\s+)?(?:issue|edition)\s+of\s+(?:(?-i:the)\s+)?(?P<rest>.+)",
    re.IGNORECASE,
)
# The outlet: words with capitals, joined by a few small words ("Council on Foreign Relations").
_OUTLET_JOINERS = {"of", "on", "for", "and", "the", "&", "de", "für", "in"}
_TOKEN = re.compile(r"[^\s,.;:!?()\[\]\"“”]+|[,.;:!?()\[\]\"“”]")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip


@dataclass(frozen=True)
class TextFacts:
    authors: tuple[str, ...] = ()
    outlet: str = ""
    published: str = ""


def read_facts(text: str) -> TextFacts:
    """The byline's authors and the origin notice's outlet (and issue date) of ``text``."""
    top = _nonempty_lines(text, _TOP_LINES, from_end=False)
    authors: tuple[str, ...] = ()
    for line in top:
        authors = byline_authors(line)
        if authors:
            break
    outlet, published = "", ""
    for line in top + _nonempty_lines(text, _END_LINES, from_end=True):
        if _cannot_be_origin(line):
            continue  # most lines: no keyword, and no need to make them plain
        outlet, published = origin(_plain(line))
        if outlet:
            break
    return TextFacts(authors, outlet, published)


def _nonempty_lines(text: str, count: int, *, from_end: bool) -> list[str]:
    """The first (or last) ``count`` non-empty lines of ``text``, stripped, in text order.

    Only those lines are looked at (and at most 20 times as many raw lines), so the cost does
    not grow with the text: a scan reads the facts of thousands of files."""
    found: list[str] = []
    budget = 20 * count
    if not from_end:
        start = 0
        while len(found) < count and budget and start <= len(text):
            end = text.find("\n", start)
            end = len(text) if end == -1 else end
            if line := text[start:end].strip():
                found.append(line)
            start, budget = end + 1, budget - 1
        return found
    end = len(text)
    while len(found) < count and budget and end >= 0:
        start = text.rfind("\n", 0, end) + 1
        if line := text[start:end].strip():
            found.append(line)
        end, budget = start - 1, budget - 1
    return found[::-1]


def byline_authors(line: str) -> tuple[str, ...]:
    """The names of a byline line ("By Luna Pham and Ivan Petrov"); () when it is not one."""
    if line.lstrip("#*_> \t")[:2].casefold() != "by" or len(line) > 4 * 160:
        return ()  # most lines of a text: no need to make them plain
    line = _plain(line)
    match = _BYLINE.fullmatch(line)
    if match is None or len(line) > 160 or any(c.isdigit() for c in line):
        return ()
    names: list[str] = []
    for part in _NAME_SEPARATORS.split(match["names"].strip(" .")):
        if not part:
            continue
        words = part.split()
        if any(word.lower().strip(".") in _ROLES for word in words):
            if names:
                continue  # a job title after the names
            return ()
        if not _is_name(words):
            return ()
        names.append(" ".join(words))
    return tuple(names)


def _is_name(words: list[str]) -> bool:
    """Two to five words, each a capitalised word or an initial, particles inside."""
    if not 2 <= len(words) <= 5:
        return False
    for index, word in enumerate(words):
        if word.lower() in _PARTICLES and 0 < index < len(words) - 1:
            continue
        if not _NAME_WORD.fullmatch(word) or not word[0].isupper():
            return False
    return not words[-1].endswith(".") or len(words[-1]) > 2  # "Pham." is fine, "J." last not


def origin(line: str) -> tuple[str, str]:
    """(outlet, issue date) of a notice of origin; ("", "") when the line is not one."""
    if _cannot_be_origin(line):
        return "", ""
    match = _ISSUE.search(line)
    if match is not None:
        outlet = _outlet(match["rest"])
        return (outlet, _date(match["date"] or "")) if outlet else ("", "")
    match = _ORIGIN.search(line)
    if match is not None:
        return _outlet(match["rest"]), ""
    return "", ""


def _cannot_be_origin(line: str) -> bool:
    """True when neither pattern can match: the words they need are not all in the line.

    A quick test (the two case-blind patterns took 50 µs on each long paragraph, a sixth of
    a scan of thousands of plain texts; "issue" alone is common in articles). Lower-casing
    meets the patterns' letters but for four that Python's case-blind matching also takes for
    an ASCII letter (long s, Kelvin sign, the Turkish dotted and dotless i): a line holding
    one is always searched.
    """
    if "\u017f" in line or "\u212a" in line or "\u0130" in line or "\u0131" in line:
        return False
    folded = line.lower()
    if "published" in folded:
        if "originally" in folded or "first" in folded:
            return False
    return "appear" not in folded or ("issue" not in folded and "edition" not in folded)


def _outlet(rest: str) -> str:
    """The capitalised words at the start of ``rest``, small joining words inside them."""
    words: list[str] = []
    for token in _TOKEN.findall(rest):
        if token[0].isupper() or (token[0].isdigit() and words):
            words.append(token)
        elif token.lower() in _OUTLET_JOINERS and words:
            words.append(token)
        else:
            break
    while words and words[-1].lower() in _OUTLET_JOINERS:
        words.pop()
    return " ".join(words) if len(" ".join(words)) <= 120 else ""


def _date(text: str) -> str:
    """ "19 Apr 2023", "April 19, 2023", "April 2023" as ISO ("2023-04-19"); "" otherwise."""
    words = text.replace(",", " ").replace(".", " ").split()
    day = next((int(w) for w in words if w.isdigit() and len(w) <= 2), None)
    year = next((int(w) for w in words if w.isdigit() and len(w) == 4), None)
    month = next((_MONTHS[w.lower()] for w in words if w.lower() in _MONTHS), None)
    if year is None or month is None:
        return ""
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= 31 else ""


def _plain(line: str) -> str:
    """A line without Markdown emphasis and heading marks, spaces collapsed."""
    return " ".join(line.strip().strip("#*_>").replace("**", "").replace("__", "").split())
