"""What our plugins rely on in Pelican, checked directly.

We patch nothing in Pelican, but we use a few behaviours that are not
spelled out as an API. If an upgrade changes one of them, this file fails
first, with a message saying which plugin to re-check.
"""

import inspect
import os
import pathlib

import pelican
from pelican import generators, readers
from pelican.contents import SkipStub


def test_pinned_pelican_version():
    assert pelican.__version__ == "4.12.0", "re-check every test in this file, then update requirements.txt"


def test_status_skip_makes_a_silent_stub():
    # content_model returns Status: skip for files with errors
    source = inspect.getsource(readers.Readers.read_file)
    assert 'metadata.get("status") == "skip"' in source and "SkipStub" in source
    assert not SkipStub(None, source_path="x").is_valid()


def test_readers_can_be_replaced_per_extension():
    # content_model.use_reader swaps the Markdown reader at readers_init
    assert "reader_classes" in inspect.getsource(readers.Readers.__init__)


def test_generator_attributes_used_by_listings():
    source = inspect.getsource(generators.ArticlesGenerator.generate_context)
    for name in ("self.categories", "self.tags", "self.period_archives", "article_generator_finalized"):
        assert name in source, f"listings/vietnamese use {name}"
    # _update_context turns dicts into lists of pairs: vietnamese.order_tags
    # writes the ordered list back into the context itself.
    assert "list(value.items())" in inspect.getsource(generators.Generator._update_context)


def test_output_path_is_read_by_run_after_initialized():
    # atomic_output points pelican.output_path at a staging folder at
    # `initialized`; run() must build the generators and writer from it.
    init = inspect.getsource(pelican.Pelican.__init__)
    assert init.index("self.output_path") < init.index("signals.initialized.send(self)")
    run = inspect.getsource(pelican.Pelican.run)
    assert "output_path=self.output_path" in run and "signals.finalized.send(self)" in run


def test_content_cache_can_be_keyed_by_a_content_hash():
    # content_model sets CHECK_MODIFIED_METHOD = "sha256": Pelican must hash
    # the file with hashlib for any method other than "mtime".
    from pelican import cache

    source = inspect.getsource(cache.FileStampDataCacher.__init__)
    assert 'method == "mtime"' in source and "getattr(hashlib, method)" in source
    assert "preread_signal" in inspect.getsource(readers.Readers.read_file)
    assert "self.get_cached_data(path, (None, None))" in inspect.getsource(readers.Readers.read_file)


def test_writer_renders_then_opens_the_named_file(tmp_path):
    # incremental.pages.ReusingWriter wraps the template (render sees
    # localcontext["output_file"]) and then reuses the file in _open_w.
    from pelican.writers import Writer

    calls = []

    class Template:
        name = "t.html"

        def render(self, localcontext):
            calls.append(("render", localcontext["output_file"]))
            return "x"

    class Probe(Writer):
        def _open_w(self, filename, encoding, override=False):
            calls.append(("open", filename))
            return super()._open_w(filename, encoding, override)

    Probe(str(tmp_path), settings={"PAGINATED_TEMPLATES": {}}).write_file("a/b.html", Template(), {"localsiteurl": ""})
    assert calls == [("render", "a/b.html"), ("open", str(tmp_path / "a" / "b.html"))]


def test_writer_remembers_written_files_and_refuses_a_second_write(tmp_path):
    # ReusingWriter links an unchanged page itself and adds it to
    # _written_files, so a second write of that file is still refused; it
    # also repeats Pelican's rule for which calls are paginated.
    import pytest
    from pelican.writers import Writer
    from pelican.utils import sanitised_join

    writer = Writer(str(tmp_path), settings={"PAGINATED_TEMPLATES": {}})
    assert writer._written_files == set()
    writer._written_files.add(sanitised_join(str(tmp_path), "a.html"))
    with pytest.raises(RuntimeError):
        writer._open_w(str(tmp_path / "a.html"), "utf-8")
    source = inspect.getsource(Writer.write_file)
    assert 'key in {"articles", "dates"}' in source and 'template_name in self.settings["PAGINATED_TEMPLATES"]' in source


