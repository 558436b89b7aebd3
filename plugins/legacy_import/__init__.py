"""Importing articles from an old ward portal (not a Pelican plugin).

Owns ``invoke import-legacy``: plain-text exports (``text_source``) and
saved HTML pages (``html_source``, sanitised with nh3) become ``Imported``
articles (``model``), cleaned by the shared rules in ``cleaning`` (page
noise, date lines in GMT+7, bylines, legacy encodings, a duplicated copy),
and are written by ``output`` (category mapping, stable file names,
Markdown, photo folders with ``chu-thich.txt``); ``safe`` makes what is
written safe on its own (text stays text, link targets checked and unable
to end their link, header fields and captions plain text). ``command``
finds the sources, never overwrites without ``--force`` and prints the
report.
"""
