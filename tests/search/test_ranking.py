"""Ranking and matching, through the real search.js (run by Node) on an
index built by the real plugin code."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from search.folding import exact_key, folded_key
from search.index import Document, build

HARNESS = Path(__file__).with_name("harness.js")
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is needed to run search.js")

CORPUS = [
    # (title, text), newest first: ties are shown in this order
    ("Tin văn nghệ", "Đêm văn nghệ có đại biểu các tổ dân phố và bài hội nghị trong phần giới thiệu."),
    ("Hội nghị đại biểu nhân dân tổ dân phố số 7", "Hội nghị đại biểu nhân dân đã thông qua hương ước."),
    ("Bài tổng hợp", "Hội thi cờ tướng. Sau đó, nhiều tháng sau, có một nghị quyết mới về đại hội và biểu dương."),
    ("Sửa đường Sông Xanh", "Đường Sông Xanh được trải nhựa lại."),
    ("Tổ hòa giải", "Tổ hoà giải ở cơ sở ra mắt."),
    ("Thủy lợi", "Kênh thuỷ lợi được nạo vét."),
    ("Nghề dệt truyền thống", "Làng nghề dệt."),
    ("Tin về mộ", "Quy tập mộ liệt sĩ."),
    ("Tin về mồ", "Chăm sóc mồ mả."),
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("index")
    docs = [Document(f"bai-{i}.html", title, "01/01/2025", "Tin tức", text) for i, (title, text) in enumerate(CORPUS)]
    docs.reverse()  # ids go from the oldest article to the newest
    for name, text in build(docs, big_term_bytes=40).items():  # tiny threshold: exercises t- shards too
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def search(index_dir, *queries):
    run = subprocess.run([NODE, str(HARNESS), str(index_dir), *queries], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(run.stdout)


def test_toneless_query_finds_accented_text_with_title_and_phrase_first(index_dir):
    results = search(index_dir, "hoi nghi dai bieu")["hoi nghi dai bieu"]
    # in the title first; then words next to each other before words far apart
    assert results == ["Hội nghị đại biểu nhân dân tổ dân phố số 7", "Tin văn nghệ", "Bài tổng hợp"]


def test_d_folds_to_d(index_dir):
    # "đường" in a title, then "dương" (biểu dương) in a body: both fold to duong
    assert search(index_dir, "duong")["duong"] == ["Sửa đường Sông Xanh", "Bài tổng hợp"]
    assert search(index_dir, "đường")["đường"] == ["Sửa đường Sông Xanh", "Bài tổng hợp"]
    assert search(index_dir, "song xanh")["song xanh"] == ["Sửa đường Sông Xanh"]


def test_old_and_new_tone_placement_match(index_dir):
    found = search(index_dir, "hòa giải", "hoà giải", "thủy", "thuỷ")
    assert found["hòa giải"] == found["hoà giải"] == ["Tổ hòa giải"]
    assert found["thủy"] == found["thuỷ"] == ["Thủy lợi"]


def test_exact_accents_rank_above_folded_ones(index_dir):
    found = search(index_dir, "mộ", "mồ", "mo")
    assert found["mộ"] == ["Tin về mộ", "Tin về mồ"]
    assert found["mồ"] == ["Tin về mồ", "Tin về mộ"]
    assert set(found["mo"]) == {"Tin về mộ", "Tin về mồ"}


def test_last_word_is_a_prefix_while_typing(index_dir):
    found = search(index_dir, "lang nghe d", "lang nghe det", "truyen th", "ngh")
    assert found["lang nghe det"] == ["Nghề dệt truyền thống"]
    assert found["lang nghe d"][0] == "Nghề dệt truyền thống"  # short last word: still typing
    assert found["truyen th"] == ["Nghề dệt truyền thống"]
    assert set(found["ngh"]) >= {"Nghề dệt truyền thống", "Hội nghị đại biểu nhân dân tổ dân phố số 7"}


def test_stopwords_are_not_indexed_and_ignored_in_queries(index_dir):
    manifest = (index_dir / "manifest.js").read_text(encoding="utf-8")
    assert '"của"' not in manifest  # stopwords are listed by exact key
    assert "cua2" in manifest
    assert not any("cua" in p.name for p in index_dir.glob("p-*.js")) or "cua2" not in (index_dir / "p-cua.js").read_text()
    found = search(index_dir, "hội nghị của nhân dân")
    assert found["hội nghị của nhân dân"] == ["Hội nghị đại biểu nhân dân tổ dân phố số 7"]


def test_javascript_keys_match_python_keys(index_dir):
    words = "Hội nghị ĐẠI biểu hoà hòa thuỷ thủy Ưu đãi Ngõ 12 Phường Ýên".split()
    keys = search(index_dir, " ".join(words))["__keys"][0]
    assert keys == [[exact_key(w), folded_key(w)] for w in words]
