"""Publishing to any static host over SSH (``invoke publish``) — a command,
not a Pelican plugin: not listed in PLUGINS, no ``register()``.

``rsync.py`` builds with publishconf.py (atomic: a failed build changes
nothing), checks every reference, and only then copies ``output/`` to the
target with rsync, deleting files the new site no longer has.
"""
