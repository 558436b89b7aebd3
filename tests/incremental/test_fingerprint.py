"""digest(): equal values give equal digests whatever objects they share."""

from __future__ import annotations

import datetime as dt

from incremental.fingerprint import digest, stable


def test_equal_values_equal_digests_different_values_different():
    text = "Hội nghị " * 100
    shared = ("map", (("a", text), ("b", text)))  # one string object used twice
    separate = ("map", (("a", "Hội nghị " * 100), ("b", "".join(["Hội nghị "] * 100))))
    assert digest(shared) == digest(separate)
    assert digest(("seq", (1, True))) != digest(("seq", (True, 1)))
    assert digest(("seq", (1,))) != digest(("seq", (True,)))
    assert digest(stable({"when": dt.date(2025, 1, 2)})) == digest(stable({"when": dt.date(2025, 1, 2)}))
    assert digest(stable({"when": dt.date(2025, 1, 2)})) != digest(stable({"when": dt.date(2025, 1, 3)}))
