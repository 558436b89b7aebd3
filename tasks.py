"""Commands for editors and maintainers: ``invoke --list`` shows them.

Each task is a thin wrapper: the behaviour lives in the Pelican plugins and
in the modules they call, where the tests reach it.
"""

from __future__ import annotations

import functools
import http.server
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
PY = sys.executable


def _pelican(c, *args: str, settings: str = "pelicanconf.py", content: Path = CONTENT, output: Path = OUTPUT):
    command = [PY, "-m", "pelican", str(content), "-s", str(ROOT / settings), "-o", str(output), *args]
    return c.run(shlex.join(command), pty=False)


SITES = ROOT / "plugins" / "sites" / "command.py"


@task(
    iterable=["site"],
    help={"publish": "dùng publishconf.py (bản phát hành)", "content": "thư mục nội dung", "output": "thư mục kết quả",
          "site": "xây dựng phường, xã này (tên thư mục trong sites/; lặp lại được)", "all": "xây dựng mọi phường, xã và trang chung",
          "jobs": "số phường xây dựng cùng lúc (mặc định: số nhân CPU)"},
)
def build(c, publish=False, content=str(CONTENT), output=str(OUTPUT), site=None, all=False, jobs=0):  # noqa: A002 (invoke's flag name)
    """Xây dựng cổng vào output/ (build the portal); --site X hoặc --all cho nhiều phường, xã."""
    if site or all:
        args = [PY, str(SITES), "build", "--output", output, *(["--all"] if all else [f"--site={s}" for s in site])]
        args += (["--publish"] if publish else []) + ([f"--jobs={jobs}"] if jobs else [])
        c.run(shlex.join(args), pty=False)
        return
    _pelican(c, "-q", settings="publishconf.py" if publish else "pelicanconf.py", content=Path(content), output=Path(output))
    print(f"Đã xây dựng xong: {Path(output) / 'index.html'}")


@task(help={"old": "phường cũ (tên thư mục trong sites/)", "into": "phường nhận sáp nhập", "category_map": "tệp TOML: \"Chuyên mục cũ\" = \"Chuyên mục mới\"",
            "dry_run": "chỉ in kế hoạch, không ghi gì"})
def merge_ward(c, old, into, category_map="", dry_run=False):
    """Sáp nhập phường cũ vào phường mới: chuyển bài viết, giữ địa chỉ cũ bằng chuyển hướng (merge a ward)."""
    args = [PY, str(SITES), "merge", "--old", old, "--into", into]
    args += ([f"--category-map={category_map}"] if category_map else []) + (["--dry-run"] if dry_run else [])
    c.run(shlex.join(args), pty=False)


@task(help={"port": "cổng mạng (mặc định 8000)", "bind": "địa chỉ lắng nghe"})
def serve(c, port=8000, bind="127.0.0.1"):
    """Phục vụ output/ qua http://localhost:8000/ (serve the built portal)."""
    if not (OUTPUT / "index.html").exists():
        sys.exit("Chưa có output/index.html. Chạy trước: invoke build")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(OUTPUT))
    server = http.server.ThreadingHTTPServer((bind, int(port)), handler)
    print(f"Cổng đang chạy tại http://localhost:{port}/index.html  (Ctrl+C để dừng)")
    print(f"Có thể mở trực tiếp từ ổ đĩa: {OUTPUT / 'index.html'}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nĐã dừng.")
    finally:
        server.server_close()


@task(help={"port": "cổng mạng (mặc định 8000)", "site": "xem trước phường, xã này (tên thư mục trong sites/); mặc định content/"})
def livereload(c, port=8000, site=""):
    """Xem trước: xây dựng lại khi lưu tệp và tự tải lại trình duyệt (live preview)."""
    args = [PY, str(ROOT / "plugins" / "preview" / "server.py"), "--port", str(port)]
    if site:
        folder = ROOT / "sites" / site
        if not (folder / "ward.toml").is_file():
            sys.exit(f"Không có phường, xã \"{site}\": cần thư mục sites/{site}/ có tệp ward.toml.")
        args += ["--content", str(folder), "--output", str(ROOT / ".cache" / "preview" / site)]
    c.run(shlex.join(args), pty=False)


