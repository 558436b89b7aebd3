"""Production settings: pelicanconf plus what only a published build needs.

Page-to-page links stay relative (RELATIVE_URLS stays True), so the
published output also works under a sub-path and from disk. Feeds, canonical
and sharing URLs and the XML sitemap are absolute, from the public address.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

PUBLISH = True  # needs the public address (ward.toml url or PORTAL_URL)
DELETE_OUTPUT_DIRECTORY = True

# Feeds (plugin feeds fills each entry): the whole site and each category.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/{slug}.rss.xml"
DOCUMENT_FEED_ATOM = "feeds/van-ban.atom.xml"  # the register's newest documents (plugin: documents)
FEED_MAX_ITEMS = 30
RSS_FEED_SUMMARY_ONLY = True
GALLERY_STRICT = True  # a broken photo stops a publishing build
OFFLINE_CHECK = True  # a broken reference in the output stops it too
PRECOMPRESS = True  # .gz and .br copies for hosts that serve them
# invoke publish: where rsync copies the site (or the PUBLISH_TARGET variable)
PUBLISH_TARGET = os.environ.get("PUBLISH_TARGET", "")
