"""The index kept between builds: updating it gives the same files as
building from nothing, and reads again only what changed."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from search import index
from search.index import Document, build, full, render, update

WORDS = "hội nghị đại biểu nhân dân tổ phố phường minh hoa đường sông xanh hoà hòa thuỷ lợi văn nghệ 2025 của và ca1".split()
HARNESS = Path(__file__).with_name("harness.js")
NODE = shutil.which("node")


def doc(n: int, title: str, text: str) -> Document:
    return Document(f"bai-{n}.html", title, "01/01/2025", "Tin tức", text)


texts = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)
documents = st.lists(st.tuples(texts, texts), max_size=12).map(lambda rows: [doc(i, t, x) for i, (t, x) in enumerate(rows)])


@st.composite
def edits(draw):
    """A site, then the same site after edits, additions and deletions."""
    before = draw(documents)
    after = list(before)
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["edit", "add", "delete"]))
        if action == "add" or not after:
            after.append(doc(100 + len(after), draw(texts), draw(texts)))
        elif action == "edit":
            i = draw(st.integers(0, len(after) - 1))
            after[i] = doc(i, draw(texts), draw(texts))
        else:
            del after[draw(st.integers(0, len(after) - 1))]
    return before, after


@settings(max_examples=200, deadline=None)
@given(edits(), st.sampled_from([1, 2, 3, 256]))
def test_an_updated_index_equals_one_built_from_nothing(change, block):
    before, after = change
    previous = full(before, block=block)
    updated = update(previous, after, block=block)
    assert updated.postings == full(after, block=block).postings
    assert dict(render(updated, after, pages=1)) == build(after, pages=1)  # blocks joined = one list
    assert previous.postings == full(before, block=block).postings  # the previous state is not changed


@settings(max_examples=100, deadline=None)
@given(documents, st.sampled_from([1, 2, 3, 256]), st.integers(1, 5))
def test_an_index_built_in_parts_equals_one_built_at_once(site, block, parts):
    runs = []

    def run_parts(calls):
        runs.append(len(calls))
        return [call() for call in calls]

    whole = full(site, block=block)
    in_parts = full(site, block=block, parts=parts, run_parts=run_parts)
    assert in_parts == whole
    assert dict(render(in_parts, site)) == dict(render(whole, site))
    blocks = -(-len(site) // block)
    per_run = -(-blocks // parts)  # whole blocks, as even as whole blocks allow
    count = -(-blocks // per_run) if blocks else 1
    assert runs == ([count] if count > 1 else []) and count <= parts


def test_an_index_built_in_forked_parts_equals_one_built_at_once():
    from incremental.parallel import run_shares

    site = [doc(i, f"Tin số {i}", " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(40))) for i in range(50)]
    assert full(site, block=8, parts=3, run_parts=lambda calls: run_shares(calls, "chỉ mục")) == full(site, block=8)


def test_only_changed_documents_are_read_again(monkeypatch):
    site = [doc(i, f"Tin số {i}", f"hội nghị tổ dân phố số {i} phường minh hoa") for i in range(100)]
    state = full(site, block=32)
    read = []
    real = index.analyse
    monkeypatch.setattr(index, "analyse", lambda title, text, positions: read.append(title) or real(title, text, positions))
    as_text = []
    real_plain = index.plain_text
    monkeypatch.setattr(index, "plain_text", lambda markup: as_text.append(markup) or real_plain(markup))

    assert update(state, site, block=32) is state and read == []  # nothing changed: nothing read

    edited = [doc(i, d.title, d.body) for i, d in enumerate(site)]  # as a new build makes them
    edited[40] = doc(40, "Tin số 40", "đường sông xanh được trải nhựa")
    edited.append(doc(100, "Tin mới", "văn nghệ thuỷ lợi"))
    updated = update(state, edited, block=32)
    assert read == ["Tin số 40", "Tin mới"]
    assert as_text == ["đường sông xanh được trải nhựa", "văn nghệ thuỷ lợi"]  # HTML read as text only for them
    # only the blocks holding documents 40 and 100 (of 32 ids each) are written again
    before, after = state.postings[("hôi5", "hoi")], updated.postings[("hôi5", "hoi")]
    assert after[0] is before[0] and after[2] is before[2]
    assert after[1] != before[1] and 3 in after
    assert updated.postings == full(edited, block=32).postings
    assert ("hôi5", "hoi") in updated.postings  # still in the other 99


def test_many_changes_build_from_nothing(monkeypatch):
    site = [doc(i, f"Tin {i}", "hội nghị") for i in range(100)]
    moved = [doc(0, "Trang mới", "giới thiệu")] + site  # a new page moves every id
    state = update(full(site), moved)
    assert state.postings == full(moved).postings


@pytest.mark.skipif(NODE is None, reason="Node.js is needed to run search.js")
def test_ties_show_the_newest_article_first_then_pages(tmp_path):
    pages = [Document("gioi-thieu.html", "Giới thiệu", "", "Trang", "hội nghị"), Document("lien-he.html", "Liên hệ", "", "Trang", "hội nghị")]
    articles = [doc(i, f"Tin {i}", "hội nghị") for i in range(3)]  # oldest first
    for name, text in build(pages + articles, pages=len(pages)).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    run = subprocess.run([NODE, str(HARNESS), str(tmp_path), "hoi nghi"], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(run.stdout)["hoi nghi"] == ["Tin 2", "Tin 1", "Tin 0", "Giới thiệu", "Liên hệ"]
