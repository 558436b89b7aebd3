"""``invoke livereload``: build, serve, watch, rebuild, reload the browser.

    python plugins/preview/server.py [--port 8000] [--content DIR] [--output DIR]

Each complete build runs in a worker process (``worker.py``) that stays
warm afterwards. When a save changes only existing articles, the warm worker
re-renders just their pages (well under a second, whatever the size of the
archive) and the browser reloads at once; a complete build follows in the
background and reloads the browser again when lists, feeds and the search
are up to date. Saves during a build are merged into the next one.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import http.server
import json
import queue
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
WORKER = Path(__file__).with_name("worker.py")
RELOAD_JS = b"""(function () {
  var source = new EventSource("/__preview__/events");
  var seen = null;
  source.onmessage = function (event) {
    if (seen !== null && event.data !== seen) { location.reload(); }
    seen = event.data;
  };
})();
"""
TAG = b'<script src="/__preview__/reload.js" defer></script>'
PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{tab} — xem trước</title>
<style>body{{font:17px/1.6 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1c1c1c}}
h1{{color:#7d0f17}}li{{margin:.5rem 0;font-family:ui-monospace,monospace;font-size:15px;white-space:pre-wrap}}</style>
</head><body><h1>{title}</h1>
<p>{lead}</p>
<ul>{items}</ul><script src="/__preview__/reload.js" defer></script></body></html>"""
ERROR_PAGE = PAGE.replace("{tab}", "Lỗi nội dung").replace("{title}", "Chưa xây dựng được cổng").replace(
    "{lead}", "Sửa các lỗi dưới đây (tên tệp:dòng) rồi lưu tệp; trang sẽ tự tải lại.")
# A page the last build did not make: most often the article being edited,
# left out because of a mistake (a draft's mistakes are warnings, so the
# build itself succeeded). Its messages are on this page, not only in the
# terminal, and the page reloads once the file is saved again.
MISSING_PAGE = PAGE.replace("{tab}", "Trang chưa có").replace("{title}", "Trang này chưa có trong bản xem trước").replace(
    "{lead}", "Bài hay trang có địa chỉ này không được xây dựng lần này. Nếu đó là bài bạn đang sửa, lý do nằm "
    "trong các thông báo dưới đây (tên tệp:dòng): sửa rồi lưu tệp, trang sẽ tự tải lại. <a href=\"/\">Về trang "
    "chủ</a>.")


class State:
    def __init__(self):
        self.version = 0
        self.problems: list[str] | None = None  # None: the last build succeeded
        self.notes: list[str] = []  # the last successful build's warnings
        self.changed = threading.Condition()

    def publish(self, problems: list[str] | None, notes: list[str] | None = None) -> None:
        with self.changed:
            self.problems = problems
            if notes is not None:
                self.notes = notes
            self.version += 1
            self.changed.notify_all()


class Worker:
    """One complete build in its own process, kept warm afterwards for fast
    renders of single articles (``worker.py``)."""

    def __init__(self, content: Path, output: Path, settings: Path):
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER), str(content), str(output), str(settings)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8", cwd=ROOT,
        )
        self.lock = threading.Lock()

    def _receive(self) -> dict | None:
        line = self.process.stdout.readline()
        return json.loads(line) if line else None

    def built(self) -> tuple[bool, list[str], float, bool]:
        """(succeeded, output lines, seconds, can render fast)."""
        message = self._receive()
        if message is None:
            return False, [f"Tiến trình xây dựng dừng bất thường (mã {self.process.wait()})."], 0.0, False
        return message["built"], message["lines"], message["took"], message["warm"]

    def render(self, paths: list[str]) -> dict:
        with self.lock:
            try:
                self.process.stdin.write(json.dumps({"render": paths}) + "\n")
                self.process.stdin.flush()
            except OSError:
                return {"ok": False, "reason": "tiến trình đã dừng"}
            return self._receive() or {"ok": False, "reason": "tiến trình đã dừng"}

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Builder:
    """Complete builds one at a time in the background (requests made while
    one runs are merged into the next); the newest finished build stays
    warm for fast renders."""

    def __init__(self, state: State, content: Path, output: Path, settings: Path):
        self.state, self.content, self.output, self.settings = state, content, output, settings
        self.warm: Worker | None = None
        self.requested = threading.Event()
        self.lock = threading.Lock()

    def build_now(self) -> None:
        worker = Worker(self.content, self.output, self.settings)
        ok, lines, took, warm = worker.built()
        self.state.publish(report(ok, lines, took), notes=warnings(lines) if ok else None)
        with self.lock:
            old, self.warm = self.warm, (worker if warm else None)
        if not warm:
            worker.close()
        if old is not None:
            old.close()

    def run_forever(self) -> None:
        while True:
            self.requested.wait()
            self.requested.clear()
            self.build_now()

    def fast_render(self, paths: list[str]) -> dict:
        with self.lock:
            warm = self.warm
        if warm is None or self.state.problems is not None:
            return {"ok": False, "reason": "chưa có bản dựng thành công để dùng lại"}
        return warm.render(paths)

    def close(self) -> None:
        with self.lock:
            warm, self.warm = self.warm, None
        if warm is not None:
            warm.close()