def test_the_reusing_writer_names_a_lists_pages_as_pelican_writes_them(tmp_path):
    # ReusingWriter.page_names repeats Pelican's pagination to link every
    # page of an unchanged list without going through Pelican's writer.
    from pelican.settings import read_settings
    from pelican.writers import Writer

    from incremental.pages import ReusingWriter

    class Template:
        name = "tag.html"

        def render(self, localcontext):
            return "x"

    ours = read_settings(str(pathlib.Path(__file__).resolve().parent.parent / "pelicanconf.py"))
    stock = read_settings(None, override={"DEFAULT_PAGINATION": 3, "DEFAULT_ORPHANS": 1})
    for settings in (dict(stock, PAGINATED_TEMPLATES={"tag": None}),
                     dict(ours, DEFAULT_PAGINATION=3, PAGINATED_TEMPLATES={"tag": None})):
        for count in (0, 1, 3, 4, 10):
            for paginated in (None, {}):
                items = list(range(count))
                folder = tmp_path / f"{len(settings)}-{count}-{paginated is None}"
                opened = []

                class Probe(Writer):
                    def _open_w(self, filename, encoding, override=False):
                        opened.append(os.path.relpath(filename, folder))
                        return super()._open_w(filename, encoding, override)

                Probe(str(folder), settings=settings).write_file(
                    "tag/hoi-nghi.html", Template(), {"localsiteurl": ""}, paginated=paginated, template_name="tag",
                    url="tag/hoi-nghi.html", articles=items, dates=items)
                names = ReusingWriter(str(folder), settings).page_names(
                    "tag/hoi-nghi.html", "tag/hoi-nghi.html", paginated, "tag", {"articles": items, "dates": items})
                assert names == opened, (count, paginated, settings.get("PAGINATION_PATTERNS"))


def test_jinja_attribute_access_goes_through_the_environment():
    # incremental.pages records the content objects templates read through
    # Environment.getattr/getitem and the filters.
    from jinja2 import Environment

    environment = Environment()
    seen = []
    original = environment.getattr
    environment.getattr = lambda obj, attribute: seen.append(attribute) or original(obj, attribute)
    environment.from_string("{{ a.title }}{% for t in a.tags %}{{ t }}{% endfor %}").render(a={"title": "x", "tags": []})
    assert seen == ["title", "tags"]


def test_override_url_is_read_before_the_url_is_formatted():
    # plugins/incremental/urls.py fixes each URL once through override_url
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    settings = dict(DEFAULT_CONFIG, ARTICLE_URL="{slug}.html")
    article = Article("body", metadata={"title": "Tin", "slug": "tin"}, settings=settings)
    assert article.url == "tin.html"
    article.override_url = "co-dinh.html"
    settings["ARTICLE_URL"] = "khac/{slug}.html"
    assert article.url == "co-dinh.html"
    assert "override_" in inspect.getsource(Article.get_url_setting)


def test_template_overrides_and_static_files_are_read_after_initialized():
    # ward_identity sets THEME_TEMPLATES_OVERRIDES (giao-dien/templates/),
    # STATIC_PATHS and EXTRA_PATH_METADATA (the logo) at `initialized`: the
    # generators, made in run(), must read them then, templates first.
    init = inspect.getsource(pelican.Pelican.__init__)
    assert "signals.initialized.send(self)" in init and "_get_generator_classes" not in init
    assert "_get_generator_classes" in inspect.getsource(pelican.Pelican.run)
    generator_init = inspect.getsource(generators.Generator.__init__)
    assert 'self._templates_path = list(self.settings["THEME_TEMPLATES_OVERRIDES"])' in generator_init
    assert generator_init.index("THEME_TEMPLATES_OVERRIDES") < generator_init.index("FileSystemLoader(self._templates_path)")
    # a single file in STATIC_PATHS is copied, under the save_as its path metadata gives
    assert "elif os.path.exists(root) and self._include_path(path, extensions)" in inspect.getsource(generators.Generator.get_files)
    assert 'settings.get("EXTRA_PATH_METADATA", {})' in inspect.getsource(readers.path_metadata)


