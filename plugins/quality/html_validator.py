"""HTML and CSS gate: the Nu HTML Checker (vnu) on every file of a built site.

``node_modules/vnu-jar/build/dist/vnu.jar`` (npm ``vnu-jar``, pinned in
package.json) runs once, in one Java process, over every ``.html`` file, every
``.css`` file (``--also-check-css``) and every ``.svg`` (``--also-check-svg``)
of the site. Each error is a finding; warnings and notes are returned apart,
to be listed, not counted against the gate ([html] max_errors).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from quality.common import Finding, npm_file

KINDS = (".html", ".css", ".svg")


def files_to_check(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix in KINDS and p.is_file())


def run_vnu(files: list[Path]) -> list[dict]:
    """vnu's messages (JSON format) for the given files."""
    java = shutil.which("java")
    if not java:
        raise SystemExit("Thiếu Java (cần cho vnu.jar). Cài: apt-get install default-jre-headless")
    jar = npm_file("vnu-jar", "build", "dist", "vnu.jar")
    # A larger thread stack: vnu's README advises one against stack overflows on deeply nested markup.
    command = [java, "-Xss4m", "-jar", str(jar), "--format", "json", "--exit-zero-always",
               "--also-check-css", "--also-check-svg", *map(str, files)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        return json.loads(done.stderr)["messages"]
    except (ValueError, KeyError):
        raise SystemExit(f"vnu.jar không trả kết quả JSON (mã {done.returncode}):\n{done.stderr[-2000:]}") from None


def _where(site: Path, message: dict) -> str:
    url = message.get("url", "")
    path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
    try:
        name = path.resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        name = url
    line = message.get("lastLine")
    return f"{name}:{line}" if line else name


def check(site: Path, files: list[Path] | None = None) -> tuple[list[Finding], list[Finding]]:
    """(errors, warnings) of vnu on every HTML, CSS and SVG file of ``site``
    (or on ``files``). A file vnu cannot read (``non-document-error``) is an error."""
    files = files_to_check(site) if files is None else files
    if not files:
        return [Finding("html", str(site), "no-files", "Không có tệp HTML/CSS nào để kiểm tra.")], []
    errors: list[Finding] = []
    warnings: list[Finding] = []
    for message in run_vnu(files):
        extract = " ".join(message.get("extract", "").split())[:120]
        text = message.get("message", "") + (f" «{extract}»" if extract else "")
        if message.get("type") in ("error", "non-document-error"):
            errors.append(Finding("html", _where(site, message), "error", text))
        elif message.get("type") == "info":
            warnings.append(Finding("html", _where(site, message), message.get("subType") or "info", text))
    return errors, warnings
