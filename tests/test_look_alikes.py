"""Letters that look like Latin ones are read as them, from Unicode's data, not a table
picked by hand (``course/look-alikes.yaml``, :mod:`ams_exercises.authoring.look_alikes`)."""

from __future__ import annotations

import pytest

from ams_exercises import check
from ams_exercises.authoring.look_alikes import dump, generate
from ams_exercises.authoring.sources import LOOK_ALIKES_FILE
from ams_exercises.grader.normalize import tokens


def test_the_file_is_what_unicodes_data_gives():
    assert LOOK_ALIKES_FILE.read_text("utf-8") == dump(generate()), (
        "run: ams-exercises dev look-alikes, then ams-exercises dev compile"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "publıc",  # dotless i
        "ᴘᴜʙʟɪᴄ",  # small capitals
        "pub1ic",  # a digit inside the word
        "рublic",  # Cyrillic er
        "publіc",  # Cyrillic i
        "pubłic",  # l with stroke
        "ｐｕｂｌｉｃ",  # full width (the normalizer's NFKD)
        "𝐩𝐮𝐛𝐥𝐢𝐜",  # mathematical bold
    ],
)
def test_a_look_alike_spelling_reads_as_the_word(typed):
    assert tokens(typed) == ("public",)


@pytest.mark.parametrize("typed", ["1st", "K12", "401k", "covid19", "311"])
def test_digits_stay_digits_outside_a_word(typed):
    assert tokens(typed) == (typed.lower(),)


def test_capital_look_alikes_keep_an_acronym():
    assert tokens("ІT staff") == ("information", "technology", "staff")  # Cyrillic І


@pytest.mark.parametrize("hidden", ["publıc", "ᴘᴜʙʟɪᴄ", "pub1ic", "publіc"])
def test_a_hedge_hidden_in_look_alikes_is_still_a_hedge(hidden):
    plain = check("environmental-permit", primary_customer="the facility and the public")
    disguised = check("environmental-permit", primary_customer=f"the facility and the {hidden}")
    assert plain.fields["primary_customer"].verdict != "correct"
    assert disguised.fields["primary_customer"].verdict == plain.fields["primary_customer"].verdict
