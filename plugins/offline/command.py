"""``invoke offline``: build, check every reference, zip.

    python plugins/offline/command.py [--content DIR] [--dist DIR] [--settings FILE]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))

from offline.archive import write_zip  # noqa: E402
from offline.refcheck import check  # noqa: E402
from vietnamese import slugify  # noqa: E402
from ward_identity import load_ward_or_report  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tạo bản xem không cần mạng (zip) của cổng.")
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--dist", default=str(ROOT / "dist"))
    parser.add_argument("--settings", default=str(ROOT / "publishconf.py"))
    parser.add_argument("--extra", nargs="*", default=[], help="KEY=VALUE settings passed to pelican -e")
    args = parser.parse_args(argv)

    content = Path(args.content)
    ward = load_ward_or_report(content)
    if ward is None:
        return 1
    name = slugify(ward.name)
    with tempfile.TemporaryDirectory(prefix="offline-") as temp:
        site = Path(temp) / name
        print(f"Xây dựng {ward.portal_title}…", file=sys.stderr)
        command = [sys.executable, "-m", "pelican", str(content), "-s", args.settings, "-o", str(site), "-q"]
        if args.extra:
            command += ["-e", *args.extra]
        if subprocess.run(command, cwd=ROOT).returncode != 0:
            print("Không tạo được bản offline: bản xây dựng có lỗi (xem ở trên).", file=sys.stderr)
            return 1
        report = check(site)
        if not report.ok:
            for finding in report.broken:
                print(finding.format(), file=sys.stderr)
            print(f"Không tạo được bản offline: {len(report.broken)} liên kết hỏng.", file=sys.stderr)
            return 1
        destination = Path(args.dist) / f"{name}-offline.zip"
        files, size = write_zip(site, destination, name, ward.portal_title, _latest_date(site))
    print(f"Đã tạo {destination} ({files} tệp, {size / 1e6:.1f} MB; {report.references} liên kết đều dẫn tới tệp có thật).")
    return 0


def _latest_date(site: Path) -> str:
    """The featured (newest) article's date on the home page, for the note."""
    match = re.search(r'<time datetime="([0-9-]{10})', (site / "index.html").read_text(encoding="utf-8"))
    if not match:
        return ""
    y, m, d = match.group(1).split("-")
    return f"{d}/{m}/{y}"


if __name__ == "__main__":
    sys.exit(main())
