from hypothesis import given
from hypothesis import strategies as st
from search.encoding import decode_numbers, decode_postings, encode_numbers, encode_postings


@given(st.lists(st.integers(min_value=0, max_value=10**9)))
def test_numbers_round_trip(numbers):
    assert decode_numbers(encode_numbers(numbers)) == numbers


def test_small_numbers_take_one_character():
    assert len(encode_numbers([0, 5, 31])) == 3
    assert len(encode_numbers([32, 1023])) == 4


def test_postings_round_trip_keeping_the_first_positions():
    postings = [(0, True, 0, []), (3, False, 3, [0, 1, 17]), (40, True, 1, [5])]
    assert decode_postings(encode_postings(postings, keep=3), keep=3) == postings
    assert decode_postings(encode_postings(postings, keep=2), keep=2) == [(0, True, 0, []), (3, False, 3, [0, 1]), (40, True, 1, [5])]


def test_a_dense_list_costs_one_character_per_document_plus_positions():
    dense = [(doc, False, 1, [2]) for doc in range(100)]
    assert len(encode_postings(dense, keep=0)) == 100
