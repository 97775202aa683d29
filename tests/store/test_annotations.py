"""Annotations: create, filter, order, edit, delete and restore, each change one transaction."""

from __future__ import annotations

import pytest

from annotator.core.anchoring import Selectors
from annotator.core.models import AnchorStatus, ExcerptFilter, Match
from annotator.core.textload import decode_bytes
from annotator.store.errors import NotFound

TEXT_A = (
    "Moscow and Beijing signed a gas deal in May. The pipeline will carry thirty billion "
    "cubic metres a year. Analysts doubt the price."
)
TEXT_B = "Arms sales fell sharply. Sukhoi fighters were delivered late, and spare parts ran short."


@pytest.fixture
def world(lib, add_doc):
    """Two documents, a small tag tree and annotations with known authors, dates and statuses."""
    b = add_doc(lib, "b.txt", TEXT_B)  # added first: document order must follow the path
    a = add_doc(lib, "a.txt", TEXT_A)
    energy = lib.tags.create("Energy").value
    gas = lib.tags.create("Gas", parent_id=energy.id).value
    arms = lib.tags.create("Arms").value
    other = lib.tags.create("Unused").value

    def raw(doc, quote, *, tags=(), note="", author="ana", created, status=AnchorStatus.EXACT):
        text = TEXT_A if doc is a else TEXT_B
        start = max(0, text.find(quote))  # an orphan's quote is not in the text
        sel = Selectors(start, start + len(quote), quote)
        return lib.annotations.insert_raw(
            doc.id, sel, status=status, tag_ids=tags, note=note, author=author, created=created
        ).value.id

    ids = {
        "deal": raw(
            a,
            "gas deal",
            tags=[gas.id],
            note="pipeline pricing",
            created="2024-03-01T09:00:00+00:00",
        ),
        "volume": raw(
            a,
            "thirty billion",
            tags=[energy.id, arms.id],
            author="ben",
            created="2024-03-05T23:59:59.500+00:00",
        ),
        "doubt": raw(
            a, "Analysts doubt", created="2024-03-06T00:00:00+00:00", status=AnchorStatus.MOVED
        ),
        "fell": raw(
            b,
            "Arms sales fell",
            tags=[arms.id],
            note="SIPRI figures",
            created="2024-02-28T12:00:00+00:00",
        ),
        "lost": raw(
            b,
            "no longer in the text",
            tags=[gas.id],
            author="ben",
            created="2024-03-02T08:00:00+00:00",
            status=AnchorStatus.ORPHAN,
        ),
    }
    tags = {"Energy": energy.id, "Gas": gas.id, "Arms": arms.id, "Unused": other.id}
    return {"a": a.id, "b": b.id}, tags, ids


def found(lib, ids, **filter_args):
    by_id = {v: k for k, v in ids.items()}
    return [by_id[i] for i in lib.annotations.ids(ExcerptFilter(**filter_args))]


def test_create_describes_the_span(lib, add_doc):
    doc = add_doc(lib, "a.txt", TEXT_A)
    tag = lib.tags.create("Gas").value
    start = TEXT_A.index("pipeline")
    made = lib.annotations.create(
        doc.id, start, start + 8, tag_ids=[tag.id], note="n", author="zoe"
    ).value
    assert made.exact == "pipeline"
    assert TEXT_A[:start].endswith(made.prefix) and len(made.prefix) == 32
    assert TEXT_A[start + 8 :].startswith(made.suffix) and len(made.suffix) == 32
    assert (made.tag_ids, made.note, made.author, made.status) == (
        (tag.id,),
        "n",
        "zoe",
        AnchorStatus.EXACT,
    )
    assert made.reviewed and made.created and made.created == made.modified
    assert lib.annotations.get(made.id) == made
    assert lib.annotations.for_document(doc.id) == [made]


def test_create_credits_the_project_author(lib, add_doc):
    doc = add_doc(lib, "a.txt", TEXT_A)
    lib.project.set("author", "Dr Reader")
    assert lib.annotations.create(doc.id, 0, 6).value.author == "Dr Reader"
    assert lib.annotations.authors() == ["Dr Reader"]


