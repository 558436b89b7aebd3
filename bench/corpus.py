"""Synthetic Vietnamese-like articles for benchmarks.

Words are drawn from the demo content's own vocabulary with their real
frequencies (Zipf-like, as in any language), in sentences and paragraphs,
so index sizes and query costs resemble a real ward's archive. Deterministic
for a given seed.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def vocabulary(content: Path = ROOT / "content") -> tuple[list[str], list[int]]:
    counts: Counter[str] = Counter()
    for path in sorted((content / "bai-viet").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[-1]
        counts.update(w.lower() for w in _WORD.findall(body))
    words = sorted(counts, key=lambda w: (-counts[w], w))
    return words, [counts[w] for w in words]


class Writer:
    def __init__(self, seed: int = 1):
        self.rng = random.Random(seed)
        self.words, weights = vocabulary()
        self.cumulative = []
        total = 0
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def sample(self, n: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=n)

    def sentence(self) -> str:
        words = self.sample(self.rng.randint(8, 22))
        return " ".join(words).capitalize() + "."

    def title(self) -> str:
        return " ".join(self.sample(self.rng.randint(6, 12))).capitalize()

    def paragraphs(self, total_words: int = 600) -> list[str]:
        out, count = [], 0
        while count < total_words:
            sentences = [self.sentence() for _ in range(self.rng.randint(2, 5))]
            out.append(" ".join(sentences))
            count += sum(len(s.split()) for s in sentences)
        return out
