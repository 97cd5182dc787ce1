"""Script and language guesses of the text layer."""

from analysis.text.scripts import dominant_script, guess_language


def test_latin_text_with_curly_quotes_and_dashes_is_all_latin():
    assert dominant_script("“It is done” — Lee’s team said.") == ("LATIN", 1.0)
    assert dominant_script("“ — ” 12") == ("", 0.0)


def test_a_non_letter_outside_ascii_is_not_counted_as_a_letter():
    assert dominant_script("x² and ½") == ("LATIN", 1.0)
    assert dominant_script("Café in Zürich") == ("LATIN", 1.0)


def test_other_scripts_keep_their_share_of_the_letters():
    script, share = dominant_script("Seoul 서울에서 회담")
    assert script == "HANGUL" and 0.5 < share < 1.0


def test_function_words_pick_the_language():
    assert guess_language("The talks were held in the capital and the leaders met with the press.") == "en"
    assert guess_language("Les dirigeants sont arrivés dans la capitale pour une réunion avec les ministres et des experts.") == "fr"
    assert guess_language("Der Minister ist nicht mit den anderen auf die Reise gegangen, und das wurde auch bemerkt.") == "de"
    assert guess_language("Talks") == ""