@task
def clean(c):
    """Xóa output/ (remove the build output)."""
    if OUTPUT.exists():
        shutil.rmtree(OUTPUT)
    print("Đã xóa output/.")


@task(
    iterable=["path"],
    help={"path": "tệp hoặc thư mục cần kiểm tra (lặp lại được); mặc định: content/", "lang": "vi hoặc en"},
)
def check(c, path=None, lang=""):
    """Kiểm tra nội dung mà không xây dựng (check content: path:line messages)."""
    args = [PY, str(ROOT / "plugins" / "content_model" / "check.py"), *(path or [])]
    if lang:
        args += ["--lang", lang]
    c.run(shlex.join(args), pty=False)


@task(help={"title": "tiêu đề", "category": "chuyên mục (tên, slug hoặc số)", "author": "người biên tập",
            "publish": "đăng ngay (không phải nháp)", "content": "thư mục nội dung (mặc định content/)"})
def new(c, title="", category="", author="", publish=False, content=""):
    """Tạo bài viết mới với đủ thông tin (start a new article)."""
    import subprocess

    from invoke.exceptions import Exit

    args = [PY, str(ROOT / "plugins" / "content_model" / "new.py")]
    for flag, value in (("--title", title), ("--category", category), ("--author", author), ("--content", content)):
        if value:
            args += [flag, value]
    if publish:
        args.append("--publish")
    # The terminal is the command's own, not forwarded by invoke: invoke 3.0
    # forwards typed input by byte count as if it were characters, and hangs
    # on Vietnamese ("Lê Thị Huệ") typed or pasted at a question.
    code = subprocess.run(args).returncode
    if code:
        raise Exit(code=code)


@task(help={"output": "thư mục kết quả cần kiểm tra (mặc định output/)", "lang": "vi hoặc en"})
def check_output(c, output=str(OUTPUT), lang=""):
    """Kiểm tra mọi liên kết trong bản đã xây dựng dẫn tới tệp có thật; lỗi ghi tên tệp nội dung và dòng."""
    c.run(shlex.join([PY, str(ROOT / "plugins" / "offline" / "refcheck.py"), output]), pty=False,
          env={"PORTAL_LANGUAGE": lang} if lang else {})


@task
def offline(c):
    """Tạo dist/<phường>-offline.zip để xem không cần mạng (offline mirror)."""
    c.run(shlex.join([PY, str(ROOT / "plugins" / "offline" / "command.py")]), pty=False)


@task(
    positional=["source"],
    iterable=["also"],
    help={
        "source": "tệp .txt, trang .html đã lưu, hoặc thư mục chứa chúng",
        "also": "thêm một nguồn nữa (dùng nhiều lần được)",
        "out": "thư mục nội dung nhận bài (mặc định content/)",
        "category_map": "tệp TOML ánh xạ chuyên mục cũ → chuyên mục của phường",
        "force": "ghi đè bài đã có",
        "dry_run": "chỉ báo cáo, không ghi tệp nào",
    },
)
def import_legacy(c, source, also=None, out=str(CONTENT), category_map="", force=False, dry_run=False):
    """Nhập bài từ cổng cũ (import articles from an old portal)."""
    args = [PY, str(ROOT / "plugins" / "legacy_import" / "command.py"), source, *(also or []), "--out", out]
    if category_map:
        args += ["--category-map", category_map]
    args += ["--force"] * bool(force) + ["--dry-run"] * bool(dry_run)
    c.run(shlex.join(args), pty=False)


@task(help={"target": "user@may-chu:/thu-muc (hoặc biến PUBLISH_TARGET)", "dry_run": "chỉ liệt kê thay đổi"})
def publish(c, target="", dry_run=False):
    """Xây dựng bản phát hành, kiểm tra, rồi rsync lên máy chủ (publish over SSH)."""
    args = [PY, str(ROOT / "plugins" / "deploy" / "rsync.py")]
    if target:
        args += ["--target", target]
    if dry_run:
        args.append("--dry-run")
    c.run(shlex.join(args), pty=False)


