"""Document metadata: stored from the file, validated when set, kept when the user set it."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from annotator.core.content import SourceContent, SourceMetadata
from annotator.core.models import Changes
from annotator.store.library import Library
from annotator.store.migrations import migrations

ARTICLE = "Pipeline politics\n\nThe Power of Siberia pipeline carries gas east.\n"


def _content(text: str = ARTICLE, **meta) -> SourceContent:
    pages = meta.pop("pages", ())
    return SourceContent.of(
        text, "pdf", metadata=SourceMetadata(**meta), locations=pages, format="pdf"
    )


def _add(lib: Library, content: SourceContent, tmp_path, name: str = "a.pdf"):
    source = lib.sources.add(tmp_path, "folder").value
    return lib.documents.add(source.id, name, content).value


def test_a_document_is_stored_with_the_metadata_its_file_states(lib, tmp_path) -> None:
    content = _content(
        title="Pipeline politics",
        authors=(" Luna  Pham ", "", "Ivan Petrov"),
        published="2024-03",
        url="https://example.org/pipeline",
        outlet="Internationale Politik Quarterly",
        pages=((0, "1"), (19, "2")),
    )
    doc = _add(lib, content, tmp_path)
    assert doc.title == "Pipeline politics"
    assert doc.authors == ("Luna Pham", "Ivan Petrov")  # trimmed, empty dropped
    assert (doc.published, doc.url, doc.outlet) == (
        "2024-03",
        "https://example.org/pipeline",
        "Internationale Politik Quarterly",
    )
    assert doc.format == "pdf" and doc.user_fields == frozenset()
    assert lib.documents.pages(doc.id) == ((0, "1"), (19, "2"))
    assert lib.documents.list()[0] == doc  # the list reads the same fields


def test_a_files_malformed_date_or_url_is_left_empty_not_refused(lib, tmp_path) -> None:
    doc = _add(lib, _content(published="March 2024", url="javascript:alert(1)"), tmp_path)
    assert (doc.published, doc.url) == ("", "")


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("published", "2024-13-01", "not a date"),
        ("published", "yesterday", "YYYY-MM-DD"),
        ("published", "2023-02-29", "not a date"),
        ("url", "ftp://example.org/a", "http"),
        ("url", "example.org", "http"),
        ("url", "https://", "no host"),
        ("title", "   ", "cannot be empty"),
        ("colour", "red", "no field"),
    ],
)
def test_a_bad_value_is_refused_with_the_reason_and_nothing_changes(
    lib, tmp_path, name, value, reason
) -> None:
    doc = _add(lib, _content(published="2024", url="https://example.org"), tmp_path)
    with pytest.raises(ValueError, match=reason):
        lib.documents.set_field(doc.id, name, value)
    assert lib.documents.get(doc.id) == doc


@pytest.mark.parametrize("date", ["2024", "2024-02", "2024-02-29"])
def test_partial_dates_are_allowed(lib, tmp_path, date) -> None:
    doc = _add(lib, _content(), tmp_path)
    lib.documents.set_field(doc.id, "published", date)
    assert lib.documents.get(doc.id).published == date


def test_setting_a_field_returns_the_change_and_marks_it_the_users(lib, tmp_path) -> None:
    doc = _add(lib, _content(authors=("Luna Pham",)), tmp_path)
    outcome = lib.documents.set_field(doc.id, "authors", ["  Ivan Petrov ", "", "Ivan Petrov"])
    assert outcome.value is None and outcome.changes == Changes(documents={doc.id})
    stored = lib.documents.get(doc.id)
    assert stored.authors == ("Ivan Petrov",) and stored.user_fields == {"authors"}
    lib.documents.set_field(doc.id, "url", "file:///home/me/article.html")
    lib.documents.set_field(doc.id, "citation_note", "  translated from the Russian \n")
    stored = lib.documents.get(doc.id)
    assert stored.url == "file:///home/me/article.html"
    assert stored.citation_note == "translated from the Russian"
    assert stored.user_fields == {"authors", "url", "citation_note"}


def test_reloading_takes_the_files_fields_but_keeps_the_users(lib, tmp_path) -> None:
    doc = _add(lib, _content(title="Old title", outlet="Old outlet", pages=((0, "1"),)), tmp_path)
    lib.documents.set_field(doc.id, "outlet", "My outlet")
    edited = ARTICLE.replace("east", "west")
    new = _content(
        edited,
        title="New title",
        outlet="New outlet",
        authors=("Luna Pham",),
        pages=((0, "3"), (10, "4")),
    )
    lib.documents.replace_text(doc.id, new)
    stored = lib.documents.get(doc.id)
    assert stored.title == "New title"  # the file's, as the user never set it
    assert stored.outlet == "My outlet"  # the user's
    assert stored.authors == ("Luna Pham",)
    assert lib.documents.pages(doc.id) == ((0, "3"), (10, "4"))  # the page map follows


def test_a_file_whose_metadata_alone_changed_refreshes_it(lib, tmp_path) -> None:
    doc = _add(lib, _content(title="Draft"), tmp_path)
    assert not lib.documents.refresh_metadata(doc.id, _content(title="Draft")).changes
    changed = lib.documents.refresh_metadata(doc.id, _content(title="Final"))
    assert changed.changes == Changes(documents={doc.id})
    assert lib.documents.get(doc.id).title == "Final"


def test_handing_a_field_back_to_the_file(lib, tmp_path) -> None:
    doc = _add(lib, _content(title="From the file"), tmp_path)
    lib.documents.set_field(doc.id, "title", "Mine")
    lib.documents.set_field(doc.id, "title", "From the file", by_user=False)
    assert lib.documents.get(doc.id).user_fields == frozenset()
    lib.documents.replace_text(doc.id, _content(ARTICLE + "More.\n", title="Revised"))
    assert lib.documents.get(doc.id).title == "Revised"


def test_an_older_project_gains_the_fields_and_keeps_a_hand_set_title(tmp_path) -> None:
    path = tmp_path / "before-m011.annotator"
    db = Database(path)
    migrations.apply(db, stop_before="m011_document_metadata")
    db["sources"].insert({"id": 1, "path": str(tmp_path), "kind": "folder", "added": "2024"})
    for doc_id, name, title in (
        (1, "first.txt", "Pipeline politics"),  # the title its first line gives
        (2, "second.md", "Pipeline politics"),  # a Markdown heading
        (3, "third.txt", "Renamed by hand"),
    ):
        text = ("# " if name.endswith(".md") else "") + ARTICLE
        db["documents"].insert(
            {
                "id": doc_id,
                "source_id": 1,
                "path": name,
                "title": title,
                "text": text,
                "status": "present",
            }
        )
    db.close()
    with Library.open(path) as lib:
        first, second, third = lib.documents.list()
        assert list(lib.db["documents"].columns_dict)[-1] == "text"
        assert (first.format, second.format, third.format) == ("text", "markdown", "text")
        assert first.authors == () and first.published == "" and lib.documents.pages(1) == ()
        assert first.user_fields == second.user_fields == frozenset()
        assert third.user_fields == {"title"}
