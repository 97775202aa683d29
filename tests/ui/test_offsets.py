"""OffsetMap: core code points <-> Qt UTF-16 positions, checked against Qt's own document."""

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from annotator.ui.offsets import OffsetMap, qt_text

SAMPLES = [
    "plain ascii",
    "emoji 😀 in the middle, and 👍🏽 with a skin tone",
    "flags 🇫🇷🇩🇪 are two astral characters each",
    "combining: cafe\u0301, n\u0303, and a\u0308\u0301 stacked",
    "RTL: שלום עולם and مرحبا بالعالم mixed with English",
    "CJK: 漢字かなカナ 한국어 and 𠀋𠂉 from extension B",
    "lines\nand\n\nblank lines\u2028with a line separator",
]

astral_heavy = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_characters="\r"),
        st.sampled_from("😀🇫🇷𠀋é\u0301\n"),
    ),
    max_size=60,
)


def utf16_prefix(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


@given(astral_heavy)
def test_round_trip_and_agreement_with_utf16(text):
    m = OffsetMap(text)
    assert m.qt_length == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        q = m.to_qt(cp)
        assert q == utf16_prefix(text, cp)
        assert m.to_core(q) == cp


@given(astral_heavy)
def test_positions_inside_a_surrogate_pair_round_down(text):
    m = OffsetMap(text)
    for cp, ch in enumerate(text):
        if ord(ch) > 0xFFFF:
            assert m.to_core(m.to_qt(cp) + 1) == cp


def test_out_of_range_positions_are_clamped():
    m = OffsetMap("a😀b")
    assert m.to_qt(-5) == 0 and m.to_qt(99) == 4
    assert m.to_core(-1) == 0 and m.to_core(99) == 3


def test_spans_select_the_same_text_in_a_qt_document():
    for text in SAMPLES:
        doc = QTextDocument()
        doc.setPlainText(qt_text(text))
        m = OffsetMap(text)
        assert doc.characterCount() - 1 == m.qt_length
        for start in range(0, len(text), 3):
            for end in (start, start + 1, start + 4, len(text)):
                end = min(end, len(text))
                cursor = QTextCursor(doc)
                cursor.setPosition(m.to_qt(start))
                cursor.setPosition(m.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
                got = cursor.selectedText().replace("\u2029", "\n")
                assert got == text[start:end], (text, start, end)


def test_block_helper_gives_the_core_span_and_local_positions_follow():
    text = "😀 first\nsecond 🇫🇷 x"
    doc = QTextDocument()
    doc.setPlainText(text)
    m = OffsetMap(text)
    second = doc.findBlockByNumber(1)
    start, end = m.block_to_core(second.position(), second.length() - 1)
    assert text[start:end] == "second 🇫🇷 x"
    x = text.index("x")
    local = m.to_qt(x) - second.position()  # block-local UTF-16, as QTextLayout wants
    assert second.text().encode("utf-16-le")[2 * local : 2 * local + 2].decode("utf-16-le") == "x"


def test_carriage_returns_keep_the_length():
    text = "one\r\ntwo\rthree\n"
    prepared = qt_text(text)
    assert len(prepared) == len(text)
    doc = QTextDocument()
    doc.setPlainText(prepared)
    assert doc.characterCount() - 1 == len(text)
    assert doc.blockCount() == 4
