"""A warm build for the live preview: build once, then re-render one article
in a fraction of a second.

    python plugins/preview/worker.py CONTENT OUTPUT SETTINGS

The worker runs a whole Pelican build in its own process (as ``pelican``
would: same plugins, same output, same messages) and keeps what the build
made: the generators with every article read. It then answers requests on
stdin, one JSON line each, ``{"render": ["/abs/path/article.md", …]}``: it
reads those files again and writes only their pages, with the rest of the
site as the build left it. That is what an editor looks at after saving an
article ("fast render", as Hugo calls it); ``server.py`` starts a complete
build right after, which brings lists, feeds and the search up to date.

Anything the fast path cannot show exactly — a new or deleted file, a
changed address, category or date, a file with a problem, a gallery — is
refused (``"ok": false``) and left to the complete build.

Protocol (stdout, one JSON line per message; build output goes to stderr
and is captured into the messages):
- after the build: ``{"built": true|false, "lines": [...], "took": s, "warm": bool}``;
- per request: ``{"ok": bool, "written": [...], "reason": "...", "took": s}``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

# What the fast path must find unchanged to render one page in place: what
# other pages show of the article, and where it is written.
FIXED_FIELDS = ("save_as", "url", "status", "date", "category", "tags", "template", "title", "slug")


class Warm:
    """The generators and writer class of the build this process ran."""

    def __init__(self):
        self.pelican = None
        self.generators: list = []

    def capture(self) -> None:
        from pelican import signals

        signals.initialized.connect(self._initialized)
        signals.all_generators_finalized.connect(self._generators)

    def _initialized(self, pelican) -> None:
        self.pelican = pelican

    def _generators(self, generators) -> None:
        self.generators = list(generators)

    @property
    def articles(self):
        from pelican.generators import ArticlesGenerator

        return next((g for g in self.generators if isinstance(g, ArticlesGenerator)), None)

    def writer(self):
        """The writer a build would use (plugins choose it through the
        ``get_writer`` signal), writing into the published output."""
        from pelican import signals
        from pelican.writers import Writer

        chosen = [writer for _, writer in signals.get_writer.send(self.pelican) if isinstance(writer, type)]
        cls = chosen[0] if chosen else Writer
        return cls(self.pelican.output_path, settings=self.pelican.settings)

    def render(self, paths: list[str]) -> dict:
        generator = self.articles
        if self.pelican is None or generator is None:
            return {"ok": False, "reason": "chưa có bản dựng để dùng lại"}
        from content_model import after_read
        from editor_errors import collector
        from pelican import signals
        from pelican.contents import Article

        known = {Path(a.source_path).resolve(): a for a in generator.articles}
        replaced = []
        for path in paths:
            old = known.get(Path(path).resolve())
            if old is None:
                return {"ok": False, "reason": f"{path}: không phải bài đã đăng trong bản dựng trước"}
            problems_before = len(collector.problems)
            new = generator.readers.read_file(
                base_path=generator.path, path=os.path.relpath(old.source_path, generator.path), content_class=Article,
                context=generator.context, preread_signal=signals.article_generator_preread, preread_sender=generator,
                context_signal=signals.article_generator_context, context_sender=generator,
            )
            if not isinstance(new, Article) or len(collector.problems) > problems_before or after_read(generator.settings, new.metadata):
                del collector.problems[problems_before:]
                return {"ok": False, "reason": f"{path}: có lỗi hoặc cảnh báo"}
            for name in FIXED_FIELDS:
                if getattr(new, name, None) != getattr(old, name, None):
                    return {"ok": False, "reason": f"{path}: {name} đã đổi"}
            if new.metadata.get("album") != old.metadata.get("album"):
                return {"ok": False, "reason": f"{path}: album đã đổi"}
            # What plugins attached after reading (gallery, related
            # articles, neighbours, cover…) carries over until the full build.
            for name, value in vars(old).items():
                if name not in vars(new):
                    setattr(new, name, value)
            replaced.append((old, new))

        for old, new in replaced:
            for articles in (generator.articles, generator.context.get("articles", [])):
                for i, item in enumerate(articles):
                    if item is old:
                        articles[i] = new
        writer = self.writer()
        written = []
        for _, new in replaced:
            signals.article_generator_write_article.send(generator, content=new)
            writer.write_file(
                new.save_as, generator.get_template(new.template), generator.context, article=new,
                category=getattr(new, "category", None), override_output=hasattr(new, "override_save_as"),
                url=new.url, blog=True, relative_urls=generator.settings["RELATIVE_URLS"],
            )
            written.append(new.save_as)
        return {"ok": True, "written": written}


def main(argv: list[str]) -> int:
    content, output, settings = argv
    sys.path.insert(0, str(ROOT / "plugins"))
    # Messages go to the saved stdout; anything else printed goes to stderr.
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def send(message: dict) -> None:
        protocol.write(json.dumps(message, ensure_ascii=False) + "\n")
        protocol.flush()

    warm = Warm()
    warm.capture()
    import pelican

    started = time.monotonic()
    captured = io.StringIO()
    code = 0
    with contextlib.redirect_stderr(captured), contextlib.redirect_stdout(captured):
        try:
            pelican.main([content, "-s", settings, "-o", output, "-e", "PREVIEW=true"])
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
    lines = [line for line in captured.getvalue().splitlines() if line.strip()]
    built = code == 0
    send({"built": built, "lines": lines, "took": time.monotonic() - started, "warm": built and warm.articles is not None})

    for request in sys.stdin:
        started = time.monotonic()
        captured = io.StringIO()
        with contextlib.redirect_stderr(captured), contextlib.redirect_stdout(captured):
            try:
                answer = warm.render(json.loads(request)["render"])
            except Exception as error:  # the full build that follows reports it properly
                answer = {"ok": False, "reason": f"{type(error).__name__}: {error}"}
        answer["took"] = time.monotonic() - started
        send(answer)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
