"""``invoke publish``: build, check, then rsync the site to a static host.

    python plugins/deploy/rsync.py [--target user@host:/var/www/phuong] [--dry-run] [--no-build]

The target comes from --target, else the PUBLISH_TARGET environment
variable, else the PUBLISH_TARGET setting in publishconf.py. --dry-run shows
what would change and copies nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))

from editor_errors import say  # noqa: E402
from offline.refcheck import check  # noqa: E402


def target_from(arg: str | None, settings_file: Path) -> str:
    if arg:
        return arg
    if os.environ.get("PUBLISH_TARGET"):
        return os.environ["PUBLISH_TARGET"]
    from pelican.settings import read_settings

    return read_settings(str(settings_file)).get("PUBLISH_TARGET", "") or ""


def rsync_command(output: Path, target: str, dry_run: bool) -> list[str]:
    command = ["rsync", "--recursive", "--links", "--times", "--checksum", "--delete", "--compress", "--human-readable", "--itemize-changes"]
    if dry_run:
        command.append("--dry-run")
    if ":" in target and not target.startswith("/"):
        command += ["-e", "ssh -o BatchMode=yes"]
    return [*command, f"{output}/", target.rstrip("/") + "/"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Xây dựng, kiểm tra rồi đưa cổng lên máy chủ (rsync qua SSH).")
    parser.add_argument("--target")
    parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê thay đổi, không chép")
    parser.add_argument("--no-build", action="store_true", help="dùng output/ đã có")
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--output", default=str(ROOT / "output"))
    parser.add_argument("--settings", default=str(ROOT / "publishconf.py"))
    args = parser.parse_args(argv)

    target = target_from(args.target, Path(args.settings))
    if not target:
        print(say(
            "Chưa biết đưa lên đâu: dùng --target user@may-chu:/thu-muc, hoặc đặt biến PUBLISH_TARGET.",
            "No target: pass --target user@host:/folder, or set PUBLISH_TARGET.",
        ), file=sys.stderr)
        return 2
    if shutil.which("rsync") is None:
        print(say("Máy chưa có rsync. Cài bằng: sudo apt-get install rsync", "rsync is not installed: sudo apt-get install rsync"), file=sys.stderr)
        return 2
    output = Path(args.output)
    if not args.no_build:
        built = subprocess.run([sys.executable, "-m", "pelican", args.content, "-s", args.settings, "-o", str(output), "-q"], cwd=ROOT)
        if built.returncode != 0:
            print(say("Không đưa lên: bản xây dựng có lỗi (xem ở trên).", "Not published: the build failed (see above)."), file=sys.stderr)
            return 1
    report = check(output)
    if not report.ok:
        for finding in report.broken:
            print(finding.format(), file=sys.stderr)
        print(say(f"Không đưa lên: {len(report.broken)} liên kết hỏng.", f"Not published: {len(report.broken)} broken references."), file=sys.stderr)
        return 1
    command = rsync_command(output, target, args.dry_run)
    print(" ".join(command), file=sys.stderr)
    result = subprocess.run(command)
    if result.returncode == 0:
        print(say(
            f"{'Chạy thử xong (chưa chép gì)' if args.dry_run else 'Đã đưa lên'}: {target}",
            f"{'Dry run done (nothing copied)' if args.dry_run else 'Published'}: {target}",
        ))
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
