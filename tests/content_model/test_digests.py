"""content_model.digests: each content file is read at most once while its
stat is unchanged, and a changed file is read again."""

from __future__ import annotations

import hashlib
import os

from content_model import digests
from galleries.pipeline import hash_files


def stat_key(path):
    info = os.stat(path)
    return [info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns]


def test_digest_is_sha256_of_the_bytes(tmp_path):
    photo = tmp_path / "anh.jpg"
    photo.write_bytes(b"\xff\xd8 not really a photo")
    assert digests.sha256(photo) == hashlib.sha256(photo.read_bytes()).hexdigest()


def test_a_remembered_digest_is_used_while_the_stat_holds(tmp_path):
    photo = tmp_path / "anh.jpg"
    photo.write_bytes(b"first")
    # What the up-to-date check hands over: a digest for this very stat. A
    # made-up one proves that the file is not read.
    digests.remember({str(photo): [*stat_key(photo), "ab" * 32]})
    assert digests.sha256(photo) == "ab" * 32
    assert hash_files([str(photo)]) == {str(photo): "ab" * 32}  # the photo cache asks the same memo


def test_a_changed_file_is_read_again(tmp_path):
    photo = tmp_path / "anh.jpg"
    photo.write_bytes(b"first")
    digests.remember({str(photo): [*stat_key(photo), "ab" * 32]})
    photo.write_bytes(b"second, longer")
    assert digests.sha256(photo) == hashlib.sha256(b"second, longer").hexdigest()
    assert hash_files([str(photo)])[str(photo)] == hashlib.sha256(b"second, longer").hexdigest()
