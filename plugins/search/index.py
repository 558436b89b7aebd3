"""Building the search index: documents in, small script files out.

Files (all under ``SEARCH_OUTPUT``, loaded with plain <script> tags, so the
search works from file:// where fetch, XHR, modules and workers do not):
- ``manifest.js``: document count, how many of them are pages, the shards
  that exist, the stopwords;
- ``p-<prefix>.js``: every word whose folded key starts with that 3-letter
  prefix (or is that 1–2-letter word), with its posting lists per exact form;
- ``t-<word>.js``: a word whose posting lists alone are big, on its own, so
  a query for another word of the same prefix does not load it;
- ``d-<n>.js``: ``DOCS_PER_SHARD`` documents (URL, title, date, category and
  the start of the text for snippets), loaded only for the results shown.

Document ids are the documents' order: the pages first, then the articles
from the oldest to the newest, so that a new article takes the next id and
moves no other. ``search.js`` breaks ties newest article first.

The posting lists are kept between builds as an ``IndexState``: ``update``
reads again only the documents whose title or text changed (or whose id
moved) and rewrites only the lists of the words they had or have, and of
those only the block of ``BLOCK`` documents that holds them. The result is
the same as building from nothing, which the tests check.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .encoding import POSITIONS, PostingList, decode_postings, encode_postings, rebase
from .folding import STOPWORDS, keys

DOCS_PER_SHARD = 8
PREFIX = 3
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_PLAIN = re.compile(r"[a-z0-9]+")

# Above this share of documents changed, reading everything again is faster
# than patching the lists one by one.
REBUILD_SHARE = 0.1
REBUILD_MIN = 64
# Posting lists are kept in blocks of this many document ids, each written
# as if it were the whole list: a change rewrites one block, not the list.
BLOCK = 256


@dataclass
class Document:
    url: str
    title: str
    date: str
    category: str
    body: str  # the body as HTML (plain text is HTML too)

    @property
    def text(self) -> str:
        """The body as plain text, made only when the document changed and
        not kept (at 5,000 articles the texts alone are 27 MB)."""
        return plain_text(self.body)

    def fingerprint(self) -> bytes:
        """What the posting lists and the snippet depend on."""
        return hashlib.blake2b(f"{self.title}\0{self.body}".encode(), digest_size=16).digest()


Form = tuple[str, str]  # (exact key, folded key) of a word form


Blocks = dict[int, tuple[str, int]]  # block number → (its posting list, written from -1; its last id)
Part = tuple[dict[Form, Blocks], list[bytes], list[str]]  # postings, fingerprints and snippets of a run of blocks


@dataclass
class IndexState:
    """The posting lists of every word form, and per document what its
    entries were made from, so that the next build can change only what
    changed. Which forms a changed document had is read back from the
    posting lists of its block, not kept per document (the words of 5,000
    articles take 30 MB as text)."""

    positions: int
    block: int = BLOCK
    snippet_chars: int = 200
    fingerprints: list[bytes] = field(default_factory=list)
    snippets: list[str] = field(default_factory=list)  # per document: the start of its text
    postings: dict[Form, Blocks] = field(default_factory=dict)

    def posting_text(self, form: Form) -> str:
        """The encoded posting list of *form*, its blocks joined."""
        parts, previous = [], -1
        blocks = self.postings[form]
        for number in sorted(blocks):
            text, last = blocks[number]
            parts.append(rebase(text, previous))
            previous = last
        return "".join(parts)


def plain_text(markup: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def shard_key(folded: str) -> str:
    return folded[:PREFIX]


def file_part(key: str) -> str:
    """A word or prefix as a file-name part: itself if plain ASCII, else
    'x' and the hex of its UTF-8 bytes (search.js does the same)."""
    return key if _PLAIN.fullmatch(key) else "x" + key.encode("utf-8").hex()


def analyse(title: str, text: str, positions: int) -> dict[Form, list]:
    """form → [in title, occurrences in the body, first body positions]."""
    entries: dict[Form, list] = {}
    for form in keys(title):
        if form[0] not in STOPWORDS:
            entries[form] = [True, 0, []]
    for position, form in enumerate(keys(text)):
        if form[0] in STOPWORDS:
            continue
        entry = entries.get(form)
        if entry is None:
            entries[form] = entry = [False, 0, []]
        entry[1] += 1
        if len(entry[2]) < positions:
            entry[2].append(position)
    return entries


def full(documents: list[Document], positions: int = POSITIONS, block: int = BLOCK, snippet_chars: int = 200,
         parts: int = 1, run_parts: Callable[[list[Callable[[], Part]]], list[Part]] | None = None) -> IndexState:
    """The index of *documents* built from nothing. Blocks of ids do not
    depend on each other, so the documents can be indexed in *parts* runs
    of whole blocks: ``run_parts`` runs them (for instance each in its own
    process) and returns their results in order; by default one after the
    other. The state is the same however many parts."""
    blocks = -(-len(documents) // block)
    per_part = max(1, -(-blocks // max(1, parts))) * block
    calls = [functools.partial(_part, documents, start, min(len(documents), start + per_part), positions, block, snippet_chars)
             for start in range(0, len(documents), per_part)] or [functools.partial(_part, documents, 0, 0, positions, block, snippet_chars)]
    results = run_parts(calls) if run_parts is not None and len(calls) > 1 else [call() for call in calls]
    state = IndexState(positions, block, snippet_chars)
    for postings, fingerprints, snippets in results:
        state.fingerprints += fingerprints
        state.snippets += snippets
        for form, numbered in postings.items():
            state.postings.setdefault(form, {}).update(numbered)
    return state


def _part(documents: list[Document], start: int, stop: int, positions: int, block: int, snippet_chars: int) -> Part:
    """The postings of documents[start:stop] (*start* begins a block)."""
    postings: dict[Form, Blocks] = {}
    fingerprints, snippets = [], []
    # Only the block being filled is kept as numbers; a finished block is
    # encoded at once (numbers for every block would be 18 MB at 5,000).
    filling: dict[Form, PostingList] = {}
    number = start // block
    for doc_id in range(start, stop):
        doc = documents[doc_id]
        if doc_id // block != number:
            _close_block(postings, filling, number)
            number = doc_id // block
        text = doc.text
        entries = analyse(doc.title, text, positions)
        fingerprints.append(doc.fingerprint())
        snippets.append(text[:snippet_chars])
        for form, (in_title, occurrences, first) in entries.items():
            written = filling.get(form)
            if written is None:
                filling[form] = written = PostingList()
            written.add(doc_id, in_title, occurrences, first, positions)
    _close_block(postings, filling, number)
    return postings, fingerprints, snippets


def _close_block(postings: dict[Form, Blocks], filling: dict[Form, PostingList], number: int) -> None:
    for form, written in filling.items():
        postings.setdefault(form, {})[number] = (written.text(), written.last)
    filling.clear()


def update(state: IndexState | None, documents: list[Document], positions: int = POSITIONS, block: int = BLOCK,
           snippet_chars: int = 200, parts: int = 1, run_parts=None) -> IndexState:
    """The index of *documents*, changing *state* (the index of the last
    build) where documents changed; *state* itself is left as it was.
    Built from nothing (``full``, in *parts* run by *run_parts*) when there
    is no usable state or too much changed."""
    if state is None or (state.positions, state.block, state.snippet_chars) != (positions, block, snippet_chars):
        return full(documents, positions, block, snippet_chars, parts, run_parts)
    fingerprints = [doc.fingerprint() for doc in documents]
    old = state.fingerprints
    dirty = [i for i in range(max(len(old), len(fingerprints))) if i >= len(old) or i >= len(fingerprints) or old[i] != fingerprints[i]]
    if not dirty:
        return state
    if len(dirty) > max(REBUILD_MIN, REBUILD_SHARE * len(documents)):
        return full(documents, positions, block, snippet_chars, parts, run_parts)

    fresh, snippet_of = {}, {}
    for i in dirty:
        if i < len(documents):
            text = documents[i].text
            fresh[i] = analyse(documents[i].title, text, positions)
            snippet_of[i] = text[:snippet_chars]
    # form → the blocks to write again: those where a changed document was…
    affected: dict[Form, set[int]] = defaultdict(set)
    was = {i for i in dirty if i < len(old)}
    was_in = {i // block for i in was}
    for form, blocks in state.postings.items():
        for number in was_in.intersection(blocks):
            if any(entry[0] in was for entry in decode_postings(blocks[number][0], positions)):
                affected[form].add(number)
    # … and those where it is now.
    for i, entries in fresh.items():
        for form in entries:
            affected[form].add(i // block)
    gone = set(dirty)
    postings = dict(state.postings)
    for form, numbers in affected.items():
        blocks = dict(postings.get(form, {}))
        for number in numbers:
            kept = [entry for entry in decode_postings(blocks[number][0], positions) if entry[0] not in gone] if number in blocks else []
            added = [(i, *entries[form]) for i, entries in fresh.items() if i // block == number and form in entries]
            merged = sorted(kept + added, key=lambda entry: entry[0])
            if merged:
                blocks[number] = (encode_postings(merged, positions), merged[-1][0])
            else:
                blocks.pop(number, None)
        if blocks:
            postings[form] = blocks
        else:
            postings.pop(form, None)
    snippets = state.snippets[: len(documents)]
    snippets += [""] * (len(documents) - len(snippets))
    for i in fresh:
        snippets[i] = snippet_of[i]
    return IndexState(positions, block, snippet_chars, fingerprints, snippets, postings)


def _js(name: str, data) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f'WardSearch.add("{name}",{payload});\n'


def render(state: IndexState, documents: list[Document], *, pages: int = 0, big_term_bytes: int = 6000) -> Iterator[tuple[str, str]]:
    """(file name, content) for each file of the index of *documents* (the
    first *pages* of them are pages, the rest articles from oldest to
    newest), made one at a time so that the writer holds one file, not the
    whole index."""
    exacts: dict[str, list[str]] = defaultdict(list)  # folded key → its exact forms
    for exact, folded in state.postings:
        exacts[folded].append(exact)
    # Sorted, the words of one prefix come together: each shard is written
    # as soon as its last word is read.
    prefix_shards: list[str] = []
    big: dict[str, list[str]] = defaultdict(list)
    shard: dict[str, dict] = {}
    shard_name = ""
    for folded in sorted(exacts):
        forms = {exact: state.posting_text((exact, folded)) for exact in sorted(exacts[folded])}
        if sum(len(v) for v in forms.values()) > big_term_bytes:
            name = f"t-{file_part(folded)}"
            yield f"{name}.js", _js(name, {folded: forms})
            big[shard_key(folded)].append(folded)
            continue
        name = f"p-{file_part(shard_key(folded))}"
        if name != shard_name:
            if shard:
                yield f"{shard_name}.js", _js(shard_name, shard)
                prefix_shards.append(shard_name)
            shard, shard_name = {}, name
        shard[folded] = forms
    if shard:
        yield f"{shard_name}.js", _js(shard_name, shard)
        prefix_shards.append(shard_name)
    for start in range(0, len(documents), DOCS_PER_SHARD):
        name = f"d-{start // DOCS_PER_SHARD}"
        rows = [[d.url, d.title, d.date, d.category, snippet] for d, snippet in
                zip(documents[start : start + DOCS_PER_SHARD], state.snippets[start : start + DOCS_PER_SHARD])]
        yield f"{name}.js", _js(name, rows)
    manifest = {
        "docs": len(documents),
        "pages": pages,
        "perShard": DOCS_PER_SHARD,
        "prefix": PREFIX,
        "positions": state.positions,
        "shards": sorted(prefix_shards),
        "big": {key: sorted(words) for key, words in sorted(big.items())},
        "stop": sorted(STOPWORDS),
    }
    yield "manifest.js", _js("manifest", manifest)


def build(documents: list[Document], *, pages: int = 0, positions: int = POSITIONS, snippet_chars: int = 200, big_term_bytes: int = 6000) -> dict[str, str]:
    """{file name: content} for the whole index, built from nothing."""
    return dict(render(full(documents, positions, snippet_chars=snippet_chars), documents, pages=pages, big_term_bytes=big_term_bytes))
