"""Atomic writes: the file appears whole or not at all, with the mode an ordinary save gives."""

import stat

import pytest

from annotator.core.atomic_write import WriteError, write_atomic, write_text_atomic


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_is_readable_by_others_like_an_ordinary_save(tmp_path):
    target = tmp_path / "annotations.json"
    write_text_atomic(target, "{}")
    assert target.read_text(encoding="utf-8") == "{}"
    assert mode(target) == 0o644


def test_replacing_a_file_keeps_its_mode(tmp_path):
    target = tmp_path / "shared.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o664)
    write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert mode(target) == 0o664


def test_a_failure_mid_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "keep.json"
    target.write_text("previous", encoding="utf-8")

    def half_then_fail(path):
        path.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(WriteError, match="No space left"):
        write_atomic(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "previous"
    assert list(tmp_path.iterdir()) == [target]


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(WriteError, match="does not exist"):
        write_text_atomic(tmp_path / "nowhere" / "x.json", "{}")
