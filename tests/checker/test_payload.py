"""What the page embeds: the page setup and each exercise's payload, from the key itself."""

from __future__ import annotations

import json
import unicodedata

from ams_exercises.grader import reading
from ams_exercises.grader.keys import key_for
from ams_exercises.grader.normalize import language
from ams_exercises.sphinx.html import exercise_html
from ams_exercises.sphinx.payload import (
    assessment_payload,
    combining_ranges,
    exercise_payload,
    page_setup,
    script_json,
)


def test_payload_carries_the_grading_data_but_not_the_worked_solution():
    key = key_for("environmental-permit")
    payload = exercise_payload(key)
    assert payload["asks"] == list(key.asks)
    wrong = payload["fields"]["primary_customer"]["wrong"]
    public = next(w for w in wrong if w.get("g") == "the-public" or w.get("a") == "the-public")
    assert public["recognized_as"] == "investors"
    facility = next(a for a in payload["scene"] if a["ref"] == "facility")
    assert facility["roles"] == ["primary_customer"]
    assert payload["max_score"] == key.max_score
    text = json.dumps(payload)
    assert key.rationale.split(".")[0] not in text


def test_an_assessment_item_s_page_holds_no_solution_role_map_or_hints():
    key = key_for("final-veterans-claims")
    html = exercise_html(key, ["ams-exercise-final-veterans-claims"])
    assert 'data-assessment="final"' in html
    for kept_back in ("ams-exercise-solution", "ams-role-map", "Why", key.rationale.split(".")[0]):
        assert kept_back not in html, kept_back
    for hint in key.hints + [h for fk in key.fields.values() for h in fk.hints]:
        assert hint not in html
    payload = assessment_payload(key)
    assert "hints" not in payload
    assert all("hints" not in field for field in payload["fields"].values())
    # What it keeps: what the page grades with and shows once the item is submitted.
    field = payload["fields"][key.asks[0]]
    assert field["expected"][0][0] == key.fields[key.asks[0]].canonical[0]
    assert field["explanation"] == key.fields[key.asks[0]].explanation
    # A practice check's page still carries its solution and hints.
    practice = exercise_html(key_for("environmental-permit"), ["ams-exercise-environmental-permit"])
    assert "ams-exercise-solution" in practice and '"hints"' in practice


def test_page_setup_mirrors_the_language_rules():
    setup = page_setup()
    lang = language()
    for name in ("articles", "keep_s", "word_endings"):
        assert set(setup["language"][name]) == set(getattr(lang, name)), name
    grouped = {
        ch: letter for letter, chars in setup["language"]["look_alikes"].items() for ch in chars
    }
    assert grouped == lang.homoglyphs
    assert setup["language"]["digits_in_words"] == {"0": "o", "1": "l"}
    # the structure words the script reads with, and the reading tables worked out here
    from ams_exercises.grader.heads import lexis
    from ams_exercises.sphinx.payload import _LEXIS_NAMES, _STRUCTURE

    assert set(setup["structure"]) == {*_STRUCTURE, "understood", "next_question", "messages"}
    assert set(setup["lexis"]) == set(_LEXIS_NAMES)
    assert setup["lexis"]["verbs"] == sorted(lexis().verbs)
    assert setup["patterns"]["members"] == reading.rules().members.pattern
    assert setup["language"]["acronyms"] == lang.acronyms
    assert setup["language"]["spellings"]["neighbour"] == "neighbor"
    ranges = combining_ranges()
    for cp in (0x0301, 0x0327, 0x20D7):
        assert any(a <= cp <= b for a, b in ranges) and unicodedata.combining(chr(cp))
    assert not any(a <= ord("e") <= b for a, b in ranges)


def test_script_json_cannot_close_the_script_element():
    text = script_json({"a": "</script><b>&"})
    assert "</" not in text and "<" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><b>&"}