def test_tag_category_and_author_pages_test_membership_in_their_lists():
    # plugins/incremental/membership.py makes those lists answer `in` by identity
    from pelican.contents import Content

    source = inspect.getsource(generators.ArticlesGenerator)
    assert source.count("if article in articles") >= 3
    assert Content.__eq__ is object.__eq__ and Content.__hash__ is object.__hash__


def test_content_cache_hashes_through_the_function_it_keeps_and_saves_through_its_methods(tmp_path):
    # plugins/incremental/stamps.py gives Pelican's cachers the SHA-256 the
    # up-to-date check computed, through _filestamp_func, and wraps their
    # cache_data / save_cache, from article_generator_init and
    # page_generator_init (the generator and its readers, whose cache is set
    # up only after readers_init is sent).
    import hashlib

    from pelican.cache import FileStampDataCacher
    from pelican.readers import Readers
    from pelican.settings import DEFAULT_CONFIG

    from incremental import stamps

    settings = dict(DEFAULT_CONFIG, CHECK_MODIFIED_METHOD="sha256", CACHE_PATH=str(tmp_path), CACHE_CONTENT=True)
    readers = Readers(settings, "ArticlesGenerator-Readers")
    page = tmp_path / "a.md"
    page.write_bytes("Tin tức".encode())
    assert readers._get_file_stamp(str(page)) == hashlib.sha256(page.read_bytes()).digest() == stamps.stamp(str(page))
    assert readers._cache_data_policy is True  # the reader layer is where Pelican caches by default
    assert "self._filestamp_func(filename)" in inspect.getsource(FileStampDataCacher._get_file_stamp)
    read_file = inspect.getsource(Readers.read_file)
    assert "self.get_cached_data(path, (None, None))" in read_file
    assert "self.cache_data(path, (content, reader_metadata))" in read_file  # only on a miss
    for cls, signal in ((generators.ArticlesGenerator, "article_generator_init"), (generators.PagesGenerator, "page_generator_init")):
        init = inspect.getsource(cls.__init__)
        assert f"signals.{signal}.send(self)" in init
        assert "self.readers.save_cache()" in inspect.getsource(cls.generate_context)
    assert "self.readers = Readers(" in inspect.getsource(generators.Generator.__init__)
    caching = inspect.getsource(generators.CachingGenerator.__init__)
    assert caching.index("Generator.__init__") < caching.index("FileStampDataCacher.__init__")
    readers_init = inspect.getsource(Readers.__init__)
    assert readers_init.index("signals.readers_init.send(self)") < readers_init.index("super().__init__(")


def test_files_read_ahead_are_found_where_pelican_looks_them_up():
    # plugins/incremental/reading.py: at the first *_generator_preread, the
    # files of generator.get_files(*_PATHS, exclude=*_EXCLUDES) that miss the
    # readers' cache are read by children with the reader of their suffix,
    # filtered as Pelican filters them, and stored through cache_data before
    # Pelican's get_cached_data asks (a hook stamps puts on the look-up).
    from pelican.readers import Readers, _filter_discardable_metadata
    from pelican.utils import file_suffix

    read_file = inspect.getsource(Readers.read_file)
    assert read_file.index("preread_signal.send(preread_sender)") < read_file.index("self.get_cached_data(path, (None, None))")
    assert "fmt = file_suffix(path)" in read_file and "reader = self.readers[fmt]" in read_file
    assert "reader_metadata = _filter_discardable_metadata(reader_metadata)" in read_file
    assert "path = os.path.abspath(os.path.join(base_path, path))" in read_file
    assert file_suffix("/a/b.md") == "md" and _filter_discardable_metadata({"a": 1}) == {"a": 1}
    for cls, kind, signal in ((generators.ArticlesGenerator, "ARTICLE", "article_generator_preread"),
                              (generators.PagesGenerator, "PAGE", "page_generator_preread")):
        context = inspect.getsource(cls.generate_context)
        assert f'self.settings["{kind}_PATHS"], exclude=self.settings["{kind}_EXCLUDES"]' in context
        assert f"preread_signal=signals.{signal}" in context
        assert context.index("self.readers.read_file(") < context.index("self.readers.save_cache()")