@pytest.mark.parametrize("span", [(5, 5), (10, 4), (-1, 3), (0, len(TEXT_A) + 1)])
def test_create_refuses_spans_outside_the_text(lib, add_doc, span):
    doc = add_doc(lib, "a.txt", TEXT_A)
    with pytest.raises(ValueError, match="is empty" if span == (5, 5) else "not inside"):
        lib.annotations.create(doc.id, *span)
    assert lib.annotations.count() == 0


def test_create_with_an_unknown_tag_or_document_writes_nothing(lib, add_doc):
    doc = add_doc(lib, "a.txt", TEXT_A)
    with pytest.raises(Exception):  # noqa: B017 - a foreign-key StoreError
        lib.annotations.create(doc.id, 0, 6, tag_ids=[404])
    assert lib.annotations.count() == 0
    with pytest.raises(NotFound):
        lib.annotations.create(999, 0, 6)


def test_empty_filter_matches_everything_orphans_included(lib, world):
    _, _, ids = world
    assert sorted(found(lib, ids)) == sorted(ids)
    assert lib.annotations.count() == 5
    assert lib.annotations.count(ExcerptFilter()) == 5


def test_order_by_document_then_position_and_by_date(lib, world):
    _, _, ids = world
    # a.txt before b.txt (path order, not the order they were added), each by start offset.
    assert found(lib, ids) == ["deal", "volume", "doubt", "fell", "lost"]
    by_id = {v: k for k, v in ids.items()}
    assert [by_id[i] for i in lib.annotations.ids(order="date")] == [
        "fell",
        "deal",
        "lost",
        "volume",
        "doubt",
    ]
    assert [a.id for a in lib.annotations.query(order="date")] == lib.annotations.ids(order="date")
    assert [a.id for a in lib.annotations.query()] == lib.annotations.ids()


def test_filter_by_tags_any_all_and_descendants(lib, world):
    _, tags, ids = world
    assert found(lib, ids, tag_ids=(tags["Gas"],)) == ["deal", "lost"]
    # A parent tag matches annotations carrying its children.
    assert found(lib, ids, tag_ids=(tags["Energy"],)) == ["deal", "volume", "lost"]
    assert found(lib, ids, tag_ids=(tags["Arms"], tags["Gas"])) == [
        "deal",
        "volume",
        "fell",
        "lost",
    ]
    assert found(lib, ids, tag_ids=(tags["Energy"], tags["Arms"]), match=Match.ALL) == ["volume"]
    assert found(lib, ids, tag_ids=(tags["Gas"], tags["Arms"]), match=Match.ALL) == []
    assert found(lib, ids, tag_ids=(tags["Unused"],)) == []
    assert found(lib, ids, untagged_only=True) == ["doubt"]


def test_filter_by_document_author_status(lib, world):
    docs, _, ids = world
    assert found(lib, ids, document_ids=(docs["b"],)) == ["fell", "lost"]
    assert found(lib, ids, authors=("ben",)) == ["volume", "lost"]
    assert found(lib, ids, statuses=(AnchorStatus.ORPHAN, AnchorStatus.MOVED)) == [
        "doubt",
        "lost",
    ]
    assert lib.annotations.authors() == ["ana", "ben"]


def test_full_text_search_over_quotes_and_notes_by_word_prefix(lib, world):
    _, _, ids = world
    assert found(lib, ids, search="pipel") == ["deal"]  # in the note
    assert found(lib, ids, search="sukhoi") == []  # in the text, not in a quote or note
    assert found(lib, ids, search="ARMS fell") == ["fell"]
    assert found(lib, ids, search="arms cubic") == []  # every word must match
    assert found(lib, ids, search="sipri") == ["fell"]
    assert found(lib, ids, search='"a" OR (b') == []  # user text is never FTS syntax


def test_search_follows_note_edits(lib, world):
    _, _, ids = world
    lib.annotations.set_note(ids["doubt"], "sceptical economists")
    assert found(lib, ids, search="economist") == ["doubt"]
    lib.annotations.set_note(ids["doubt"], "")
    assert found(lib, ids, search="economist") == []


