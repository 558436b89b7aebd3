"""invoke build --all / --site: many wards, a hub, isolated failures."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import feedparser
from helpers import ROOT, make_ward, run_sites, soup


def refcheck(output):
    return subprocess.run([sys.executable, str(ROOT / "plugins" / "offline" / "refcheck.py"), str(output)],
                          capture_output=True, text=True, timeout=300)


def test_all_wards_build_into_their_folders_with_a_hub_and_a_broken_one_is_named(repo, tmp_path):
    make_ward(repo / "sites" / "xa-mot", "Xã Một")
    make_ward(repo / "sites" / "xa-hai", "Xã Hai", articles=False)
    broken = make_ward(repo / "sites" / "xa-loi", "Xã Lỗi", articles=False)
    article = broken / "bai-viet" / "2026-02-01-rieng.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Category: Tin tức", "Category: Không có"), encoding="utf-8")
    out = tmp_path / "out"

    run = run_sites(repo, "build", "--all", "--output", str(out), cache=tmp_path / "cache")

    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert re.search(r"\[\d/3\] xa-loi: KHÔNG xây dựng được", run.stderr), run.stderr
    assert f"{article}:3: lỗi:" in run.stderr  # the editor's message, with file and line
    assert "KHÔNG xây dựng được: xa-loi" in run.stderr and "Đã xây dựng 2/3" in run.stderr
    assert (out / "xa-mot" / "index.html").is_file() and (out / "xa-hai" / "index.html").is_file()
    assert not (out / "xa-loi").exists()

    hub = soup(out / "index.html")
    wards = [a.get_text() for a in hub.select(".hub-wards .card__title a")]
    assert wards == ["Xã Hai", "Xã Một"]  # Vietnamese order; the broken ward has nothing to show yet
    links = [a["href"] for a in hub.select("a[href]")]
    assert "xa-hai/index.html" in links and not any(href.startswith("/") for href in links)
    assert any(href.startswith("xa-hai/bai-viet/") for href in links)  # latest articles
    feed = feedparser.parse((out / "feeds" / "all.atom.xml").read_bytes())
    authors = {entry.author for entry in feed.entries}
    assert authors == {"Xã Một", "Xã Hai"} and not feed.bozo
    assert refcheck(out).returncode == 0  # every link of the hub and the sites resolves (file://, any sub-path)


def test_one_site_rebuilds_alone_and_the_hub_keeps_the_others(repo, tmp_path):
    make_ward(repo / "sites" / "xa-mot", "Xã Một", articles=False)
    make_ward(repo / "sites" / "xa-hai", "Xã Hai", articles=False)
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert run_sites(repo, "build", "--all", "--output", str(out), cache=cache).returncode == 0
    other = (out / "xa-hai" / "index.html").stat().st_mtime_ns
    article = repo / "sites" / "xa-mot" / "bai-viet" / "2026-02-01-rieng.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Title: Tin riêng của Xã Một", "Title: Tin đã sửa"), encoding="utf-8")

    run = run_sites(repo, "build", "--site", "xa-mot", "--output", str(out), cache=cache)

    assert run.returncode == 0, run.stderr
    assert (out / "xa-hai" / "index.html").stat().st_mtime_ns == other
    hub = (out / "index.html").read_text(encoding="utf-8")
    assert "Tin đã sửa" in hub and "Tin riêng của Xã Hai" in hub


def test_an_unknown_site_or_a_badly_named_folder_is_explained(repo, tmp_path):
    make_ward(repo / "sites" / "Xa Sai Ten", "Xã Sai Tên", articles=False)
    run = run_sites(repo, "build", "--site", "xa-khong-co", "--output", str(tmp_path / "out"), cache=tmp_path / "cache")
    assert run.returncode == 2 and "Không có phường, xã \"xa-khong-co\"" in run.stderr
    run = run_sites(repo, "build", "--all", "--output", str(tmp_path / "out"), cache=tmp_path / "cache")
    assert run.returncode == 1 and "phải viết thường, không dấu" in run.stderr


def test_the_root_content_folder_is_one_more_site_named_after_its_ward(repo, tmp_path):
    make_ward(repo / "content", "Phường Gốc", articles=False)
    make_ward(repo / "sites" / "xa-mot", "Xã Một", articles=False)
    run = run_sites(repo, "build", "--all", "--output", str(tmp_path / "out"), cache=tmp_path / "cache")
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out" / "phuong-goc" / "index.html").is_file()


def test_wards_built_on_separate_runners_are_gathered_under_one_hub(repo, tmp_path):
    # what docs/ci/github-actions-wards.yml does: one job per ward, then the hub
    make_ward(repo / "sites" / "xa-mot", "Xã Một", articles=False)
    make_ward(repo / "sites" / "xa-hai", "Xã Hai", articles=False)
    gathered, cache = tmp_path / "gathered", tmp_path / "gathered-cache"
    for slug in ("xa-mot", "xa-hai"):
        runner = tmp_path / f"runner-{slug}"
        assert run_sites(repo, "build", "--site", slug, "--output", str(runner / "out"), cache=runner / "cache").returncode == 0
        shutil.copytree(runner / "out" / slug, gathered / slug)
        (cache / "sites").mkdir(parents=True, exist_ok=True)
        shutil.copy(runner / "cache" / "sites" / f"{slug}.json", cache / "sites")

    run = run_sites(repo, "hub", "--output", str(gathered), cache=cache)

    assert run.returncode == 0, run.stderr
    wards = [a.get_text() for a in soup(gathered / "index.html").select(".hub-wards .card__title a")]
    assert wards == ["Xã Hai", "Xã Một"]
    assert refcheck(gathered).returncode == 0


def test_a_mistake_in_hub_toml_names_the_file_and_line(repo, tmp_path):
    make_ward(repo / "sites" / "xa-mot", "Xã Một", articles=False)
    (repo / "sites" / "hub.toml").write_text('[hub]\nname = "Cổng các xã\nurl = "https://vi-du.example"\n', encoding="utf-8")
    run = run_sites(repo, "build", "--all", "--output", str(tmp_path / "out"), cache=tmp_path / "cache")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"{repo / 'sites' / 'hub.toml'}:2: lỗi:" in run.stderr


def test_the_github_actions_matrix_example_is_valid_and_complete():
    import yaml

    workflow = yaml.safe_load((ROOT / "docs" / "ci" / "github-actions-wards.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert jobs["ward"]["strategy"]["matrix"]["ward"] == "${{ fromJSON(needs.list.outputs.wards) }}"
    assert jobs["ward"]["strategy"]["fail-fast"] is False  # one broken ward does not stop the others
    ward_runs = [s.get("run", "") for s in jobs["ward"]["steps"]]
    assert ".venv/bin/invoke build --site ${{ matrix.ward }} --publish" in ward_runs
    upload = next(s for s in jobs["ward"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert ".cache/sites/${{ matrix.ward }}.json" in upload["with"]["path"] and upload["with"]["include-hidden-files"] is True
    hub_runs = [s.get("run", "") for s in jobs["hub"]["steps"]]
    assert hub_runs.index(".venv/bin/python plugins/sites/command.py hub --output output") < hub_runs.index(
        ".venv/bin/python plugins/offline/refcheck.py output")


def test_wards_built_at_once_share_the_cores_for_rendering(tmp_path, monkeypatch):
    from sites import build
    from sites.layout import Site

    seen = {}

    def fake_build_one(site, output, settings, cache, extra=None):
        seen[site.slug] = extra
        return build.Result(site, True, 0.0)

    monkeypatch.setattr(build, "build_one", fake_build_one)
    monkeypatch.setattr(build.os, "cpu_count", lambda: 4)
    sites = [Site(slug, tmp_path / slug) for slug in ("phuong-a", "phuong-b", "xa-c")]
    build.build_many(sites, tmp_path / "out", tmp_path / "conf.py", tmp_path / "cache", jobs=2,
                     extra=lambda site: {"PUBLIC_URL": f"https://x/{site.slug}/"}, echo=lambda line: None)
    assert seen == {s.slug: {"RENDER_PROCESSES": 2, "PUBLIC_URL": f"https://x/{s.slug}/"} for s in sites}
    build.build_many(sites[:1], tmp_path / "out", tmp_path / "conf.py", tmp_path / "cache", jobs=2, echo=lambda line: None)
    assert seen["phuong-a"] == {"RENDER_PROCESSES": 4}  # one ward alone uses every core
