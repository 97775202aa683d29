"""Atomic writes: the file appears whole or not at all, with the mode an ordinary save gives."""

import os
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


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "real" / "notes.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"
    # The temporary file went next to the real file, and is gone.
    assert sorted(p.name for p in real.parent.iterdir()) == ["notes.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real"]


def test_a_fifo_target_is_refused_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="FIFO"):
        write_text_atomic(fifo, "{}")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert list(tmp_path.iterdir()) == [fifo]


def test_a_link_to_a_device_is_refused_before_anything_is_written(tmp_path):
    # As root, replacing /dev/null (or /dev/full) with a regular file would succeed: refuse first.
    link = tmp_path / "out.docx"
    link.symlink_to(os.devnull)
    called = []
    with pytest.raises(WriteError, match="device"):
        write_atomic(link, called.append)
    assert not called
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert link.is_symlink()


def test_a_folder_target_is_refused(tmp_path):
    folder = tmp_path / "out.json"
    folder.mkdir()
    with pytest.raises(WriteError, match="folder"):
        write_text_atomic(folder, "{}")
    assert folder.is_dir()