@task(help={"count": "số ảnh thử (mặc định 24)"})
def bench_images(c, count=24):
    """Đo tốc độ xử lý ảnh so với Pillow đơn giản (benchmark photo processing)."""
    c.run(shlex.join([PY, str(ROOT / "bench" / "images.py"), "--count", str(count)]), pty=False)


@task(help={"articles": "số bài thử, cách nhau bằng dấu phẩy (mặc định 1000,5000)"})
def bench(c, articles="1000,5000"):
    """Đo thời gian xây dựng so với Pelican gốc (benchmark the build against stock Pelican)."""
    c.run(shlex.join([PY, str(ROOT / "bench" / "build_bench.py"), "--articles", str(articles)]), pty=False)


@task(help={"articles": "số bài thử, cách nhau bằng dấu phẩy (mặc định 5000,20000)",
            "repeat": "số lần dựng từ đầu mỗi cỡ, lấy lần nhanh nhất (mặc định 3)"})
def bench_scale(c, articles="5000,20000", repeat=3):
    """Đo bản dựng lần đầu ở hai cỡ, theo từng giai đoạn (benchmark scaling)."""
    c.run(shlex.join([PY, str(ROOT / "bench" / "scale_bench.py"), "--articles", articles, "--repeat", str(repeat)]), pty=False)


@task(help={"sites": "số phường, xã thử (mặc định 126)", "articles": "số bài mỗi phường (mặc định 300)"})
def bench_sites(c, sites=126, articles=300):
    """Đo invoke build --all cho nhiều phường, xã (benchmark many wards)."""
    c.run(shlex.join([PY, str(ROOT / "bench" / "sites_bench.py"), "--sites", str(sites), "--articles", str(articles)]), pty=False)


@task(help={"articles": "số bài thử (mặc định 5000)"})
def bench_search(c, articles=5000):
    """Đo kích thước chỉ mục và tốc độ tìm kiếm (benchmark the search index)."""
    c.run(shlex.join([PY, str(ROOT / "bench" / "search_bench.py"), "--articles", str(articles)]), pty=False)


@task
def demo_photos(c, force=False):
    """Tạo ảnh cho cổng minh họa (make the demo ward's photos)."""
    c.run(shlex.join([PY, str(ROOT / "bench" / "demo_photos.py"), *(["--force"] if force else [])]), pty=False)


@task(
    iterable=["gate"],
    help={
        "gate": "chỉ chạy cổng này: axe, html, lighthouse hoặc weight (lặp lại được)",
        "site": "bản dựng cần kiểm tra (mặc định output/, được xây dựng trước)",
        "build": "xây dựng output/ trước khi kiểm tra (mặc định: có)",
    },
)
def quality(c, gate=None, site=str(OUTPUT), build=True):
    """Chạy các cổng chất lượng: axe, HTML/CSS (vnu), Lighthouse, trọng lượng trang (quality gates)."""
    if build and Path(site).resolve() == OUTPUT:
        _pelican(c, "-q")
    args = [PY, str(ROOT / "plugins" / "quality" / "command.py"), site]
    for name in gate or []:
        args += ["--gate", name]
    c.run(shlex.join(args), pty=False)


@task(help={"browser": "chạy cả kiểm thử trình duyệt (mặc định: có)"})
def test(c, browser=True):
    """Kiểm tra nội dung rồi chạy toàn bộ kiểm thử (check content, then run the test suite)."""
    c.run(shlex.join([PY, str(ROOT / "plugins" / "content_model" / "check.py")]), pty=False)
    marks = "not serial" + ("" if browser else " and not browser")
    c.run(shlex.join([PY, "-m", "pytest", "-n", "2", "-q", "-m", marks]), pty=False)
    if browser:
        # Tests that time the page (Lighthouse performance) run alone, on an idle machine.
        c.run(shlex.join([PY, "-m", "pytest", "-q", "-m", "serial"]), pty=False)
