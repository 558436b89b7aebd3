"""Files carried over from the previous output into the staged one."""

from __future__ import annotations

import types

import atomic_output
import pytest


@pytest.fixture
def staged(tmp_path):
    """A previous output with one file, and a new output being staged."""
    final = tmp_path / "output"
    (final / "search").mkdir(parents=True)
    (final / "search" / "p-ha.js").write_bytes("WardSearch.add(\"p-ha\",{});\n".encode())
    pelican = types.SimpleNamespace(output_path=str(final), settings={"OUTPUT_PATH": str(final)})
    atomic_output.stage(pelican)
    staging = atomic_output._state["staging"]
    (staging / "search").mkdir()
    yield final, staging
    atomic_output._remove_staging()
    atomic_output._state.clear()


def test_the_same_bytes_are_linked_from_the_previous_output(staged):
    final, staging = staged
    same = "WardSearch.add(\"p-ha\",{});\n".encode()
    assert atomic_output.write_bytes(staging / "search" / "p-ha.js", same) is False
    assert (staging / "search" / "p-ha.js").stat().st_ino == (final / "search" / "p-ha.js").stat().st_ino


def test_other_bytes_or_a_new_file_are_written(staged):
    final, staging = staged
    changed = "WardSearch.add(\"p-ha\",{\"ha\":1});\n".encode()
    assert atomic_output.write_bytes(staging / "search" / "p-ha.js", changed) is True
    assert (staging / "search" / "p-ha.js").read_bytes() == changed
    assert (final / "search" / "p-ha.js").read_bytes() != changed  # the previous output is untouched
    assert atomic_output.write_bytes(staging / "search" / "p-moi.js", b"x") is True
    assert (staging / "search" / "p-moi.js").read_bytes() == b"x"


def test_without_staging_it_simply_writes(tmp_path):
    atomic_output._state.clear()
    assert atomic_output.write_bytes(tmp_path / "a.js", b"x") is True
    assert (tmp_path / "a.js").read_bytes() == b"x"


def test_link_file_replaces_an_existing_file_whole(tmp_path):
    source, target = tmp_path / "old.html", tmp_path / "new.html"
    source.write_text("trang cũ", encoding="utf-8")
    target.write_text("", encoding="utf-8")  # the empty file Pelican opened
    linked_to_target = tmp_path / "elsewhere.html"
    linked_to_target.hardlink_to(target)
    atomic_output.link_file(source, target)
    assert target.read_text(encoding="utf-8") == "trang cũ" and target.stat().st_ino == source.stat().st_ino
    assert linked_to_target.read_text(encoding="utf-8") == ""  # replaced, never written into
    fresh = tmp_path / "fresh.html"
    atomic_output.link_file(source, fresh)
    assert fresh.stat().st_ino == source.stat().st_ino
