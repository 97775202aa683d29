"""``annotate --quote`` matches a typed quote the way re-anchoring folds typography."""

from __future__ import annotations

import pytest

from annotator.services.quotes import find_quote

ARTICLE = (
    "Putin\u00a0landed in Beijing \u2014 the \u201cno limits\u201d partnership\u2019s test.\n"
    "Analysts   were\nsceptical\u2026 and the test came later; the test\u2013case stood."
)


@pytest.mark.parametrize(
    ("typed", "taken"),
    [
        ("Putin landed", "Putin\u00a0landed"),
        (
            'Beijing - the "no limits" partnership\'s',
            "Beijing \u2014 the \u201cno limits\u201d partnership\u2019s",
        ),
        ("Beijing -- the", "Beijing \u2014 the"),
        ("were sceptical... and", "were\nsceptical\u2026 and"),
        ("Analysts were", "Analysts   were"),
        ("test-case", "test\u2013case"),
    ],
)
def test_typed_quote_finds_the_typographic_text(typed, taken):
    spans = find_quote(ARTICLE, typed)
    assert [ARTICLE[s:e] for s, e in spans] == [taken]


def test_no_folding_across_letters():
    assert find_quote(ARTICLE, "Putinlanded") == []
    assert find_quote(ARTICLE, "") == []


def test_occurrences_are_counted_on_the_folded_form():
    assert len(find_quote(ARTICLE, "the test")) == 2


def test_cli_takes_the_folded_match_and_reports_the_text(tmp_path, run, run_json):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    project = tmp_path / "p.annotator"
    assert run("--project", project, "add", folder)[0] == 0
    assert run("--project", project, "tag", "add", "Energy")[0] == 0
    status, out, err = run(
        "--project", project, "annotate", "article.txt", "--quote", "Putin landed",
        "--tag", "Energy",
    )  # fmt: skip
    assert status == 0, err
    assert "the text reads: “Putin\\u00a0landed”" in out
    [excerpt] = run_json("--project", project, "excerpts")
    assert excerpt["exact"] == "Putin\u00a0landed"
    assert (excerpt["start"], excerpt["end"]) == (0, 12)
    status, _out, err = run("--project", project, "annotate", "article.txt", "--quote", "the test")
    assert status == 1 and "occurs 2 times" in err and "--nth" in err
    status, out, err = run(
        "--project", project, "annotate", "article.txt", "--quote", "the  test", "--nth", "2"
    )
    assert status == 0, err
    assert [e["exact"] for e in run_json("--project", project, "excerpts")][-1] == "the test"
