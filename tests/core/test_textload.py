"""Reading source files: every decode path, newline normalisation, refusals and title guessing."""

from __future__ import annotations

import codecs
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core import textload
from annotator.core.content import guess_title
from annotator.core.textload import (
    LoadError,
    decode_bytes,
    load_text,
    normalise_newlines,
)

SAMPLE = "Ünïcödé title\nA line with “quotes” — and a dash.\n"


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# Decoding --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"), "utf-32"),
        (codecs.BOM_UTF32_BE + SAMPLE.encode("utf-32-be"), "utf-32"),
    ],
    ids=["utf8", "utf8-bom", "utf16le", "utf16be", "utf32le", "utf32be"],
)
def test_unicode_encodings_decode_to_the_same_text(tmp_path, data, encoding):
    loaded = load_text(write(tmp_path, "a.txt", data))
    assert loaded.text == SAMPLE  # no BOM left at the start
    assert loaded.encoding == encoding


def test_the_same_text_in_any_encoding_has_the_same_hash():
    hashes = {
        decode_bytes(SAMPLE.encode("utf-8")).content_hash,
        decode_bytes(codecs.BOM_UTF8 + SAMPLE.encode("utf-8")).content_hash,
        decode_bytes(codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le")).content_hash,
        decode_bytes(SAMPLE.replace("\n", "\r\n").encode("utf-8")).content_hash,
    }
    assert len(hashes) == 1


def test_windows_1252_curly_quotes_fall_back_from_utf8(tmp_path):
    data = b"He said \x93hello\x94 \x96 it cost \x80 5."
    loaded = load_text(write(tmp_path, "w.txt", data))
    assert loaded.encoding == "windows-1252"
    assert loaded.text == "He said \u201chello\u201d \u2013 it cost \u20ac 5."


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_bytes_undefined_in_windows_1252_decode_as_latin1(byte):
    data = b"caf\xe9 " + bytes([byte]) + b" end"
    loaded = decode_bytes(data)
    assert loaded.encoding == "latin-1"
    assert loaded.text == "café " + chr(byte) + " end"


def test_broken_utf8_with_a_bom_still_loads():
    loaded = decode_bytes(codecs.BOM_UTF8 + b"caf\xe9")
    assert loaded.text.endswith("café")
    assert loaded.encoding in ("windows-1252", "latin-1")


def test_word_count_and_title_come_with_the_text():
    loaded = decode_bytes(b"The Title Here Now\n\nOne two three.")
    assert loaded.word_count == 7
    assert loaded.title == "The Title Here Now"


# Newlines and offsets --------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028", "\u2029", "\n"])
def test_every_newline_becomes_lf(newline):
    raw = f"first{newline}second{newline}{newline}third"
    text = decode_bytes(raw.encode("utf-8")).text
    assert text == "first\nsecond\n\nthird"
    # Offsets found in the normalised text point at the same words.
    assert text[text.index("third") :] == "third"


def test_mixed_newlines_normalise_without_doubling():
    assert normalise_newlines("a\r\nb\rc\nd\u2029e") == "a\nb\nc\nd\ne"
    assert normalise_newlines("a\r\r\nb") == "a\n\nb"


@given(st.lists(st.sampled_from(["word", " ", "\r\n", "\r", "\n", "\u2028", "é", "🇫🇷"])))
def test_normalised_text_has_only_lf_and_keeps_every_other_character(parts):
    raw = "".join(parts)
    text = normalise_newlines(raw)
    assert "\r" not in text and "\u2028" not in text and "\u2029" not in text
    assert text.replace("\n", "") == raw.replace("\r", "").replace("\n", "").replace(
        "\u2028", ""
    ).replace("\u2029", "")


def test_offsets_count_code_points_for_astral_combining_and_rtl_text(tmp_path):
    parts = ["Emoji 😀 here", "flag 🇺🇦 there", "e\u0301te\u0301", "مرحبا بالعالم", "end"]
    raw = "\r\n".join(parts)
    loaded = load_text(write(tmp_path, "u.txt", raw.encode("utf-8")))
    text = loaded.text
    assert text == "\n".join(parts)
    start = text.index("flag")
    assert text[start : start + len("flag 🇺🇦")] == "flag 🇺🇦"
    # One code point per emoji, two per flag, combining accents kept as separate code points.
    assert len("😀") == 1 and text.count("\U0001f1fa") == 1
    assert "e\u0301te\u0301" in text  # not composed to "été"
    assert text.index("end") == len("\n".join(parts[:-1])) + 1
    assert loaded.content_hash == decode_bytes("\n".join(parts).encode("utf-16")).content_hash


# Refusals --------------------------------------------------------------------------------------


def test_binary_file_is_refused(tmp_path):
    path = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(LoadError, match="binary"):
        load_text(path)


def test_invalid_utf16_after_bom_is_refused():
    with pytest.raises(LoadError, match="utf-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone high surrogate


def test_file_over_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(textload, "MAX_BYTES", 1024)
    path = write(tmp_path, "big.txt", b"x" * 1025)
    with pytest.raises(LoadError, match="not loaded") as info:
        load_text(path)
    assert "big.txt" in str(info.value)
    with pytest.raises(LoadError):
        decode_bytes(b"x" * 1025, name="big.txt")
    # At the limit it still loads.
    assert len(load_text(write(tmp_path, "ok.txt", b"x" * 1024)).text) == 1024


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(LoadError, match="does not exist"):
        load_text(tmp_path / "nowhere.txt")


def test_folder_is_refused(tmp_path):
    folder = tmp_path / "notes.txt"
    folder.mkdir()
    with pytest.raises(LoadError, match="folder"):
        load_text(folder)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anyway")
def test_unreadable_file_is_refused(tmp_path):
    path = write(tmp_path, "secret.txt", b"hidden")
    path.chmod(0)
    try:
        with pytest.raises(LoadError, match="permission denied"):
            load_text(path)
    finally:
        path.chmod(0o644)


def test_empty_file_loads_as_untitled(tmp_path):
    loaded = load_text(write(tmp_path, "empty.txt", b""))
    assert loaded.text == ""
    assert loaded.title == "Untitled"
    assert loaded.word_count == 0


# Titles -------------------------------------------------------------------------


def test_title_skips_web_boilerplate():
    text = "Skip to content\n\nMenu\nSEARCH\n\n  The   Real   Headline of the Day \nBody text."
    assert guess_title(text) == "The Real Headline of the Day"


def test_title_skips_short_masthead_fragments():
    assert guess_title("New Times,\nA Long Headline About Things\n") == (
        "A Long Headline About Things"
    )


def test_title_falls_back_to_the_first_line_when_everything_is_boilerplate():
    assert guess_title("\n\nSkip to content\nMenu\n") == "Skip to content"


def test_title_of_blank_text_is_untitled():
    assert guess_title("") == "Untitled"
    assert guess_title("\n \n\t\n") == "Untitled"


def test_long_title_is_shortened_at_a_word():
    line = " ".join(["word"] * 100)
    title = guess_title(line)
    assert title.endswith("…")
    assert len(title) <= 161
    assert title[:-1].split() == ["word"] * len(title[:-1].split())


def test_permission_denied_is_reported_even_when_the_os_check_cannot_be_staged(
    tmp_path, monkeypatch
):
    # Running as root reads every file anyway; this fakes the refusal to check the message.
    path = write(tmp_path, "locked.txt", b"text")

    def refuse_open(name, flags, *args):
        raise PermissionError(13, "Permission denied", str(name))

    monkeypatch.setattr(textload.os, "open", refuse_open)
    with pytest.raises(LoadError, match="locked.txt cannot be read: permission denied"):
        load_text(path)


# Special files -------------------------------------------------------------------------------


def test_a_fifo_is_refused_without_being_opened(tmp_path, finishes):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(LoadError, match="pipe.txt is not a regular file \\(a FIFO"):
        finishes(lambda: load_text(fifo))


def test_a_link_to_an_endless_device_is_refused(tmp_path, finishes):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(LoadError, match="zero.txt is not a regular file \\(a device"):
        finishes(lambda: load_text(link))


def test_a_file_that_grows_past_its_size_is_read_only_up_to_the_limit(tmp_path, monkeypatch):
    # The size in the stat is only a hint: what is read is capped, whatever it says.
    monkeypatch.setattr(textload, "MAX_BYTES", 1024)
    path = write(tmp_path, "growing.txt", b"x" * 100)
    real_stat = os.stat

    def small_stat(target, *args, **kwargs):
        info = real_stat(target, *args, **kwargs)
        if str(target) == str(path):
            path.write_bytes(b"x" * 5000)  # grows after it was measured
        return info

    monkeypatch.setattr(textload.os, "stat", small_stat)
    with pytest.raises(LoadError, match="over"):
        load_text(path)


def test_a_file_longer_than_its_size_said_is_read_whole(tmp_path, monkeypatch):
    # Only as much as the size says is asked for first (not the limit: that would allocate
    # 20 MB a file); a file that grew since is read on to its end.
    text = "The pipeline talks stalled again. " * 100
    path = write(tmp_path, "growing.txt", text.encode())
    real_fstat = os.fstat

    def stale_fstat(fd):
        info = real_fstat(fd)
        return os.stat_result((*info[:6], 10, *info[7:]))  # st_size: 10 bytes

    monkeypatch.setattr(textload.os, "fstat", stale_fstat)
    assert load_text(path).text == text


def test_a_file_swapped_for_a_fifo_after_the_check_is_refused_without_blocking(
    tmp_path, monkeypatch, finishes
):
    path = write(tmp_path, "swap.txt", b"text")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    real_open = os.open

    def swap_then_open(name, flags, *args):
        # Between the stat and the open, another program puts a FIFO in its place.
        if str(name) == str(path):
            os.replace(fifo, path)
        return real_open(name, flags, *args)

    monkeypatch.setattr(textload.os, "open", swap_then_open)
    with pytest.raises(LoadError, match="not a regular file"):
        finishes(lambda: load_text(path))


# A few bad bytes in UTF-8 --------------------------------------------------------------------


def test_one_bad_byte_keeps_a_utf8_text_utf8():
    good = "Le café de la gare, déjà vu à Noël. " * 40
    data = good.encode("utf-8") + b"\xff" + good.encode("utf-8")
    loaded = decode_bytes(data)
    assert loaded.encoding == "utf-8"
    assert loaded.text == good + "\ufffd" + good  # no "CafÃ©" anywhere
    assert loaded.replaced == 1
    assert loaded.replaced_note == "1 byte that is not UTF-8 was replaced"
    assert not loaded.cut_short


def test_a_few_bad_bytes_are_counted_each():
    data = "Über die Straße".encode() + b" \x80\x81 " + "Grüße".encode() + b"\xfe"
    loaded = decode_bytes(data)
    assert loaded.encoding == "utf-8"
    assert loaded.text == "Über die Straße \ufffd\ufffd Grüße\ufffd"
    assert loaded.replaced_note == "3 bytes that are not UTF-8 were replaced"


def test_a_text_with_a_legitimate_replacement_character_counts_only_bad_bytes():
    data = "keep � here, café".encode() + b"\xff"
    loaded = decode_bytes(data)
    assert loaded.replaced == 1
    assert loaded.text.count("\ufffd") == 2


def test_a_utf8_bom_text_with_a_bad_byte_stays_utf8():
    data = codecs.BOM_UTF8 + "naïve café".encode() + b"\x92"
    loaded = decode_bytes(data)
    assert (loaded.encoding, loaded.text, loaded.replaced) == ("utf-8-sig", "naïve café\ufffd", 1)


def test_genuine_windows_1252_with_accents_everywhere_stays_windows_1252():
    text = "Le café de la gare, déjà vu à Noël; l'été à Orléans. " * 40
    loaded = decode_bytes(text.encode("windows-1252"))
    assert loaded.encoding == "windows-1252"
    assert loaded.text == text
    assert loaded.replaced == 0


def test_a_short_windows_1252_text_with_one_accent_stays_windows_1252():
    # One bad byte and no valid UTF-8 character at all: Windows-1252 keeps the letter.
    loaded = decode_bytes("Crème brûlée".encode("windows-1252"))
    assert (loaded.encoding, loaded.text) == ("windows-1252", "Crème brûlée")


def test_many_bad_bytes_mean_another_encoding():
    data = ("Ärger über Öl. " * 5).encode("utf-8") + ("Ärger über Öl. " * 20).encode("cp1252")
    assert decode_bytes(data).encoding == "windows-1252"


def test_a_utf8_file_cut_mid_character_says_so():
    full = "Déjà vu, résumé, naïve: 😀".encode()
    loaded = decode_bytes(full[:-2])  # half of the emoji
    assert loaded.encoding == "utf-8"
    assert loaded.cut_short
    assert loaded.replaced == 2
