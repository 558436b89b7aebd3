import os
from pathlib import Path

import pytest
from galleries.model import find_folder, natural_key, read_gallery


def touch(path: Path, data: bytes = b"jpeg") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def site(tmp_path):
    content = tmp_path / "content"
    article = touch(content / "bai-viet" / "2025-01-01-hop.md", b"Title: x\n")
    return content, article


def test_natural_order():
    names = ["anh10.jpg", "anh2.jpg", "Anh1.jpg"]
    assert sorted(names, key=natural_key) == ["Anh1.jpg", "anh2.jpg", "anh10.jpg"]


def test_folder_next_to_the_article(site):
    content, article = site
    assert find_folder(article, content, None, 0) == (None, [])
    (content / "bai-viet" / "2025-01-01-hop").mkdir()
    assert find_folder(article, content, None, 0)[0] == content / "bai-viet" / "2025-01-01-hop"


@pytest.mark.parametrize(("album", "words"), [("../../../etc", "ngoài thư mục nội dung"), ("/etc", "tuyệt đối"), ("khong-co", "Không có thư mục ảnh")])
def test_album_outside_content_or_missing(site, album, words):
    content, article = site
    folder, problems = find_folder(article, content, album, 7)
    assert folder is None
    assert problems[0].path == str(article) and problems[0].line == 7 and words in problems[0].text


def test_gallery_order_captions_and_problems(site, tmp_path):
    content, _ = site
    folder = content / "bai-viet" / "2025-01-01-hop"
    for name in ("b.jpg", "a.jpg", "c10.jpg", "c9.jpg"):
        touch(folder / name)
    touch(folder / "bien-ban.docx")
    touch(folder / "rong.jpg", b"")
    touch(folder / ".DS_Store")
    touch(folder / "chu-thich.txt", "c10.jpg: Mười\nb.jpg: Bê\nmat.jpg: Không có\n".encode())
    outside = touch(tmp_path / "ngoai.jpg")
    os.symlink(outside, folder / "lien-ket.jpg")
    gallery, problems = read_gallery(folder, content, "chu-thich.txt")
    assert [p.name for p in gallery.photos] == ["c10.jpg", "b.jpg", "a.jpg", "c9.jpg"]
    assert [p.caption for p in gallery.photos] == ["Mười", "Bê", "", ""]
    found = {(Path(p.path).name, p.line): p.text for p in problems}
    assert "không phải tệp ảnh" in found[("bien-ban.docx", 0)]
    assert "rỗng (0 byte)" in found[("rong.jpg", 0)]
    assert "ra ngoài thư mục nội dung" in found[("lien-ket.jpg", 0)]
    assert "Không có ảnh \"mat.jpg\"" in found[("chu-thich.txt", 3)]
    assert len(problems) == 4


@pytest.fixture
def english(monkeypatch):
    """Messages in English for one test, Vietnamese again afterwards."""
    import editor_errors

    monkeypatch.delenv("PORTAL_LANGUAGE", raising=False)  # it would win over set_language
    editor_errors.set_language("en")
    try:
        yield editor_errors
    finally:
        editor_errors.set_language("vi")


def test_gallery_problems_in_english_and_vietnamese(site, english):
    content, _ = site
    folder = content / "bai-viet" / "2025-01-01-hop"
    touch(folder / "a.jpg")
    document = touch(folder / "bien-ban.docx")
    _, problems = read_gallery(folder, content, "chu-thich.txt")
    [problem] = problems
    assert problem.format() == (
        f"{english.display_path(document)}: error: \"bien-ban.docx\" is not an image file (JPEG, PNG, WebP, HEIC). "
        "Move it out of the photo folder; documents for download go in the tep/ folder."
    )
    english.set_language("vi")
    assert problem.format() == (
        f"{english.display_path(document)}: lỗi: \"bien-ban.docx\" không phải tệp ảnh (JPEG, PNG, WebP, HEIC). "
        "Chuyển tệp này ra khỏi thư mục ảnh; tài liệu để tải về đặt trong thư mục tep/."
    )
