"""Building the search index: documents in, small script files out.

Files (all under ``SEARCH_OUTPUT``, loaded with plain <script> tags, so the
search works from file:// where fetch, XHR, modules and workers do not):
- ``manifest.js``: document count, the shards that exist, the stopwords;
- ``p-<prefix>.js``: every word whose folded key starts with that 3-letter
  prefix (or is that 1–2-letter word), with its posting lists per exact form;
- ``t-<word>.js``: a word whose posting lists alone are big, on its own, so
  a query for another word of the same prefix does not load it;
- ``d-<n>.js``: ``DOCS_PER_SHARD`` documents (URL, title, date, category and
  the start of the text for snippets), loaded only for the results shown.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass

from .encoding import POSITIONS, encode_postings
from .folding import STOPWORDS, keys

DOCS_PER_SHARD = 8
PREFIX = 3
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_PLAIN = re.compile(r"[a-z0-9]+")


@dataclass
class Document:
    url: str
    title: str
    date: str
    category: str
    text: str  # plain text of the body


def plain_text(markup: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def shard_key(folded: str) -> str:
    return folded[:PREFIX]


def file_part(key: str) -> str:
    """A word or prefix as a file-name part: itself if plain ASCII, else
    'x' and the hex of its UTF-8 bytes (search.js does the same)."""
    return key if _PLAIN.fullmatch(key) else "x" + key.encode("utf-8").hex()


def _js(name: str, data) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f'WardSearch.add("{name}",{payload});\n'


def build(documents: list[Document], *, positions: int = POSITIONS, snippet_chars: int = 200, big_term_bytes: int = 6000) -> dict[str, str]:
    """Return {file name: content} for the whole index."""
    # folded word → exact form → doc id → [in title, occurrences, positions]
    postings: dict[str, dict[str, dict[int, list]]] = defaultdict(lambda: defaultdict(dict))
    for doc_id, doc in enumerate(documents):
        for exact, folded in keys(doc.title):
            if exact in STOPWORDS:
                continue
            entry = postings[folded][exact].setdefault(doc_id, [True, 0, []])
            entry[0] = True
        for position, (exact, folded) in enumerate(keys(doc.text)):
            if exact in STOPWORDS:
                continue
            entry = postings[folded][exact].setdefault(doc_id, [False, 0, []])
            entry[1] += 1
            if len(entry[2]) < positions:
                entry[2].append(position)

    shards: dict[str, dict] = defaultdict(dict)
    big: dict[str, list[str]] = defaultdict(list)
    for folded in sorted(postings):
        forms = {
            exact: encode_postings([(doc, *entry) for doc, entry in sorted(docs.items())], positions)
            for exact, docs in sorted(postings[folded].items())
        }
        size = sum(len(v) for v in forms.values())
        if size > big_term_bytes:
            shards[f"t-{file_part(folded)}"] = {folded: forms}
            big[shard_key(folded)].append(folded)
        else:
            shards[f"p-{file_part(shard_key(folded))}"][folded] = forms

    files = {f"{name}.js": _js(name, data) for name, data in shards.items()}
    for start in range(0, len(documents), DOCS_PER_SHARD):
        name = f"d-{start // DOCS_PER_SHARD}"
        rows = [[d.url, d.title, d.date, d.category, d.text[:snippet_chars]] for d in documents[start : start + DOCS_PER_SHARD]]
        files[f"{name}.js"] = _js(name, rows)
    manifest = {
        "docs": len(documents),
        "perShard": DOCS_PER_SHARD,
        "prefix": PREFIX,
        "positions": positions,
        "shards": sorted(name for name in shards if name.startswith("p-")),
        "big": {key: sorted(words) for key, words in sorted(big.items())},
        "stop": sorted(STOPWORDS),
    }
    files["manifest.js"] = _js("manifest", manifest)
    return files
