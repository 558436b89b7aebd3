import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from content_model.digests import sha256
from galleries.processing import PhotoError, Recipe, cache_folder, load_cached, make_variants, process
from helpers import ROOT
from PIL import Image

sys.path.insert(0, str(ROOT / "bench"))
from photos import photo  # noqa: E402

RECIPE = Recipe(widths=(480, 960, 1600), share_width=1200, quality=80)


@pytest.fixture(scope="module")
def phone_photo(tmp_path_factory):
    """A 2400×1800 photo stored sideways with EXIF orientation 6 and GPS."""
    path = tmp_path_factory.mktemp("src") / "IMG_0001.jpg"
    path.write_bytes(photo(2400, 1800, seed=3, orientation=6))
    stored = Image.open(path)
    assert stored.size == (1800, 2400) and stored.getexif().get_ifd(0x8825)
    return path


def published_metadata(path):
    image = Image.open(path)
    data = path.read_bytes()
    return {
        "exif": dict(image.getexif()),
        "xmp": image.info.get("xmp"),
        "app1": b"Exif\x00\x00" in data or b"http://ns.adobe.com/xap" in data or b"adobe:ns:meta" in data,
        "icc": image.info.get("icc_profile"),
    }


def test_sizes_orientation_and_no_metadata(phone_photo, tmp_path):
    variants = make_variants(str(phone_photo), tmp_path / "out", RECIPE)
    sizes = sorted((v.width, v.height) for v in variants)
    # shown upright: landscape 2400×1800 → widths 480…1600, aspect kept
    assert sizes == [(480, 360), (960, 720), (1200, 900), (1600, 1200)]
    for variant in variants:
        path = tmp_path / "out" / variant.file
        assert Image.open(path).size == (variant.width, variant.height)
        assert published_metadata(path) == {"exif": {}, "xmp": None, "app1": False, "icc": None}
    assert not any(v.file == "full.jpg" for v in variants)  # the original is not published


def test_small_originals_are_not_upscaled(tmp_path):
    source = tmp_path / "nho.jpg"
    source.write_bytes(photo(800, 600, seed=1))
    variants = make_variants(str(source), tmp_path / "out", RECIPE)
    assert sorted(v.width for v in variants) == [480, 800]


def test_publishing_originals_is_a_setting(phone_photo, tmp_path):
    variants = make_variants(str(phone_photo), tmp_path / "out", Recipe(keep_original=True))
    full = next(v for v in variants if v.file == "full.jpg")
    assert (full.width, full.height) == (2400, 1800)
    assert published_metadata(tmp_path / "out" / "full.jpg")["exif"] == {}


def test_heic_input(tmp_path):
    pillow_heif = pytest.importorskip("pillow_heif")
    source = tmp_path / "iphone.heic"
    image = Image.open(io.BytesIO(photo(1800, 1200, seed=5)))
    pillow_heif.from_pillow(image).save(str(source), quality=70)
    variants = make_variants(str(source), tmp_path / "out", RECIPE)
    assert max(v.width for v in variants) == 1600


def test_heic_support_is_loaded_only_when_a_photo_needs_it(tmp_path):
    pillow_heif = pytest.importorskip("pillow_heif")
    source = tmp_path / "iphone.heic"
    pillow_heif.from_pillow(Image.open(io.BytesIO(photo(800, 600, seed=6)))).save(str(source), quality=70)
    plugins = Path(__file__).resolve().parents[2] / "plugins"
    script = (
        "import sys, pathlib, galleries\n"
        "from galleries import processing\n"
        "assert 'pillow_heif' not in sys.modules, 'loaded at import'\n"
        f"processing.make_variants({str(tmp_path / 'anh.jpg')!r}, pathlib.Path({str(tmp_path / 'a')!r}), processing.Recipe())\n"
        "assert 'pillow_heif' not in sys.modules, 'loaded for a JPEG'\n"
        f"variants = processing.make_variants({str(source)!r}, pathlib.Path({str(tmp_path / 'b')!r}), processing.Recipe())\n"
        "print(max(v.width for v in variants))\n"
    )
    (tmp_path / "anh.jpg").write_bytes(photo(800, 600, seed=7))
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(plugins)), timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "800"


@pytest.mark.parametrize(
    ("data", "words"),
    [(b"", "rỗng"), (b"not an image at all", "Không phải tệp ảnh"), ("truncated", "bị hỏng")],
)
def test_broken_files_raise_a_clear_error(tmp_path, phone_photo, data, words):
    if data == "truncated":
        data = phone_photo.read_bytes()[:20000]
    source = tmp_path / "hong.jpg"
    source.write_bytes(data)
    with pytest.raises(PhotoError, match=words):
        make_variants(str(source), tmp_path / "out", RECIPE)


def test_cache_hit_reads_no_pixels(phone_photo, tmp_path):
    copy = tmp_path / "copy.jpg"
    copy.write_bytes(phone_photo.read_bytes())
    sha = sha256(copy)
    cache = tmp_path / "cache"
    _, first, error = process((str(copy), sha, str(cache), RECIPE))
    assert error is None and load_cached(cache_folder(cache, RECIPE, sha)) == first
    copy.unlink()  # a second run must not even open the source
    assert process((str(copy), sha, str(cache), RECIPE)) == (sha, first, None)
    # other settings, other cache entry
    assert cache_folder(cache, Recipe(quality=60), sha) != cache_folder(cache, RECIPE, sha)


def test_the_cache_keeps_what_builds_use_and_drops_what_none_used_for_a_month(tmp_path):
    import os
    import time

    from galleries.processing import cache_folder, prune_cache

    month_ago, week_ago = time.time() - 40 * 86400, time.time() - 7 * 86400

    def cached(recipe, sha, when):
        folder = cache_folder(tmp_path, recipe, sha)
        folder.mkdir(parents=True)
        (folder / "480.jpg").write_bytes(b"jpg")
        os.utime(folder, (when, when))
        return folder

    in_use = cached(RECIPE, "aa" + "1" * 62, month_ago)  # old, but this build shows it
    hour_ago = time.time() - 3600
    in_use_lately = cached(RECIPE, "ac" + "4" * 62, hour_ago)  # marked an hour ago: not rewritten
    deleted_long_ago = cached(RECIPE, "ab" + "2" * 62, month_ago)
    deleted_lately = cached(RECIPE, "ab" + "3" * 62, week_ago)
    earlier_recipe = Recipe(widths=(400, 800))
    old_sizes = cached(earlier_recipe, "aa" + "1" * 62, month_ago)
    os.utime(tmp_path / earlier_recipe.key, (month_ago, month_ago))
    not_ours = tmp_path / "pelican"  # the folder may be shared: only the cache's own names are removed
    not_ours.mkdir()
    os.utime(not_ours, (month_ago, month_ago))
    left_by_a_killed_build = in_use.parent / ".tmp-xyz"
    left_by_a_killed_build.mkdir()
    os.utime(left_by_a_killed_build, (month_ago, month_ago))

    assert prune_cache(tmp_path, RECIPE, ["aa" + "1" * 62, "ac" + "4" * 62], idle_days=30) == 3
    assert abs(in_use_lately.stat().st_mtime - hour_ago) < 1
    assert in_use.is_dir() and time.time() - in_use.stat().st_mtime < 60  # marked used now
    assert deleted_lately.is_dir()
    assert not deleted_long_ago.exists() and not old_sizes.exists() and not left_by_a_killed_build.exists()
    assert not (tmp_path / earlier_recipe.key).exists() and not_ours.is_dir()
