"""Dates as editors write them, read without guessing.

Accepted, always day-first when written with slashes (the Vietnamese way):
``2023-02-20``, ``2023-02-20 12:12``, ``2023-02-20T12:12:05+07:00``,
``20/02/2023``, ``20/02/2023 12:12``, ``20/2/2023 12:12:05``.
dateutil (what Pelican uses) would read ``05/02/2023`` as 2 May; we never do.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$"
)
_VN = re.compile(
    r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
    r"(?:[ ,|]+(?:lúc[ ]+)?(?P<H>\d{1,2})[:h](?P<M>\d{2})(?::(?P<S>\d{2}))?)?$"
)

EXPECTED = "năm-tháng-ngày giờ:phút, ví dụ 2025-02-20 08:30 (hoặc 20/02/2025 08:30)"
EXPECTED_EN = "year-month-day hour:minute, e.g. 2025-02-20 08:30 (or 20/02/2025 08:30, day first)"


class DateFormatError(ValueError):
    """The message is Vietnamese (str(exc)); ``text`` has both languages."""

    def __init__(self, vi: str, en: str):
        super().__init__(vi)
        from editor_errors import say

        self.text = say(vi, en)


def parse_date(value: str, timezone: str) -> dt.datetime:
    """Parse *value*; naive results are in *timezone* (e.g. Asia/Ho_Chi_Minh)."""
    text = " ".join(value.strip().split())
    match = _ISO.match(text) or _VN.match(text)
    if not match:
        raise DateFormatError(
            f"\"{value.strip()}\" không phải ngày giờ hợp lệ. Viết theo dạng {EXPECTED}.",
            f"\"{value.strip()}\" is not a valid date and time. Write it as {EXPECTED_EN}.",
        )
    parts = match.groupdict()
    try:
        result = dt.datetime(
            int(parts["y"]),
            int(parts["m"]),
            int(parts["d"]),
            int(parts["H"] or 0),
            int(parts["M"] or 0),
            int(parts["S"] or 0),
        )
    except ValueError:
        raise DateFormatError(
            f"\"{value.strip()}\" không có thật trên lịch (kiểm tra ngày và tháng). Viết theo dạng {EXPECTED}.",
            f"\"{value.strip()}\" does not exist in the calendar (check the day and month). Write it as {EXPECTED_EN}.",
        ) from None
    zone = ZoneInfo(timezone)
    tz = parts.get("tz")
    if tz:
        if tz == "Z":
            offset = dt.timedelta(0)
        else:
            sign = -1 if tz[0] == "-" else 1
            digits = tz[1:].replace(":", "")
            hours, minutes = int(digits[:2]), int(digits[2:])
            if hours > 14 or minutes > 59:  # real offsets run from -12:00 to +14:00
                raise DateFormatError(
                    f"\"{value.strip()}\": múi giờ {tz} không có thật (từ -12:00 đến +14:00; Việt Nam là +07:00). "
                    f"Bỏ phần múi giờ, hoặc viết theo dạng {EXPECTED}.",
                    f"\"{value.strip()}\": the time zone {tz} does not exist (from -12:00 to +14:00; Vietnam is "
                    f"+07:00). Leave the time zone out, or write it as {EXPECTED_EN}.",
                )
            offset = sign * dt.timedelta(hours=hours, minutes=minutes)
        try:
            return result.replace(tzinfo=dt.timezone(offset)).astimezone(zone)
        except OverflowError:  # year 1 or 9999 moved across midnight by the offset
            raise DateFormatError(
                f"\"{value.strip()}\": năm {result.year} ngoài khoảng ngày giờ dùng được. Kiểm tra năm.",
                f"\"{value.strip()}\": the year {result.year} is outside the dates that can be used. Check the year.",
            ) from None
    return result.replace(tzinfo=zone)
