import datetime as dt

import pytest
from content_model.dates import DateFormatError, parse_date

TZ = "Asia/Ho_Chi_Minh"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-02-20 12:12", (2023, 2, 20, 12, 12)),
        ("2023-02-20", (2023, 2, 20, 0, 0)),
        ("2023-02-20T12:12:05", (2023, 2, 20, 12, 12)),
        ("20/02/2023 12:12", (2023, 2, 20, 12, 12)),
        ("05/02/2023", (2023, 2, 5, 0, 0)),  # day first, never 2 May
        ("5/2/2023 7h30", (2023, 2, 5, 7, 30)),
        ("2023-02-20T05:12:00Z", (2023, 2, 20, 12, 12)),  # converted to GMT+7
    ],
)
def test_accepted_forms(text, expected):
    value = parse_date(text, TZ)
    assert (value.year, value.month, value.day, value.hour, value.minute) == expected
    assert value.utcoffset() == dt.timedelta(hours=7)


@pytest.mark.parametrize("text", ["hôm qua", "2023-02-30", "31/04/2023", "2023/02/20", "20-02"])
def test_rejected_forms_explain_the_expected_one(text):
    with pytest.raises(DateFormatError, match="2025-02-20 08:30"):
        parse_date(text, TZ)
