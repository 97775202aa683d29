"""The documents' full-text index, written once per transaction however many documents it wrote."""

from __future__ import annotations

from annotator.core.textload import decode_bytes


def hits(lib, words: str) -> set[int]:
    return {hit.document_id for hit in lib.search.documents(words)}


def test_documents_written_together_are_all_found_after_the_commit(lib, add_doc):
    kept = add_doc(lib, "kept.txt", "Harbours\n\nThe harbour of Vladivostok froze early this year.")
    gone = add_doc(lib, "gone.txt", "Railways\n\nA railway bridge over the Amur opened to freight.")
    source = lib.sources.list()[0]
    with lib.atomic():
        new = lib.documents.add(
            source.id, "new.txt", decode_bytes(b"Copper exports doubled.")
        ).value
        lib.documents.set_note(new.id, "check the customs figures")
        winter = decode_bytes(b"Harbours\n\nThe harbour stayed open all winter.")
        lib.documents.replace_text(kept.id, winter)
        lib.documents.set_note(kept.id, "revised")
        lib.documents.delete(gone.id)
    assert hits(lib, "copper") == {new.id} and hits(lib, "customs") == {new.id}
    assert hits(lib, "winter") == {kept.id} and hits(lib, "revised") == {kept.id}
    assert hits(lib, "froze") == set() and hits(lib, "amur") == set()
    # A document id used again after a delete is indexed with its new text only.
    again = add_doc(lib, "again.txt", "Grain trains crossed at Zabaikalsk.")
    lib.documents.delete(again.id)
    last = add_doc(lib, "last.txt", "Soybean imports rose.")
    assert hits(lib, "zabaikalsk") == set() and hits(lib, "soybean") == {last.id}


def test_a_failed_transaction_leaves_the_index_as_it_was(lib, add_doc):
    doc = add_doc(lib, "a.txt", "The harbour of Vladivostok froze early this year.")
    try:
        with lib.atomic():
            lib.documents.set_note(doc.id, "tundra")
            raise RuntimeError("interrupted")
    except RuntimeError:
        pass
    assert hits(lib, "tundra") == set() and hits(lib, "vladivostok") == {doc.id}
    lib.documents.set_note(doc.id, "taiga")
    assert hits(lib, "taiga") == {doc.id}
