"""The grader's index of phrasings (``matching.Prepared``) only skips comparisons that
could never match: on any answer it offers every phrasing a full comparison would match."""

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
    # the whole answer, and every run of its words, is offered every phrasing it is like
    for start in range(len(answer)):
        for end in range(start + 1, len(answer) + 1):
            text = " ".join(answer[start:end])
            for n in (0, end - start):
                offered = {order for order, _ in prepared.near(n, text)}
                for order, cand in enumerate(cands):
                    if not cand.words or (n and len(cand.words) != n):
                        continue
                    if matching._similar(text, cand.text):
                        assert order in offered, (text, cand.text)