def test_date_range_a_bare_date_covers_the_whole_day(lib, world):
    _, _, ids = world
    assert found(lib, ids, created_from="2024-03-01", created_to="2024-03-05") == [
        "deal",
        "volume",
        "lost",
    ]
    assert found(lib, ids, created_to="2024-03-01") == ["deal", "fell"]
    assert found(lib, ids, created_from="2024-03-06") == ["doubt"]
    assert found(
        lib, ids, created_from="2024-03-01T10:00:00", created_to="2024-03-02T09:00:00"
    ) == ["lost"]


def test_count_limit_offset_and_many_keep_order(lib, world):
    _, tags, ids = world
    flt = ExcerptFilter(tag_ids=(tags["Energy"],))
    assert lib.annotations.count(flt) == 3
    everything = lib.annotations.ids()
    assert [a.id for a in lib.annotations.query(limit=2, offset=1)] == everything[1:3]
    wanted = [ids["fell"], 999, ids["deal"], ids["lost"]]
    assert [a.id for a in lib.annotations.many(wanted)] == [ids["fell"], ids["deal"], ids["lost"]]
    big = everything * 300  # more ids than one SQL statement takes
    assert [a.id for a in lib.annotations.many(big)] == big


def test_set_span_redescribes_and_reattaches_an_orphan(lib, world):
    docs, _, ids = world
    start = TEXT_B.index("spare parts")
    changes = lib.annotations.set_span(
        ids["lost"], start, start + len("spare parts ran short")
    ).changes
    assert ids["lost"] in changes.annotations and docs["b"] in changes.documents
    fixed = lib.annotations.get(ids["lost"])
    assert fixed.exact == "spare parts ran short"
    assert fixed.prefix == TEXT_B[max(0, start - 32) : start]
    assert fixed.suffix == "."
    assert fixed.status is AnchorStatus.EXACT and fixed.reviewed
    with pytest.raises(ValueError):
        lib.annotations.set_span(ids["lost"], 0, len(TEXT_B) + 5)


def test_tags_edits_note_accept(lib, world):
    _, tags, ids = world
    lib.annotations.set_tags(ids["doubt"], [tags["Arms"], tags["Gas"], tags["Arms"]])
    assert lib.annotations.get(ids["doubt"]).tag_ids == tuple(sorted([tags["Arms"], tags["Gas"]]))
    kept = [t for t in lib.annotations.get(ids["doubt"]).tag_ids if t != tags["Arms"]]
    lib.annotations.set_tags(ids["doubt"], kept)
    lib.annotations.add_tags(ids["doubt"], [tags["Energy"], tags["Gas"]])
    assert lib.annotations.get(ids["doubt"]).tag_ids == tuple(sorted([tags["Gas"], tags["Energy"]]))
    assert not lib.annotations.get(ids["doubt"]).reviewed
    lib.annotations.accept(ids["doubt"])
    assert lib.annotations.get(ids["doubt"]).reviewed
    with pytest.raises(NotFound):
        lib.annotations.set_note(12345, "x")


def test_delete_and_restore_give_back_the_same_annotation(lib, world):
    _, _, ids = world
    before = lib.annotations.get(ids["volume"])
    outcome = lib.annotations.delete(ids["volume"])
    deleted, changes = outcome.value, outcome.changes
    assert deleted == before and ids["volume"] in changes.annotations
    with pytest.raises(NotFound):
        lib.annotations.get(ids["volume"])
    assert found(lib, ids, search="thirty") == []
    lib.annotations.restore(deleted)
    assert lib.annotations.get(ids["volume"]) == before
    assert found(lib, ids, search="thirty") == ["volume"]


def test_a_failing_change_leaves_no_trace(lib, world, monkeypatch):
    docs, tags, ids = world
    before = [lib.annotations.get(i) for i in lib.annotations.ids()]

    def broken(*args, **kwargs):
        raise RuntimeError("crash after the first write")

    monkeypatch.setattr(lib.annotations, "_link", broken)
    with pytest.raises(RuntimeError):
        lib.annotations.create(docs["a"], 0, 6, tag_ids=[tags["Gas"]])
    with pytest.raises(RuntimeError):
        lib.annotations.set_tags(ids["deal"], [tags["Arms"]])
    monkeypatch.undo()
    assert [lib.annotations.get(i) for i in lib.annotations.ids()] == before


