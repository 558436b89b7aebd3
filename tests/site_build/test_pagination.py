"""Long listings link to a window of pages, not to every page from every page
(at 20,000 articles the home listing has 2,000 pages)."""

from __future__ import annotations

import re

from helpers import FIXTURE_SITE, run_pelican, soup


def numbers(page):
    nav = soup(page).select_one(".pagination")
    shown = [li.get_text(strip=True) for li in nav.select("li") if not li.select_one("[rel]")]
    return shown, nav


def test_first_last_and_two_either_side_of_the_current_page(tmp_path):
    out = tmp_path / "out"
    result = run_pelican(FIXTURE_SITE, out, "-e", "DEFAULT_PAGINATION=1")
    assert result.returncode == 0, result.stderr
    folder = out / "chuyen-muc"
    last = max(int(m[1]) for p in folder.glob("tin-tuc-*.html") if (m := re.fullmatch(r"tin-tuc-(\d+)\.html", p.name)))
    assert last == 9
    shown, nav = numbers(folder / "tin-tuc-5.html")
    assert shown == ["1", "…", "3", "4", "5", "6", "7", "…", "9"]
    assert nav.select_one("[aria-current=page]").get_text() == "5"
    assert {a["href"] for a in nav.select("a[aria-label]")} == {"../chuyen-muc/tin-tuc.html", *(
        f"../chuyen-muc/tin-tuc-{n}.html" for n in (3, 4, 6, 7, 9))}
    assert all(gap.get("aria-hidden") == "true" for gap in nav.select(".pagination__gap"))
    assert numbers(folder / "tin-tuc.html")[0] == ["1", "2", "3", "…", "9"]
    assert numbers(folder / "tin-tuc-3.html")[0] == ["1", "2", "3", "4", "5", "…", "9"]
    assert numbers(folder / "tin-tuc-4.html")[0] == ["1", "2", "3", "4", "5", "6", "…", "9"]
    assert numbers(folder / "tin-tuc-9.html")[0] == ["1", "…", "7", "8", "9"]
