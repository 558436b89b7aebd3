"""Production settings: pelicanconf plus what only a published build needs.

Page-to-page links stay relative (RELATIVE_URLS stays True), so the
published output also works under a sub-path and from disk. Feeds, canonical
and sharing URLs, which must be absolute, are added with the publishing work
(issue 6).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

DELETE_OUTPUT_DIRECTORY = True
GALLERY_STRICT = True  # a broken photo stops a publishing build
OFFLINE_CHECK = True  # a broken reference in the output stops it too
