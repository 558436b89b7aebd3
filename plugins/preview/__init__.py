"""Live preview for editors (``invoke livereload``) — a command, not a
Pelican plugin: it is not listed in PLUGINS and has no ``register()``.

``server.py`` builds the site with ``PREVIEW = True`` (drafts and scheduled
articles shown, marked), serves it on localhost, rebuilds when a file under
content/, theme/, plugins/ or the settings changes, and makes open pages
reload themselves. When a build fails, the terminal shows the problems and
the browser shows them as an error page; the server keeps running, and the
next save that fixes the file brings the site back.
"""
