"""Bad text, long passages, failures mid-write, locked targets, cancelling, other templates."""

from __future__ import annotations

import dataclasses
import datetime
import errno
import gc
import io
import os
import sys
from pathlib import Path

import docx
import pytest
from briefing_corpus import ANNOTATIONS
from briefing_readback import paragraphs, texts_with_style

from annotator.briefing.writer import BriefingCancelled, BriefingError, write_briefing
from annotator.core.briefing import BriefingOptions, build_briefing

NASTY = "Bell\x07 null\x00 vt\x0b ff\x0c esc\x1b nonchar\ufffe\uffff lone\ud800 end 😀 café 中文"


def test_control_characters_are_dropped_and_emoji_survive(inputs, tmp_path):
    first = dataclasses.replace(ANNOTATIONS[0], exact=NASTY, note="note\x0c with 🎉\r\nline two")
    inputs["annotations"] = [first]
    inputs["project_note"] = "summary\x01"
    options = BriefingOptions(title="Title\x02 🚀", author="Au\x1fthor", subtitle="s\ud83d\ude00")
    briefing = build_briefing(options, **inputs)
    path = write_briefing(briefing, tmp_path / "b.docx")
    document = docx.Document(str(path))
    quote = texts_with_style(document, "Block Quote")
    # Form feed and vertical tab stood between words: they become spaces, the rest goes.
    assert quote == ["Bell null vt  ff  esc nonchar lone\ufffd end 😀 café 中文"]
    assert texts_with_style(document, "Title") == ["Title 🚀"]
    assert texts_with_style(document, "Subtitle") == ["s😀"]  # a surrogate pair is joined
    notes = texts_with_style(document, "Excerpt Note")
    assert "Note: note  with 🎉" in notes and "line two" in notes
    assert document.core_properties.author == "Author"


def test_a_long_quote_stays_one_paragraph_that_may_split_across_pages(inputs, tmp_path):
    # Issue 11: a 7,500-character quote gained a paragraph break at 5,000 characters and was
    # pushed whole to the next page (keep-together), leaving half a page blank.
    sentence = "This sentence is one of many in a very long passage. "
    long_quote = (sentence * 150).strip()  # ~8,000 characters without a newline
    short = dataclasses.replace(ANNOTATIONS[2], exact="A short quote.")
    inputs["annotations"] = [dataclasses.replace(ANNOTATIONS[0], exact=long_quote), short]
    briefing = build_briefing(BriefingOptions(), **inputs)
    document = docx.Document(str(write_briefing(briefing, tmp_path / "b.docx")))
    quotes = [p for p in document.paragraphs if p.style.name.startswith("Block Quote")]
    assert [p.text for p in quotes] == [long_quote, "A short quote."]
    long_p, short_p = (q.paragraph_format for q in quotes)
    assert long_p.keep_together is not True and long_p.keep_with_next is False
    assert short_p.keep_together is True  # a short one stays whole on its page


def _briefing(inputs):
    return build_briefing(BriefingOptions(title="Atomic"), **inputs)


