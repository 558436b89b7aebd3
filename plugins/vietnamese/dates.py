"""Vietnamese date text, through Babel (CI machines have no vi_VN locale)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

LOCALE = "vi"


def weekday(value: dt.date) -> str:
    """'Thứ Hai', …, 'Chủ Nhật'."""
    return format_date(value, "EEEE", locale=LOCALE)


def date_line(value: dt.datetime, with_weekday: bool = False) -> str:
    """The familiar portal date line: '20/02/2023 | 12:12'.

    With *with_weekday*: 'Thứ Hai, 20/02/2023 | 12:12'.
    """
    text = f"{value:%d/%m/%Y | %H:%M}"
    if with_weekday:
        text = f"{weekday(value)}, {text}"
    return text


def short_date(value: dt.date) -> str:
    """'20/02/2023'."""
    return f"{value:%d/%m/%Y}"


def long_date(value: dt.date) -> str:
    """'Thứ Hai, ngày 20 tháng 02 năm 2023' (the administrative style)."""
    return f"{weekday(value)}, ngày {value:%d} tháng {value:%m} năm {value:%Y}"
