"""A plain text's byline and notice of origin: read where the text states them, never guessed."""

from __future__ import annotations

import pytest

from annotator.formats.text_metadata import byline_authors, origin, read_facts


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Luna Pham", ("Luna Pham",)),
        ("By Luna Pham ", ("Luna Pham",)),
        ("by: Luna Pham", ("Luna Pham",)),
        ("BY LUNA PHAM", ("LUNA PHAM",)),
        ("**By Katie Stallard**", ("Katie Stallard",)),
        ("By Luna Pham and Ivan Petrov", ("Luna Pham", "Ivan Petrov")),
        ("By Luna Pham, Ivan Petrov", ("Luna Pham", "Ivan Petrov")),
        ("By Luna Pham, Ivan Petrov and Tim Rühlig", ("Luna Pham", "Ivan Petrov", "Tim Rühlig")),
        ("By Luna Pham & Ivan Petrov", ("Luna Pham", "Ivan Petrov")),
        ("By Jean-Luc O’Brien", ("Jean-Luc O’Brien",)),
        ("By Ursula von der Leyen", ("Ursula von der Leyen",)),
        ("By Thomas J. Watson", ("Thomas J. Watson",)),
        ("By Luna Pham, Senior Fellow", ("Luna Pham",)),  # a job title after the name
        # Not bylines:
        ("By 2030, Russia will sell most of its gas to China.", ()),
        ("By contrast, Beijing holds the upper hand.", ()),
        ("By contrast", ()),
        ("By Reuters", ()),  # one word: an agency, not a person's name
        ("By Staff Reporter", ()),
        ("By the end of the year", ()),
        ("By Xi's reckoning, the partnership has no limits.", ()),
        ("By Luna Pham and friends", ()),
        ("Written by Luna Pham", ()),
        ("By", ()),
    ],
)
def test_a_byline_gives_its_names_and_nothing_else_does(line, authors) -> None:
    assert byline_authors(line) == authors


def test_only_a_byline_among_the_first_lines_counts() -> None:
    head = ["Headline of the piece", "", "A standfirst that sums it up in a sentence.", ""]
    text = "\n".join([*head, "By Luna Pham", "", "Body."])
    assert read_facts(text).authors == ("Luna Pham",)
    late = "\n".join([*head, *[f"Paragraph {i} of the article." for i in range(20)]])
    assert read_facts(late + "\nBy Luna Pham\n").authors == ()


@pytest.mark.parametrize(
    ("line", "outlet", "date"),
    [
        (
            "This article was originally published by the Internationale Politik Quarterly "
            "and is republished here with permission.",
            "Internationale Politik Quarterly",
            "",
        ),
        ("It was first published in Foreign Affairs.", "Foreign Affairs", ""),
        ("Originally published in The Guardian, 3 May 2024.", "The Guardian", ""),
        (
            "This article appears in the 19 Apr 2023 issue of the New Statesman, Axis of Autocrats",
            "New Statesman",
            "2023-04-19",
        ),
        ("This article first appeared in the March 2024 issue of Survival", "", ""),
        ("This article was originally published on", "", ""),
        ("It was originally published in 2019.", "", ""),
        ("He is the author of a book published by the Oxford University Press.", "", ""),
        ("The report was published by the Council on Foreign Relations.", "", ""),
    ],
)
def test_a_notice_of_origin_gives_the_outlet(line, outlet, date) -> None:
    assert origin(line) == ((outlet, date) if outlet else ("", ""))


def test_the_notice_is_read_at_the_top_or_the_end_not_in_the_middle() -> None:
    body = [f"Paragraph {i}: the two powers trade gas and oil." for i in range(40)]
    notice = "This article was originally published by Foreign Affairs."
    assert read_facts("\n".join(["Title", notice, *body])).outlet == "Foreign Affairs"
    assert read_facts("\n".join(["Title", *body, notice])).outlet == "Foreign Affairs"
    middle = ["Title", *body[:20], notice, *body[20:]]
    assert read_facts("\n".join(middle)).outlet == ""


def test_the_seeds_get_what_their_texts_state_and_nothing_else() -> None:
    from annotator.bundled import seeds_dir
    from annotator.formats.registry import read_source as read

    found = {
        path.name[:3]: (meta.authors, meta.outlet, meta.published)
        for path in sorted(seeds_dir().glob("*.txt"))
        for meta in [read(path).metadata]
    }
    assert found == {
        "000": ((), "", ""),  # "Nina Khrushcheva wrote" is about her article, not a byline
        "001": (("Luna Pham",), "", ""),  # "By Luna Pham"
        # "originally published by the Internationale Politik Quarterly"; the author's bio
        # at the end ("Tim Rühlig is a Research Fellow") is not a byline.
        "002": ((), "Internationale Politik Quarterly", ""),
        # "By Katie Stallard"; "This article appears in the 19 Apr 2023 issue of the New
        # Statesman"
        "003": (("Katie Stallard",), "New Statesman", "2023-04-19"),
        "004": ((), "", ""),  # "This article was originally published on" (the rest was cut)
    }
