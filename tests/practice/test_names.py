"""§1.4's name check: whole words, case ignored, one-letter names ignored, every match in the order given."""

from types import SimpleNamespace

from triangulate.practice.names import named_in

JO_BELL = SimpleNamespace(first_name="Jo", last_name="Bell")
AL_HOPE = SimpleNamespace(first_name="Al", last_name="Hope")
A_SMITH = SimpleNamespace(first_name="A", last_name="Smithson")


def test_a_first_or_last_name_as_a_whole_word_is_found_whatever_its_case():
    assert named_in("JO explained the plan to mum", [JO_BELL, AL_HOPE]) == [JO_BELL]
    assert named_in("mum said the bell rang twice; there is hope", [JO_BELL, AL_HOPE]) == [JO_BELL, AL_HOPE]


def test_a_name_inside_a_longer_word_is_not_a_match():
    assert named_in("Joanne's bellow and a hopeful journey", [JO_BELL, AL_HOPE]) == []


def test_a_one_letter_name_is_ignored():
    assert named_in("A child said I like my worker", [A_SMITH]) == []