def test_period_archives_come_from_the_generator_attribute():
    # listings.year_pages fills self.period_archives["year"] at
    # article_generator_finalized (YEAR_ARCHIVE_SAVE_AS = "" keeps Pelican's
    # quadratic grouping off); Pelican must write whatever that dict holds.
    build = inspect.getsource(generators.ArticlesGenerator._build_period_archives)
    assert "if not save_as_fmt:" in build
    context = inspect.getsource(generators.ArticlesGenerator.generate_context)
    assert 'self.context["period_archives"] = self.period_archives' in context
    assert "for granularity in self.period_archives:" in inspect.getsource(generators.ArticlesGenerator.generate_period_archives)


def test_claiming_a_file_is_what_pelicans_open_w_decides(tmp_path, caplog):
    # ReusingWriter._claim repeats Writer._open_w's record and refusals
    # without creating the file (the render pool creates it): every sequence
    # of writes, with and without override, ends the same way in both.
    import itertools
    import logging

    from incremental.pages import ReusingWriter
    from pelican.writers import FileOverwriteFailedError, Writer

    def outcome(open_one, writer, folder, sequence):
        # each run in its own folder: Pelican's log filter drops a message it has seen
        folder.mkdir()
        steps = []
        for name, override in sequence:
            path = str(folder / name)
            caplog.clear()
            try:
                result = open_one(writer, path, override)
            except FileOverwriteFailedError as error:
                steps.append(("refused", str(error).replace(str(folder), "…")))
                continue
            steps.append((result, [r.getMessage().replace(str(folder), "…") for r in caplog.records]))
        files = lambda paths: sorted(p.replace(str(folder), "…") for p in paths)  # noqa: E731
        return steps, files(writer._written_files), files(writer._overridden_files)

    def pelican_open(writer, path, override):
        with writer._open_w(path, "utf-8", override) as handle:
            return "written" if handle.name == path else "skipped"

    def claim(writer, path, override):
        return "written" if writer._claim(path, override) else "skipped"

    caplog.set_level(logging.INFO, logger="pelican.writers")
    writes = [(name, override) for name in ("a.html", "b.html") for override in (False, True)]
    sequences = list(itertools.chain.from_iterable(itertools.product(writes, repeat=k) for k in (1, 2, 3)))
    seen = set()
    for number, sequence in enumerate(sequences):
        expected = outcome(pelican_open, Writer(str(tmp_path), settings={}), tmp_path / f"pelican-{number}", sequence)
        ours = tmp_path / f"ours-{number}"
        assert outcome(claim, ReusingWriter(str(tmp_path), settings={}), ours, sequence) == expected, sequence
        assert not any(ours.iterdir())  # nothing created
        seen |= {(kind, bool(detail) and str(detail)[:12]) for kind, detail in expected[0]}
    # every branch of Pelican's rule came up: written, kept (with its message), overwritten (with its), refused
    assert {("written", False), ("skipped", "['Skipping \""), ("written", "['Overwritin"), ("refused", "Failed to ov")} <= seen


def test_an_exception_out_of_a_build_is_logged_critical_with_the_exception():
    # editor_errors turns an OSError there into one message (_SystemTroubleFilter)
    source = inspect.getsource(pelican.main)
    assert 'logger.critical("%s: %s", e.__class__.__name__, e, exc_info=True)' in source
    assert pelican.logger.name == "pelican"
