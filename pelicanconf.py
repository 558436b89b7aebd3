"""Pelican settings for the ward portal: wiring only.

Ward facts (names, contacts, categories, banners) live in the content
folder's ``ward.toml``, read by the ``ward_identity`` plugin, so the same
settings build any ward: ``pelican OTHER_CONTENT -s pelicanconf.py -o OUT``.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent

# -- Where things are --------------------------------------------------------
PATH = str(ROOT / "content")
OUTPUT_PATH = str(ROOT / "output")
THEME = str(ROOT / "theme")
# Pelican's Jinja options, except that templates are not checked for changes
# on every include of every page (a stat each, 8% of rendering): a build
# never changes them, and the live preview starts a new build process when
# the theme changes.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "auto_reload": False}
PLUGIN_PATHS = [str(ROOT / "plugins")]
# Plugins import each other's public API (e.g. ``from vietnamese import
# slugify``), so their folder must be importable before Pelican loads them.
if PLUGIN_PATHS[0] not in sys.path:
    sys.path.insert(0, PLUGIN_PATHS[0])
PLUGINS = [
    "safety",  # first: links out of the content folder stop the build before any file is read
    "incremental",
    "atomic_output",
    "assets",
    "editor_errors",
    "vietnamese",
    "ward_identity",
    "content_model",
    "listings",
    "galleries",
    "documents",
    "search",
    "feeds",
    "sitemaps",
    "offline",
    "sites",
]
WARD_FILE = "ward.toml"  # relative to PATH
ARTICLE_PATHS = ["bai-viet"]
PAGE_PATHS = ["trang"]
DOCUMENT_PATHS = ["van-ban"]  # the documents register (plugin: documents)
STATIC_PATHS = ["tep"]  # downloadable files (PDF, DOCX) linked from articles
IGNORE_FILES = [".#*", "*~", "*.swp", "README*", ".*"]

# -- Language, time ----------------------------------------------------------
DEFAULT_LANG = "vi"
TIMEZONE = "Asia/Ho_Chi_Minh"
LOCALE = ("C",)  # dates are formatted by Babel, never by the system locale

# -- Content model -----------------------------------------------------------
DEFAULT_CATEGORY = ""
USE_FOLDER_AS_CATEGORY = False
ARTICLE_TRANSLATION_ID = None  # one language; same slug on two dates is fine
PAGE_TRANSLATION_ID = None
FORMATTED_FIELDS = ["summary"]
MARKDOWN = {
    "extensions": [
        "markdown.extensions.extra",
        "markdown.extensions.sane_lists",
        "markdown.extensions.smarty",
    ],
    "extension_configs": {
        "markdown.extensions.smarty": {"smart_quotes": False},
    },
    "output_format": "html5",
}

# -- URLs: every link is relative and names a file ---------------------------
RELATIVE_URLS = True
SITEURL = ""
ARTICLE_URL = ARTICLE_SAVE_AS = "bai-viet/{date:%Y}/{date:%m}/{date:%d}-{slug}.html"
PAGE_URL = PAGE_SAVE_AS = "{slug}.html"
DOCUMENT_URL = DOCUMENT_SAVE_AS = "van-ban/{issued:%Y}/{slug}.html"  # slug: the number, "123/QĐ-UBND" → 123-qd-ubnd
CATEGORY_URL = CATEGORY_SAVE_AS = "chuyen-muc/{slug}.html"
CATEGORIES_URL = CATEGORIES_SAVE_AS = "chuyen-muc/index.html"
TAG_URL = TAG_SAVE_AS = "the/{slug}.html"
TAGS_URL = TAGS_SAVE_AS = "the/index.html"
ARCHIVES_URL = ARCHIVES_SAVE_AS = "luu-tru/index.html"
# One page per year ("Lưu trữ năm 2024"), grouped by plugins/listings:
# Pelican's own period archives compare every article with every article of
# its year (quadratic: seconds at 20,000 articles), so they stay off.
YEAR_ARCHIVE_SAVE_AS = ""
YEAR_PAGE_URL = YEAR_PAGE_SAVE_AS = "luu-tru/{date:%Y}.html"
SITEMAP_URL = SITEMAP_SAVE_AS = "so-do-cong.html"
SEARCH_URL = SEARCH_SAVE_AS = "search.html"  # search.html?q=… (plugin: search)
SEARCH_OUTPUT = "search"  # the index shards: search/*.js
INDEX_SAVE_AS = "index.html"
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""  # the byline is shown; no author pages
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""  # drafts are never written
DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
ARTICLE_LANG_SAVE_AS = PAGE_LANG_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "sitemap", "search", "404"]  # 404 → 404.html
PAGINATED_TEMPLATES = {"category": None, "tag": None, "period_archives": 20, "albums": 12, "documents": 20}
DEFAULT_PAGINATION = 10
DEFAULT_ORPHANS = 0
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{name}-{number}{extension}", "{name}-{number}{extension}"),
)

# -- Preview and scheduling (plugin: content_model) ------------------------
PREVIEW = False  # invoke livereload sets it: drafts and scheduled articles shown, marked
# PORTAL_NOW = "2026-01-01 08:00"  # fix "now" for scheduling (also an env variable)
EDITOR_LANGUAGE = "vi"  # "en": editor messages in English (or PORTAL_LANGUAGE=en)

# -- Safety (plugin: safety) --------------------------------------------------
# Hosts whose pages an article may embed in an <iframe> (https only), e.g. the
# province's video service; every other frame is refused.
EMBED_HOSTS: list[str] = []

# -- Listings ----------------------------------------------------------------
HOME_ARTICLES_PER_CATEGORY = 4
RELATED_ARTICLES = 5

# -- Photos (plugin: galleries) ---------------------------------------------
GALLERY_WIDTHS = [480, 960, 1600]  # sizes offered through srcset
GALLERY_SHARE_WIDTH = 1200  # the og:image size for Zalo/Facebook previews
GALLERY_QUALITY = 80
GALLERY_PUBLISH_ORIGINALS = False  # True: also publish the full-size photo
GALLERY_STRICT = False  # preview: a broken photo is a warning
GALLERY_HEADING = "Một số hình ảnh"
GALLERY_MARKER = "[[album]]"
GALLERY_CAPTIONS_FILE = "chu-thich.txt"
GALLERY_OUTPUT = "anh"
CACHE_PATH = str(ROOT / ".cache")
CACHE_IDLE_DAYS = 30  # what no build has used for this long leaves the caches
# Processed photos are kept by content hash under <cache>/anh, <cache> being
# PORTAL_CACHE from the environment or CACHE_PATH (GALLERY_CACHE_PATH overrides).
ALBUMS_URL = ALBUMS_SAVE_AS = "thu-vien-anh.html"

# -- Output (plugins: atomic_output, assets) ---------------------------------
ATOMIC_OUTPUT = True  # build into <output>.partial, swap in only on success
PRECOMPRESS = False  # publishconf: True writes .gz and .br copies
DELETE_OUTPUT_DIRECTORY = True
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TAG_FEED_ATOM = TAG_FEED_RSS = None
# Content cache (plugin content_model): what the reader made of each file is
# reused while the file's SHA-256 is the same (file times play no part).
CACHE_CONTENT = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "sha256"
GZIP_CACHE = False
LOAD_CONTENT_CACHE = True
# Articles are Markdown only: the reStructuredText and HTML readers are off
# (Pelican then warns about any .rst/.html file it finds in the content).
READERS = {"rst": None, "html": None, "htm": None}
