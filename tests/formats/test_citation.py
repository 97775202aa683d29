"""Dates and author lists as files spell them, turned into what a citation needs."""

from __future__ import annotations

import pytest

from annotator.formats.citation import iso_date, split_authors


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("D:20240312101500+01'00'", "2024-03-12"),  # a PDF date
        ("D:2024", "2024"),
        ("2023-02-27T23:30:00-05:00", "2023-02-27"),  # the date as written, not UTC's
        ("2023/12/18", "2023-12-18"),
        ("2023-02", "2023-02"),
        ("2023", "2023"),
        ("27 February 2023", "2023-02-27"),
        ("Published 19 April 2023", "2023-04-19"),
        ("February 27, 2023", "2023-02-27"),
        ("Feb. 3rd, 2021", "2021-02-03"),
        ("19.04.2023", "2023-04-19"),
        ("May 2024", "2024-05"),
        ("2023-02-30", ""),  # no such day
        ("2023-13-01", ""),
        ("Posted at 10:15", ""),
        ("", ""),
    ],
)
def test_iso_date(value: str, expected: str) -> None:
    assert iso_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("By Luna Pham", ("Luna Pham",)),
        (
            "Una Aleksandra Bērziņa-Čerenkova; Tim Rühlig",
            ("Una Aleksandra Bērziņa-Čerenkova", "Tim Rühlig"),
        ),
        ("Alice Smith and Bob Jones", ("Alice Smith", "Bob Jones")),
        ("Alice Smith, Bob Jones, Carl Dee", ("Alice Smith", "Bob Jones", "Carl Dee")),
        ("Smith, Jane", ("Smith, Jane",)),  # one name, family name first
        ("Ирина Соколова и Пётр Иванов", ("Ирина Соколова", "Пётр Иванов")),
        ("Luna Pham; luna pham", ("Luna Pham",)),
        ("https://example.org/authors/luna", ()),
        ("", ()),
    ],
)
def test_split_authors(value: str, expected: tuple[str, ...]) -> None:
    assert split_authors(value) == expected