def handler_for(state: State, output: Path):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(output), **kwargs)

        def log_message(self, *args):
            pass  # quiet: the terminal is for build messages

        def _send(self, body: bytes, kind: str, status: int = 200) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):  # noqa: N802 (http.server's naming)
            path = self.path.split("?", 1)[0]
            if path == "/__preview__/reload.js":
                return self._send(RELOAD_JS, "text/javascript; charset=utf-8")
            if path == "/__preview__/events":
                return self._events()
            if path.endswith("/") or path.endswith(".html"):
                if state.problems is not None:
                    items = "".join(f"<li>{html.escape(line)}</li>" for line in state.problems)
                    return self._send(ERROR_PAGE.format(items=items).encode("utf-8"), "text/html; charset=utf-8")
                file = Path(self.translate_path(path + ("index.html" if path.endswith("/") else "")))
                if file.is_file():
                    body = file.read_bytes()
                    body = body.replace(b"</body>", TAG + b"</body>", 1) if b"</body>" in body else body + TAG
                    return self._send(body, "text/html; charset=utf-8")
                items = "".join(f"<li>{html.escape(line)}</li>" for line in state.notes) or "<li>(không có thông báo)</li>"
                return self._send(MISSING_PAGE.format(items=items).encode("utf-8"), "text/html; charset=utf-8", 404)
            return super().do_GET()

        def _events(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = -1
            try:
                while True:
                    with state.changed:
                        if state.version == seen:
                            state.changed.wait(timeout=15)
                        version = state.version
                    if version != seen:
                        self.wfile.write(f"data: {version}\n\n".encode())
                    else:
                        self.wfile.write(b": ping\n\n")  # keeps the connection open
                    self.wfile.flush()
                    seen = version
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


def warnings(lines: list[str]) -> list[str]:
    return [ln for ln in lines if ": cảnh báo: " in ln or ": warning: " in ln]


def report(ok: bool, lines: list[str], took: float) -> list[str] | None:
    problems = [ln for ln in lines if ": lỗi: " in ln or ": cảnh báo: " in ln or ": error: " in ln or ": warning: " in ln]
    for line in problems or ([] if ok else lines):
        print(line, file=sys.stderr)
    if ok:
        print(f"Đã xây dựng ({took:.1f} giây).", file=sys.stderr)
        return None
    print("Chưa xây dựng được: sửa các lỗi ở trên rồi lưu tệp. Máy chủ vẫn chạy.", file=sys.stderr)
    return problems or lines[-20:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Xem trước cổng, tự xây dựng lại khi lưu tệp.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--output", default=str(ROOT / ".cache" / "preview"))  # never mixed up with output/
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    args = parser.parse_args(argv)
    content, output, settings = Path(args.content).resolve(), Path(args.output).resolve(), Path(args.settings).resolve()
    output.mkdir(parents=True, exist_ok=True)

    from watchfiles import Change, watch

    # Watch from the start: a file saved during the first build is seen.
    watched = [p for p in (content, ROOT / "theme", ROOT / "plugins", settings) if p.exists()]
    batches: queue.Queue = queue.Queue()
    stop = threading.Event()

    def watching() -> None:
        for changes in watch(*watched, debounce=200, step=50, stop_event=stop):
            batches.put(changes)

    threading.Thread(target=watching, daemon=True).start()

    state = State()
    builder = Builder(state, content, output, settings)
    builder.build_now()
    threading.Thread(target=builder.run_forever, daemon=True).start()
    server = http.server.ThreadingHTTPServer((args.bind, args.port), handler_for(state, output))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Xem trước tại http://localhost:{server.server_port}/index.html — lưu tệp là trang tự cập nhật. Ctrl+C để dừng.", flush=True)

    try:
        while True:
            changes = batches.get()
            names = sorted({Path(path).name for _, path in changes})
            shown = f"{', '.join(names[:5])}{'…' if len(names) > 5 else ''}"
            articles = sorted({path for kind, path in changes if kind == Change.modified and path.endswith(".md")
                               and Path(path).is_relative_to(content)})
            fast = articles and len(articles) == len({path for _, path in changes}) and builder.fast_render(articles)["ok"]
            if fast:
                state.publish(None)  # the browser shows the article now; lists follow with the complete build
                print(f"Đã cập nhật {shown}; đang xây dựng lại các trang khác…", file=sys.stderr)
            else:
                print(f"Thay đổi: {shown} — đang xây dựng lại…", file=sys.stderr)
            builder.requested.set()
    except KeyboardInterrupt:
        print("\nĐã dừng xem trước.")
    finally:
        stop.set()
        server.shutdown()
        builder.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
