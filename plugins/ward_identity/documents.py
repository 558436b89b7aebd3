"""The ``[documents]`` table of ``ward.toml``: the lists a document's header
must choose from (plugin ``documents``).

    [documents]
    types = ["Quyết định", "Kế hoạch", "Thông báo", "Báo cáo", "Nghị quyết", "Công văn"]
    issuers = ["UBND phường", "HĐND phường", "Đảng ủy phường"]
    fields = ["Đất đai", "Tài chính - Ngân sách", "Văn hóa - Xã hội"]

Each name gets an ASCII slug for the filter pages' addresses. A name is
found whatever its case, Unicode form, tones, dashes or spaces
(``DocumentLists.find``); a slip is answered with the nearest (``likely``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from editor_errors import Problem, say
from vietnamese import normalize, slugify

KINDS = {
    "types": say("loại văn bản", "document type"),
    "issuers": say("cơ quan ban hành", "issuing body"),
    "fields": say("lĩnh vực", "subject field"),
}
DEFAULT_TYPES = ("Quyết định", "Kế hoạch", "Thông báo", "Báo cáo", "Nghị quyết", "Công văn")


@dataclass(frozen=True)
class Choice:
    name: str
    slug: str


@dataclass(frozen=True)
class DocumentLists:
    types: tuple[Choice, ...] = tuple(Choice(n, slugify(n)) for n in DEFAULT_TYPES)
    issuers: tuple[Choice, ...] = ()
    fields: tuple[Choice, ...] = ()

    def find(self, kind: str, written: str) -> Choice | None:
        """The configured *kind* ("types", "issuers", "fields") *written* names."""
        key = slugify(written)
        wanted = normalize(written).strip().casefold()
        for choice in getattr(self, kind):
            if wanted == choice.name.casefold() or key == choice.slug:
                return choice
        return None

    def likely(self, kind: str, written: str) -> Choice | None:
        """The configured one a slip most likely meant, or None."""
        return nearest(written, {c.slug: c for c in getattr(self, kind)})


def nearest(written: str, by_slug: dict):
    """The value of *by_slug* that *written* most likely means: the same
    slug (so the same letters but for tones, case, dashes or spaces), else
    the closest slug by spelling (a slip of the keyboard), else None. Shared
    by the ward's categories and the document lists."""
    key = slugify(written)
    if key in by_slug:
        return by_slug[key]
    close = difflib.get_close_matches(key, list(by_slug), n=1, cutoff=0.85)
    return by_slug[close[0]] if close else None


def read_documents(src: str, table, lines) -> tuple[DocumentLists, list[Problem]]:
    """The lists of the ``[documents]`` table (*lines*: ``model._Lines``)."""
    if table is None:
        return DocumentLists(), []
    start = lines.table("[documents]")
    if not isinstance(table, dict):
        return DocumentLists(), [Problem(src, start or 1, say(
            "\"documents\" phải là một mục riêng: dòng [documents] rồi các dòng types = [\"Quyết định\", …], "
            "issuers = [\"UBND phường\", …] và fields = [\"Đất đai\", …].",
            "\"documents\" must be a section of its own: a [documents] line, then types = [\"Quyết định\", …], "
            "issuers = [\"UBND phường\", …] and fields = [\"Đất đai\", …] lines.",
        ))]
    problems: list[Problem] = []
    found: dict[str, tuple[Choice, ...]] = {}
    for key, value in table.items():
        line = lines.key(key, start)
        if key not in KINDS:
            problems.append(Problem(src, line, say(
                f"Mục [documents] không có khóa \"{key}\". Các khóa dùng được: types, issuers, fields.",
                f"The [documents] section has no key \"{key}\". The keys are: types, issuers, fields.",
            )))
            continue
        what = KINDS[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(Problem(src, line, say(
                f"{key} ({what.vi}) phải là một danh sách tên trong dấu ngoặc kép, ví dụ {key} = [\"…\", \"…\"].",
                f"{key} ({what.en}) must be a list of names in double quotes, for example {key} = [\"…\", \"…\"].",
            )))
            continue
        choices: dict[str, Choice] = {}
        for name in (normalize(v).strip() for v in value):
            slug = slugify(name)
            if not slug:
                problems.append(Problem(src, line, say(
                    f"Tên \"{name}\" trong {key} không có chữ hay số nào.",
                    f"The name \"{name}\" in {key} has no letter or digit.")))
            elif slug in choices:
                problems.append(Problem(src, line, say(
                    f"\"{name}\" và \"{choices[slug].name}\" trong {key} là một tên (chỉ khác dấu, chữ hoa hay "
                    "khoảng trắng). Giữ một.",
                    f"\"{name}\" and \"{choices[slug].name}\" in {key} are one name (they differ only in accents, "
                    "case or spaces). Keep one.")))
            else:
                choices[slug] = Choice(name, slug)
        found[key] = tuple(choices.values())
    return DocumentLists(**found), problems
