"""Every template renders autoescaped, in Jinja's sandbox.

A ward may replace one theme template with its own (``giao-dien/templates/``
of its content folder, ``ward_identity``); such a file is content, written
by editors, and must not reach Python's internals, the environment or the
file system. Pelican makes each generator's Jinja environment itself, so at
``generator_init`` the environment is replaced by an
``ImmutableSandboxedEnvironment`` with the same loader, options, filters,
globals and tests, with ``autoescape`` on: values are text unless a plugin
made them markup (``Markup``, or ``|safe`` on HTML that ``safety.html``
cleaned). The immutable sandbox also keeps templates from changing the
lists every page shares (``articles.append``…).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from editor_errors import Problem, collector, report, say, stop_if_errors
from jinja2 import Template, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range
from markupsafe import Markup
from pelican.utils import SafeDatetime

MAX_SIZE = 1_000_000  # characters or items one template expression may make
_PLAIN_VALUES = frozenset({str, int, float, bool, type(None), Markup, datetime.date, datetime.datetime, SafeDatetime})


class PortalTemplate(Template):
    """A template whose failure while rendering is the editor's message at
    the template's file and line (the innermost template in the traceback,
    which Jinja rewrites to template lines), not a traceback: the page is
    left empty and the build stops before it publishes (``refused_access``)."""

    def render(self, *args, **kwargs):
        try:
            return super().render(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - every failure becomes one message
            path, line = self.filename or self.name or "", 0
            trace = exc.__traceback__
            while trace is not None:
                name = trace.tb_frame.f_code.co_filename
                if name.endswith((".html", ".xml", ".txt", ".j2")):
                    path, line = name, trace.tb_lineno
                trace = trace.tb_next
            reason = f"{type(exc).__name__}: {str(exc).rstrip('.')}"
            report(Problem(path, line, say(
                f"Mẫu giao diện không hiện được trang: {reason}. Sửa dòng này của mẫu (hoặc xóa tệp mẫu riêng "
                "của phường để dùng mẫu gốc).",
                f"The template could not render the page: {reason}. Correct this line of the template (or delete "
                "the ward's own template file to use the theme's).")))
            return ""


class PortalEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox; what it refuses is also reported, as an
    error that stops the build before it publishes (``refused_access``):
    the sandbox alone would render it as an empty value, silently."""

    def unsafe_undefined(self, obj, attribute):
        report(Problem(self.overrides or "", 0, say(
            f"Một mẫu giao diện đọc \"{attribute}\" của {type(obj).__name__}: đó là phần bên trong của chương trình, "
            "mẫu không được dùng (có thể chạy lệnh trên máy xây dựng). Tìm và xóa phần đó trong các mẫu của phường.",
            f"A template reads \"{attribute}\" of {type(obj).__name__}: that is the program's internals, which "
            "templates may not use (it could run commands on the build machine). Find it in the ward's templates "
            "and remove it.")))
        return super().unsafe_undefined(obj, attribute)

    overrides = ""  # the ward's template folder, named in the message
    template_class = PortalTemplate

    def is_safe_attribute(self, obj, attr, value):
        """Jinja's rule, with a fast answer for the values templates read on
        every page (texts, numbers, dates): they reach nothing further, and
        the sandbox's own checks (internals, mutating methods) are what made
        rendering slower (docs/benchmarks.md, issue 20)."""
        if attr.startswith("_"):
            return False
        if type(value) in _PLAIN_VALUES:
            return True
        return super().is_safe_attribute(obj, attr, value)

    # ``*`` and ``**`` are checked too (Jinja's sandbox hook): one template
    # must not build a string or a number large enough to exhaust the build.
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 100:
            raise SecurityError("exponent too large")
        if operator == "*" and isinstance(left, (str, list, tuple)) and isinstance(right, int) and len(left) * right > MAX_SIZE:
            raise SecurityError("result too large")
        if operator == "*" and isinstance(right, (str, list, tuple)) and isinstance(left, int) and len(right) * left > MAX_SIZE:
            raise SecurityError("result too large")
        return super().call_binop(context, operator, left, right)


def sandboxed(environment, options: dict, overrides: str = "") -> PortalEnvironment:
    """A sandboxed, autoescaping copy of *environment* (loader, filters,
    globals, tests); *options* are Pelican's ``JINJA_ENVIRONMENT``."""
    if isinstance(environment, PortalEnvironment):
        return environment
    kwargs = {key: value for key, value in options.items() if key != "autoescape"}
    safe = PortalEnvironment(loader=environment.loader, autoescape=True, **kwargs)
    safe.overrides = overrides
    safe.filters.update(environment.filters)
    safe.globals.update(environment.globals)
    safe.globals["range"] = safe_range  # Jinja's limited range, not Python's (Pelican's globals hold it)
    safe.tests.update(environment.tests)
    return safe


def sandbox_generator(generator) -> None:
    """``generator_init``: the generator renders through the sandbox."""
    settings = generator.settings
    content = Path(settings["PATH"]).resolve()
    ward = next((f for f in settings.get("THEME_TEMPLATES_OVERRIDES", ()) if Path(f).resolve().is_relative_to(content)), "")
    generator.env = sandboxed(generator.env, settings.get("JINJA_ENVIRONMENT", {}), ward)


def refused_access(output, settings) -> None:
    """A finisher (``atomic_output``): what the sandbox refused while the
    pages were rendered stops the build before the output is published."""
    errors = [p for p in collector.problems if p.is_error]
    if errors:
        stop_if_errors(errors)


def override_problems(folder: str | Path, content: str | Path) -> list[Problem]:
    """The ward's template overrides (*folder*, inside the content folder
    *content*), read before any is rendered: a syntax error, or a reach for
    Python's internals (an attribute or key starting with ``_``, which the
    sandbox would refuse while rendering) is an error on its file and line."""
    folder = Path(folder)
    if not folder.is_dir() or not Path(folder).resolve().is_relative_to(Path(content).resolve()):
        return []
    environment = PortalEnvironment()
    problems: list[Problem] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            source = path.read_text(encoding="utf-8")
            tree = environment.parse(source, path.name, str(path))
        except UnicodeDecodeError:
            problems.append(Problem(str(path), 0, say(
                "Mẫu giao diện không phải văn bản UTF-8. Lưu lại tệp với bảng mã UTF-8.",
                "The template is not UTF-8 text. Save the file again as UTF-8.")))
            continue
        except TemplateSyntaxError as exc:
            problems.append(Problem(str(path), exc.lineno or 0, say(
                f"Mẫu giao diện viết sai cú pháp Jinja: {exc.message}. Sửa dòng này, hoặc xóa tệp để dùng mẫu gốc.",
                f"The template's Jinja syntax is wrong: {exc.message}. Correct this line, or delete the file to use "
                "the theme's own.")))
            continue
        for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
            name = None
            if isinstance(node, nodes.Getattr):
                name = node.attr
            elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
                name = node.arg.value
            elif isinstance(node, nodes.Filter) and node.name == "attr" and node.args and isinstance(node.args[0], nodes.Const):
                name = node.args[0].value
            if isinstance(name, str) and name.startswith("_"):
                problems.append(Problem(str(path), node.lineno, say(
                    f"Mẫu giao diện đọc \"{name}\": tên bắt đầu bằng \"_\" là phần bên trong của chương trình, mẫu "
                    "không được dùng (có thể chạy lệnh trên máy xây dựng). Xóa phần đó khỏi mẫu.",
                    f"The template reads \"{name}\": names starting with \"_\" are the program's internals, which "
                    "templates may not use (they could run commands on the build machine). Remove it from the template.")))
    return problems