def test_failure_mid_write_leaves_no_file_and_keeps_the_old_one(inputs, tmp_path, monkeypatch):
    def broken_save(self, stream):
        stream.write(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    target = tmp_path / "brief.docx"
    with pytest.raises(BriefingError, match="No space left"):
        write_briefing(_briefing(inputs), target)
    assert list(tmp_path.iterdir()) == []

    target.write_bytes(b"the previous briefing")
    with pytest.raises(BriefingError):
        write_briefing(_briefing(inputs), target)
    assert target.read_bytes() == b"the previous briefing"
    assert list(tmp_path.iterdir()) == [target]


def test_unexpected_errors_also_clean_up(inputs, tmp_path, monkeypatch):
    def crash(self, stream):
        stream.write(b"partial")
        raise RuntimeError("bug")

    monkeypatch.setattr(docx.document.Document, "save", crash)
    with pytest.raises(RuntimeError):
        write_briefing(_briefing(inputs), tmp_path / "b.docx")
    assert list(tmp_path.iterdir()) == []


def test_locked_target_gives_a_readable_error(inputs, tmp_path, monkeypatch):
    target = tmp_path / "brief.docx"
    target.write_bytes(b"open in Word")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(BriefingError, match="open in another program"):
        write_briefing(_briefing(inputs), target)
    assert target.read_bytes() == b"open in Word"
    assert list(tmp_path.iterdir()) == [target]


def test_unwritable_folder_gives_a_readable_error(inputs, tmp_path, monkeypatch):
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(BriefingError, match="Cannot write in .*Permission denied"):
        write_briefing(_briefing(inputs), tmp_path / "b.docx")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_gives_a_readable_error(inputs, tmp_path):
    with pytest.raises(BriefingError, match="does not exist"):
        write_briefing(_briefing(inputs), tmp_path / "nope" / "b.docx")


def test_progress_reports_and_can_cancel(inputs, tmp_path):
    seen: list[tuple[int, int]] = []
    target = tmp_path / "b.docx"
    write_briefing(_briefing(inputs), target, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] > 0
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    target.write_bytes(b"old")
    with pytest.raises(BriefingCancelled):
        write_briefing(_briefing(inputs), target, progress=lambda d, t: d < 2)
    assert target.read_bytes() == b"old"

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_briefing(_briefing(inputs), target, progress=stop)
    assert list(tmp_path.iterdir()) == [target]


def test_a_plain_template_without_briefing_styles_still_works(inputs, tmp_path):
    template = tmp_path / "plain.docx"
    docx.Document().save(str(template))  # python-docx's default: has Quote, no Block Quote
    path = write_briefing(_briefing(inputs), tmp_path / "b.docx", template=template)
    document = docx.Document(str(path))
    assert texts_with_style(document, "Quote")  # the fallback for Block Quote
    assert any(s == "heading 1" for s, _ in paragraphs(document))


def test_a_broken_template_is_a_briefing_error(inputs, tmp_path):
    template = tmp_path / "bad.docx"
    template.write_text("not a zip")
    with pytest.raises(BriefingError, match="not a Word document"):
        write_briefing(_briefing(inputs), tmp_path / "b.docx", template=template)
    with pytest.raises(BriefingError, match="not found"):
        write_briefing(_briefing(inputs), tmp_path / "b.docx", template=tmp_path / "none.docx")


def test_bundled_template_defines_every_style_the_writer_uses():
    from annotator.briefing.styles import _ROLES, default_template, resolve_styles

    document = docx.Document(str(default_template()))
    ids = resolve_styles(document).ids
    preferred = {role: names[1][0] for role, names in _ROLES.items()}
    names = {s.style_id: s.name for s in document.styles}
    for role, style_id in ids.items():
        assert style_id is not None, role
        assert names[style_id].casefold() == preferred[role].casefold(), role
    assert Path(default_template()).name == "briefing-template.docx"


def test_long_titles_and_many_tags_fit_word_property_limits(inputs, tmp_path):
    many = [dataclasses.replace(t, name=f"{t.name} {'x' * 60}") for t in inputs["tags"]]
    inputs["tags"] = many
    briefing = build_briefing(BriefingOptions(title="T" * 300), **inputs)
    props = docx.Document(str(write_briefing(briefing, tmp_path / "b.docx"))).core_properties
    assert len(props.title) == 255 and props.title.endswith("…")
    names = props.keywords.split(", ")
    assert 0 < len(props.keywords) <= 255 and all(n in {t.name for t in many} for n in names)


def test_briefing_carries_no_leftovers_from_python_docx_default_template(compile_briefing):
    import zipfile

    _, path, _ = compile_briefing()
    names = zipfile.ZipFile(path).namelist()
    assert "word/styles.xml" in names and "word/document.xml" in names
    assert not [n for n in names if "thumbnail" in n or "stylesWithEffects" in n]


def test_a_long_title_stays_one_line_in_the_header_and_dates_are_today(inputs, tmp_path):
    title = "A very long briefing title " * 40
    briefing = build_briefing(BriefingOptions(title=title, author="A"), **inputs)
    path = write_briefing(briefing, tmp_path / "long.docx")
    document = docx.Document(str(path))
    header = document.sections[0].header.paragraphs[0].text
    assert len(header) <= 90 and header.endswith("…")
    created = document.core_properties.created
    assert created is not None and created.date() >= datetime.date.today() - datetime.timedelta(1)


def test_a_template_without_page_setup_gives_a_clear_error(inputs, tmp_path):
    template = docx.Document()
    body = template.element.body
    body.remove(body.sectPr)
    path = tmp_path / "nosect.docx"
    template.save(str(path))
    briefing = build_briefing(BriefingOptions(title="T"), **inputs)
    with pytest.raises(BriefingError, match="no page setup"):
        write_briefing(briefing, tmp_path / "out.docx", template=path)


class _FullDisk(io.FileIO):
    """A file on a disk that fills up after a few kilobytes."""

    room = 4096

    def write(self, data) -> int:
        if self.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


def test_a_full_disk_gives_a_message_and_no_ignored_exception(inputs, tmp_path, monkeypatch):
    # A zip left open by the failed save used to complain at garbage collection:
    # "Exception ignored in: <function ZipFile.__del__>".
    ignored = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    monkeypatch.setattr(
        "annotator.briefing.writer.open", lambda path, mode: _FullDisk(path, "w"), raising=False
    )
    target = tmp_path / "brief.docx"
    with pytest.raises(BriefingError, match="No space left"):
        write_briefing(_briefing(inputs), target)
    gc.collect()
    assert [str(hook.exc_value) for hook in ignored] == []
    assert list(tmp_path.iterdir()) == []
