""""Now", for scheduling: the real time in the site's zone, unless fixed.

Fix it with the ``PORTAL_NOW`` setting or environment variable (for tests,
or to preview what a later build will publish): ``PORTAL_NOW="2026-01-01 08:00"``.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from .dates import parse_date


def now(settings: dict) -> dt.datetime:
    zone = settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh"
    fixed = os.environ.get("PORTAL_NOW") or settings.get("PORTAL_NOW")
    if fixed:
        return parse_date(str(fixed), zone)
    return dt.datetime.now(ZoneInfo(zone))
