"""The matrix view's counts: each cell is exactly the excerpts its filter lists; CSV export."""

from __future__ import annotations

import csv

from helpers_panels import seeded

from annotator.services import matrix as matrices


def test_every_tag_document_cell_counts_what_its_filter_lists():
    data = seeded()
    lib = data.library
    m = matrices.tags_by_documents(lib)
    assert [path for _id, path in m.rows] == list(data.tags)  # tree order, with paths
    assert {doc_id for doc_id, _t in m.columns} == set(data.documents)
    for tag_id, _path in m.rows:
        for doc_id, _title in m.columns:
            expected = lib.annotations.count(m.excerpt_filter(tag_id, doc_id))
            assert m.count(tag_id, doc_id) == expected
    # A parent counts its children's passages: Energy/Oil in the first two documents.
    first, second = data.documents[:2]
    assert m.count(data.tags["Energy"], first) == 2
    assert m.count(data.tags["Energy"], second) == 1


def test_every_tag_pair_cell_counts_passages_carrying_both():
    data = seeded()
    lib = data.library
    m = matrices.tags_by_tags(lib)
    for a, _pa in m.rows:
        for b, _pb in m.columns:
            assert m.count(a, b) == lib.annotations.count(m.excerpt_filter(a, b)), (a, b)
            assert m.count(a, b) == m.count(b, a)
    assert m.count(data.tags["Energy/Oil"], data.tags["Economy"]) == 1
    assert m.count(data.tags["Security"], data.tags["Economy"]) == 0
    energy, oil = data.tags["Energy"], data.tags["Energy/Oil"]
    assert m.implied(energy, oil) and m.implied(oil, energy) and m.implied(oil, oil)
    assert not m.implied(oil, data.tags["Economy"])
    assert m.largest == max(n for (a, b), n in m.cells.items() if not m.implied(a, b))


def test_csv_has_a_header_of_columns_and_a_row_per_tag(tmp_path):
    data = seeded()
    lib = data.library
    lib.tags.create("=HYPERLINK(1)")  # a name a spreadsheet would run
    m = matrices.tags_by_documents(lib)
    path = matrices.write_csv(m, tmp_path / "matrix.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0][0] == "tag \\ document" and len(table[0]) == len(m.columns) + 1
    assert [row[0] for row in table[1:]] == [p if p[0] != "=" else "'" + p for _i, p in m.rows]
    energy_row = table[1 + [p for _i, p in m.rows].index("Energy")]
    assert sum(int(n) for n in energy_row[1:]) == 3
