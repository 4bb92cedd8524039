"""The pre-check's and the final assessment's answer keys stay off the site and out of a
default print run: each learner answers those items once, so their answers are printed
only when a trainer asks for them (``--with-assessments``). The learner editions print the
items, with no answers. Planning only: nothing here sets a PDF."""

from __future__ import annotations

from cli_runner import invoke

from ams_exercises.grader.keys import modules
from ams_exercises.handouts.render import select_handouts
from ams_exercises.handouts.site import site_handouts

ASSESSMENTS = {m.id for m in modules().values() if m.assessment}


def _scopes(handouts) -> dict[str, set[str]]:
    """Each handout's edition -> the modules it prints."""
    out: dict[str, set[str]] = {}
    for h in handouts:
        out.setdefault(h.edition, set()).update(m.id for m in h.modules)
    return out


def test_the_site_offers_no_assessment_key_but_their_worksheets():
    assert {"pre-check", "final-assessment"} == ASSESSMENTS
    planned = site_handouts(trainer=True)
    scopes = _scopes(planned)
    assert not scopes["trainer"] & ASSESSMENTS
    assert scopes["learner"] >= ASSESSMENTS
    assert not [h.filename for h in planned if h.trainer and h.scope in ASSESSMENTS]


def test_a_print_run_leaves_the_assessment_keys_out_unless_asked():
    default = _scopes(select_handouts((), ("learner", "trainer")))
    assert not default["trainer"] & ASSESSMENTS and default["learner"] >= ASSESSMENTS
    asked = select_handouts((), ("trainer",), with_assessments=True)
    assert _scopes(asked)["trainer"] >= ASSESSMENTS
    assert [h.scope for h in asked if h.scope in ASSESSMENTS] == sorted(
        ASSESSMENTS, key=list(modules()).index
    )


def test_asking_for_the_final_key_alone_says_how(tmp_path):
    done = invoke(
        "handouts",
        "--edition",
        "trainer",
        "--module",
        "final-assessment",
        "--out",
        "h",
        cwd=tmp_path,
    )
    assert done.code == 2, done.out
    [line] = done.err.strip().splitlines()
    assert "--module final-assessment: is an assessment, so its answer key is printed" in line
    assert "only with --with-assessments" in line and line.startswith("ams-exercises")
    assert not (tmp_path / "h").exists()


def test_the_help_says_why_the_keys_are_left_out(tmp_path):
    done = invoke("handouts", "--help", cwd=tmp_path)
    text = " ".join(done.out.split())
    assert "--with-assessments" in text
    assert "each learner answers those items once" in text
