from galleries.captions import parse_captions


def test_order_captions_and_comments():
    captions = parse_captions("# ghi chú\n\nb.jpg: Ảnh B\nA.JPG | Ảnh A\nc.jpg\n")
    assert captions.order == ["b.jpg", "A.JPG", "c.jpg"]
    assert captions.text == {"b.jpg": "Ảnh B", "a.jpg": "Ảnh A", "c.jpg": ""}
    assert captions.lines == {"b.jpg": 3, "a.jpg": 4, "c.jpg": 5}
    assert captions.bad_lines == []


def test_bad_and_duplicate_lines_are_reported_with_their_numbers():
    captions = parse_captions("a.jpg: một\nkhông phải ảnh\na.jpg: hai\n")
    assert captions.bad_lines == [(2, "không phải ảnh"), (3, "a.jpg: hai")]
    assert captions.text["a.jpg"] == "một"
