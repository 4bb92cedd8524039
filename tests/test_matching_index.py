"""The grader's index of phrasings (``matching.Prepared``) only skips comparisons that
could never match: on any answer it finds what comparing every phrasing would find."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ams_exercises.grader import matching
from ams_exercises.grader.grading import candidates
from ams_exercises.grader.keys import all_keys

KEYS = all_keys()
FIELDS = [(key, name) for key in KEYS for name in key.asks]
#: Words the keys use, so that generated answers meet the phrasings, with typos of them.
VOCABULARY = sorted({w for key, name in FIELDS for c in candidates(key, name) for w in c.words})


def _typo(word: str, where: int) -> str:
    if len(word) < 3:
        return word
    i = 1 + where % (len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


PHRASINGS = sorted({c.text for key, name in FIELDS for c in candidates(key, name)})


def _slips(text: str, cuts: list[int], extra: str) -> list[str]:
    """``text`` with letters dropped (after the first) and one added: a learner's slips."""
    for cut in cuts:
        if len(text) > 2:
            i = 1 + cut % (len(text) - 1)
            text = text[:i] + text[i + 1 :]
    return (text + extra).split()


slipped = st.builds(
    _slips,
    st.sampled_from(PHRASINGS),
    st.lists(st.integers(0, 60), max_size=4),
    st.sampled_from(["", "s", "e"]),
)

words = st.builds(_typo, st.sampled_from(VOCABULARY), st.integers(0, 20)) | st.sampled_from(
    VOCABULARY + ["who", "the", "of", "and", "people", "'s"]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(FIELDS),
    st.lists(words, min_size=1, max_size=7) | slipped.filter(bool),
)
def test_the_index_misses_no_phrasing_a_full_comparison_would_match(field, answer):
    key, name = field
    cands = candidates(key, name)
    prepared = matching.Prepared.of(cands)
    text = " ".join(answer)
    # every phrasing similar to the whole answer is among those the index offers
    offered = {order for order, _ in prepared.near(0, text)}
    for order, cand in enumerate(cands):
        if cand.words and matching._similar(text, cand.text):
            assert order in offered, (text, cand.text)
    # and the best match is the one found by comparing every phrasing in turn
    found = matching.best_match_tokens(answer, prepared)
    assert _what(found) == _what(_walk_every_candidate(answer, cands))


def _what(match: matching.Match | None) -> tuple | None:
    """What a match says: which phrasing (the very candidate), where, and how closely."""
    return None if match is None else (id(match.candidate), match.position, match.similarity)


def _walk_every_candidate(toks, cands):
    """The matching rule written plainly: each candidate against every run of words."""
    words, modifier = matching.possessives(toks)
    if not words:
        return None
    whole = " ".join(words)
    not_after = matching.language().not_after
    heads = matching._heads(cands, not_after)
    ranked = []
    for order, cand in enumerate(cands):
        if not cand.words:
            continue
        found = None
        sim = matching._similar(whole, cand.text)
        if sim:
            found = matching.Match(cand, -1 if sim >= 100.0 else 0, sim)
        else:
            for start, run in matching._windows(words, len(cand.words), modifier, not_after, heads):
                sim = matching._similar(run, cand.text)
                if sim:
                    found = matching.Match(cand, start, sim)
                    break
        if found:
            rank = (found.position, -len(cand.words), matching.KIND_RANK[cand.kind])
            ranked.append((rank + (-found.similarity, order), found))
    if not ranked:
        return None
    best = min(ranked, key=lambda r: r[0])[1]
    right = [r for r in ranked if r[1].candidate.kind == "accept"]
    if right and best.candidate.kind == "partial" and best.position >= 0:
        best_right = min(right, key=lambda r: r[0])[1]
        if best_right.position >= best.position + len(best.candidate.words):
            return best_right
    return best


def test_a_list_of_phrasings_that_grows_is_read_as_it_is_now() -> None:
    """Phrasings given as they are (not prepared) are read as they are at each call."""
    phrasings = [matching.Candidate.of("taxpayers", "wrong", 0, "primary_customer")]
    assert matching.best_match("permit applicants", phrasings) is None
    phrasings.append(matching.Candidate.of("permit applicants", "accept", 0, "primary_customer"))
    found = matching.best_match("permit applicants", phrasings)
    assert found is not None and found.candidate.text == "permit applicant"
