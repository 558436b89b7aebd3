"""Quality gates (issue 9) — commands and test helpers, not a Pelican plugin:
not listed in PLUGINS, no ``register()``.

Each gate looks at a built site and returns a list of ``Finding``; an empty
list is a pass. Every threshold is a number in ``quality.toml`` at the
repository's root.

- ``axe``: axe-core (npm) injected into Debian's Chromium through Playwright,
  WCAG 2.0/2.1 A and AA rules, each page type (``pages``) in every viewport.
- ``html_validator``: the Nu HTML Checker (npm ``vnu-jar``, run with Java)
  on every HTML file and the theme's CSS, in one Java process.
- ``lighthouse``: Lighthouse (npm) on Debian's Chromium, the site served over
  localhost, scores per category against the configured minimums.
- ``weight``: HTML + CSS + JS an article page loads (photos not counted),
  against the budget in KB, and any request to another host.

``command.py`` is ``invoke quality [--gate …]``; ``tests/quality`` runs the
same functions on the demo site and proves each gate can fail.
"""