def test_a_bad_bare_date_gives_a_readable_error(lib, world):
    for bad in ("2024/03/05", "2024-3-5", "yesterday"):
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            lib.annotations.count(ExcerptFilter(created_to=bad))
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            lib.annotations.count(ExcerptFilter(created_from=bad))


def test_a_deleted_annotations_id_is_never_given_to_a_new_one(lib, add_doc):
    # Undo puts a deleted annotation back under its id: a newer one must not have taken it.
    doc = add_doc(lib, "a.txt", "One gas deal and two oil deals.")
    first = lib.annotations.create(doc.id, 4, 12).value
    outcome = lib.annotations.delete(first.id)
    snapshot, _ = outcome.value, outcome.changes
    newer = lib.annotations.create(doc.id, 17, 20).value
    assert newer.id != first.id
    lib.annotations.restore(snapshot)
    assert {a.id for a in lib.annotations.for_document(doc.id)} == {first.id, newer.id}


def test_a_deleted_tags_id_is_never_given_to_a_new_one(lib):
    tag = lib.tags.create("Energy").value
    outcome = lib.tags.delete(tag.id)
    removed, _ = outcome.value, outcome.changes
    newer = lib.tags.create("Security").value
    assert newer.id != tag.id
    lib.tags.restore(removed)
    assert {t.name for t in lib.tags.list()} == {"Energy", "Security"}


def test_restoring_onto_a_changed_text_never_lands_on_the_wrong_words(lib, add_doc):
    doc = add_doc(lib, "a.txt", "The treaty was signed in spring.")
    treaty = lib.annotations.create(doc.id, 4, 10).value
    outcome = lib.annotations.delete(treaty.id)
    snapshot, _ = outcome.value, outcome.changes
    lib.documents.replace_text(doc.id, decode_bytes(b"PREFACE ADDED. The treaty was signed."))
    lib.annotations.restore(snapshot)
    back = lib.annotations.get(treaty.id)
    text = lib.documents.text(doc.id)
    assert text[back.start : back.end] == "treaty"
    assert back.status is AnchorStatus.MOVED and not back.reviewed
    gone = lib.annotations.create(doc.id, text.index("signed"), text.index("signed") + 6).value
    outcome = lib.annotations.delete(gone.id)
    snapshot, _ = outcome.value, outcome.changes
    lib.documents.replace_text(doc.id, decode_bytes(b"Nothing of it is left."))
    lib.annotations.restore(snapshot)
    assert lib.annotations.get(gone.id).status is AnchorStatus.ORPHAN


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        ({"created_from": "20240501"}, 1),
        ({"created_from": "2024-05-01 10:00"}, 0),
        ({"created_to": "2024-05-01T09:00:00"}, 1),
        ({"created_to": "2024-05-01T10:00+02:00"}, 0),
        ({"created_from": "2024-05-01", "created_to": "2024-05-01"}, 1),
        ({"created_to": "2024-04-30"}, 0),
    ],
)
def test_date_bounds_compare_as_times_whatever_their_spelling(lib, add_doc, bounds, expected):
    doc = add_doc(lib, "a.txt", TEXT_A)
    lib.annotations.insert_raw(
        doc.id,
        Selectors(0, 6, TEXT_A[:6]),
        status=AnchorStatus.EXACT,
        created="2024-05-01T09:00:00+00:00",
    )
    assert lib.annotations.count(ExcerptFilter(**bounds)) == expected


def test_search_finds_words_inside_chinese_and_japanese_sentences(lib, add_doc):
    text = "日本政府は条約に署名した。中俄关系的限制在于能源合作。Gas talks resumed."
    doc = add_doc(lib, "cjk.txt", text)
    for quote in ("条約に署名", "能源合作", "Gas talks"):
        start = text.index(quote)
        lib.annotations.create(doc.id, start - 2, start + len(quote))
    assert lib.annotations.count(ExcerptFilter(search="条約")) == 1
    assert lib.annotations.count(ExcerptFilter(search="能源 gas")) == 0
    assert lib.annotations.count(ExcerptFilter(search="能源")) == 1
    assert lib.annotations.count(ExcerptFilter(search="gas")) == 1
    hits = lib.search.documents("署名")
    assert [h.document_id for h in hits] == [doc.id] and "[署名]" in hits[0].snippet
