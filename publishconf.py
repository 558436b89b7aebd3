"""Production overrides: absolute URLs where the outside world needs them.

Page-to-page links stay relative (RELATIVE_URLS stays True), so the
published output also works under a sub-path and from disk.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

# Absolute address of the published portal, for canonical/feeds/sharing
# (e.g. https://example.gov.vn/phuong-minh-hoa). Set it in CI.
PUBLISH_URL = os.environ.get("PORTAL_URL", "").rstrip("/")
DELETE_OUTPUT_DIRECTORY = True
