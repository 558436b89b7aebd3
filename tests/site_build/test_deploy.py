"""CI workflows and `invoke publish`."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml
from helpers import ROOT, snapshot

RSYNC = ROOT / "plugins" / "deploy" / "rsync.py"


def test_github_workflow_is_valid_and_complete():
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert triggers["push"]["branches"] == ["main"] and triggers["schedule"][0]["cron"] and "workflow_dispatch" in triggers
    steps = workflow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    order = [runs.index(".venv/bin/invoke check"), runs.index(".venv/bin/invoke build --publish"),
             runs.index(".venv/bin/invoke check-output"), runs.index(".venv/bin/invoke test")]
    assert order == sorted(order)  # check, build, reference check, tests — then upload
    uses = [s.get("uses", "") for s in steps]
    assert uses.index("actions/upload-pages-artifact@v3") > max(order)
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == ".cache/anh" and "hashFiles(" in cache["with"]["key"]
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_gitlab_pages_job_is_valid():
    config = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = config["pages"]
    assert job["artifacts"]["paths"] == ["public"]
    assert job["script"].index(".venv/bin/invoke check") < job["script"].index(".venv/bin/invoke build --publish --output public")
    assert ".cache/anh/" in config["cache"]["paths"]


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is installed by setup.sh --test")
def test_publish_dry_run_then_real_copy_to_a_local_target(site_copy, tmp_path):
    target = tmp_path / "www"
    target.mkdir()
    (target / "cu.html").write_text("trang cũ", encoding="utf-8")
    common = ["--content", str(site_copy), "--output", str(tmp_path / "out"), "--target", str(target)]
    dry = subprocess.run([sys.executable, str(RSYNC), *common, "--dry-run"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert dry.returncode == 0, dry.stderr
    assert "Chạy thử xong" in dry.stdout and not (target / "index.html").exists()
    real = subprocess.run([sys.executable, str(RSYNC), *common, "--no-build"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert real.returncode == 0, real.stderr
    assert snapshot(target) == snapshot(tmp_path / "out")  # exact copy; the old page is gone


def test_publish_refuses_without_a_target(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k != "PUBLISH_TARGET"}
    run = subprocess.run([sys.executable, str(RSYNC), "--no-build", "--output", str(tmp_path)], capture_output=True, text=True, cwd=ROOT, env=env)
    assert run.returncode == 2 and "Chưa biết đưa lên đâu" in run.stderr
