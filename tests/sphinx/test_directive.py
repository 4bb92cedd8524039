"""The {ams-exercise} directive as a reader and an author meet it: the HTML it writes
(golden files, in the style of sphinx-exercise's tests), the solution-free edition, and
the build errors for an unknown id or a broken key."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ams_exercises.authoring.bundle import compile_key
from ams_exercises.sphinx.payload import exercise_payload

TEST_KEYS = Path(__file__).resolve().parent / "keys"


def load_key(path: Path):
    """A test key, compiled as the test books' builds compile it."""
    import yaml

    return compile_key(yaml.safe_load(path.read_text("utf-8")), str(path))


PAYLOAD = "PAYLOAD: the exercise's key as JSON, tested on its own below"


def exercises_html(page: str) -> str:
    """The page's exercise sections, pretty-printed: the markup only, the embedded key
    replaced by a placeholder (:func:`test_the_embedded_key_is_the_payload` tests it)."""
    soup = BeautifulSoup(page, "html.parser")
    out = []
    for section in soup.select("section.ams-exercise"):
        for script in section.select("script.ams-exercise-data"):
            script.string = PAYLOAD
        out.append(section.prettify())
    return "\n".join(out)


def test_the_embedded_key_is_the_payload(sphinx_build):
    """Each exercise embeds exactly what the page script grades with, and nothing more."""
    build = sphinx_build("test-basic")
    assert build.code == 0, build.stderr
    soup = BeautifulSoup(build.page("index.html"), "html.parser")
    sections = soup.select("section.ams-exercise")
    assert sections
    for section in sections:
        (script,) = section.select("script.ams-exercise-data")
        key = load_key(TEST_KEYS / f"{section['data-exercise']}.yaml")
        assert json.loads(script.string) == exercise_payload(key)


def test_exercise_html(sphinx_build, file_regression):
    build = sphinx_build("test-basic")
    assert build.code == 0, build.stderr
    file_regression.check(exercises_html(build.page("index.html")), extension=".html")


def test_solution_free_edition_html(sphinx_build, file_regression):
    build = sphinx_build("test-basic", "-D", "ams_exercises_hide_solutions=1")
    assert build.code == 0, build.stderr
    file_regression.check(exercises_html(build.page("index.html")), extension=".html")


def test_solution_free_edition_leaves_out_solutions_and_keys(sphinx_build):
    build = sphinx_build("test-basic", "-D", "ams_exercises_hide_solutions=1")
    assert build.code == 0, build.stderr
    for name in ("index.html", "other.html"):
        page = build.page(name)
        soup = BeautifulSoup(page, "html.parser")
        assert soup.select("section.ams-exercise")
        assert not soup.select("details.ams-exercise-solution, script.ams-exercise-data")
        assert "application/json" not in page and "ams-exercise.js" not in page
        shown = " ".join(soup.get_text(" ").split())
        keys = [load_key(path) for path in TEST_KEYS.glob("*.yaml")]
        # What the page may show: each exercise's title, scenario and hints.
        allowed_text = " ".join(
            " ".join(w for k in keys for w in [k.title, k.scenario, *k.hints]).split()
        )
        for key in keys:
            assert key.rationale.split(".")[0] not in shown
            for fk in key.fields.values():
                if fk.explanation:
                    assert fk.explanation.split(".")[0] not in shown
                phrases = [p for it in fk.expected for p in it.accept]
                # the key's own wrong answers (the lexicon's common ones are course knowledge)
                own = [w for w in fk.wrong if w.group is None]
                phrases += [p for w in own for p in w.answers]
                phrases += [w.feedback for w in own]
                for phrase in phrases:
                    # whole words; an acronym ("IT") in its case, not the pronoun "it"
                    flags = 0 if phrase.isupper() else re.IGNORECASE
                    whole = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", flags)
                    if whole.search(shown):
                        assert whole.search(allowed_text), f"{phrase!r} leaked into {name}"
    # The search index carries no solution either.
    index = (build.out / "searchindex.js").read_text("utf-8")
    assert "rationale" not in index and "borrower uses the card" not in index.lower()


def test_script_and_style_only_on_pages_with_exercises(sphinx_build):
    build = sphinx_build("test-basic")
    assert "_static/ams-exercise.js" in build.page("index.html")
    assert "_static/ams-exercise.css" in build.page("index.html")
    assert 'id="ams-exercise-setup"' in build.page("index.html")
    plain = build.page("plain.html")
    assert "ams-exercise" not in plain
    assert (build.out / "_static" / "ams-exercise.js").is_file()


def test_ids_stay_unique_with_the_same_exercise_twice(sphinx_build):
    build = sphinx_build("test-basic")
    soup = BeautifulSoup(build.page("other.html"), "html.parser")
    sections = soup.select("section.ams-exercise")
    assert [s["id"] for s in sections] == [
        "ams-exercise-golden-permit",
        "ams-exercise-golden-permit-2",
    ]
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for label in soup.find_all("label"):
        assert soup.find(id=label["for"]) is not None


def test_label_and_heading_levels(sphinx_build):
    build = sphinx_build("test-basic")
    soup = BeautifulSoup(build.page("index.html"), "html.parser")
    link = soup.find("a", string=re.compile("the library exercise"))
    assert link["href"] == "#my-label" and soup.find(id="my-label") is not None
    # Under the page title the exercise heading is h2; inside an h2 section it is h3.
    assert soup.select_one("#ams-exercise-golden-roles h2.ams-exercise-title")
    assert soup.select_one("#ams-exercise-golden-permit h3.ams-exercise-title")


def test_other_builders_get_a_plain_exercise(sphinx_build):
    build = sphinx_build("test-basic", builder="text")
    assert build.code == 0, build.stderr
    text = (build.out / "index.txt").read_text("utf-8")
    assert "Exercise: Who does what around a library card?" in text
    assert "county IT office runs the card system" in text
    assert "Stakeholders (a list)" in text
    assert "borrower uses the card" not in text


def test_unknown_exercise_id_stops_the_build_naming_page_and_id(sphinx_build):
    build = sphinx_build("test-unknown")
    assert build.code != 0
    assert "index.md:5" in build.stderr
    assert "'no-such-exercise' is not an exercise id" in build.stderr
    assert "Traceback" not in build.stderr


def test_unknown_exercise_id_fails_the_build_even_without_warnings_as_errors(sphinx_build):
    build = sphinx_build("test-unknown", warnings_are_errors=False)
    assert build.code == 1
    assert "index.md:5: ERROR: exercise 'no-such-exercise' is not an exercise id" in build.stderr
    assert "1 page with a broken exercise (index): fix the exercise errors above" in build.stderr
    assert "Traceback" not in build.stderr


def test_jupyter_book_reports_an_unknown_id_in_one_line_on_every_build(tmp_path: Path):
    """What a course author sees from ``jupyter-book build``: the page, the line and the id,
    a non-zero exit code and no traceback, again on a rebuild with nothing changed."""
    book = tmp_path / "book"
    book.mkdir()
    (book / "_config.yml").write_text(
        "title: t\nexecute:\n  execute_notebooks: 'off'\n"
        "sphinx:\n  extra_extensions: [ams_exercises.sphinx]\n",
        "utf-8",
    )
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\n", "utf-8")
    (book / "index.md").write_text("# A page\n\n```{ams-exercise} envronmental-permit\n```\n")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    for _ in range(2):
        run = subprocess.run(
            [str(jupyter_book), "build", str(book)],
            capture_output=True,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
            timeout=300,
        )
        out = run.stdout + run.stderr
        assert run.returncode == 1, out
        assert "index.md:3: ERROR: exercise 'envronmental-permit' is not an exercise id" in out
        assert "Traceback" not in out


def test_a_key_that_does_not_compile_is_named_with_its_field(tmp_path: Path):
    """An author who breaks a key hears it from `ams-exercises dev compile`, one line
    naming the file, the field and the problem; the book, which shows the compiled course,
    refuses to build from a stale one (test_bundle.py)."""
    import pytest

    from ams_exercises.authoring.bundle import build
    from ams_exercises.errors import KeyFileError

    keys_dir = tmp_path / "keys"
    keys_dir.mkdir()
    text = (TEST_KEYS / "golden-roles.yaml").read_text("utf-8")
    broken = text.replace("id: golden-roles", "id: broken-key").replace("points: 2", "points: 20")
    (keys_dir / "broken-key.yaml").write_text(broken, "utf-8")
    with pytest.raises(KeyFileError) as err:
        build(keys_dir=keys_dir)
    message = str(err.value)
    assert "broken-key.yaml: field 'fields.primary_customer.points'" in message
    assert "\n" not in message


@pytest.mark.parametrize("mark, said", [("120", "120"), ("eighty", "'eighty'")])
def test_a_pass_mark_that_is_not_a_percentage_stops_the_build_in_one_line(sphinx_build, mark, said):
    build = sphinx_build("test-basic", "-D", f"ams_exercises_pass_mark={mark}")
    assert build.code != 0
    (line,) = [x for x in build.stderr.splitlines() if "ams_exercises_pass_mark" in x]
    assert line.endswith(
        f"ams_exercises_pass_mark: {said} is not a whole percentage from 1 to 100; write one"
        " such as 80 under sphinx: config: in _config.yml"
    )
    assert "Traceback" not in build.stderr


def test_the_pass_mark_set_for_the_book_is_the_one_its_pages_read(sphinx_build):
    """``ams_exercises_pass_mark`` replaces the final module's own pass mark in the list of
    checks the pages (and the SCORM packages) read; without it, the module's holds."""
    from ams_exercises.grader.keys import Module
    from ams_exercises.sphinx.progress import _assessment

    final = Module("final", "Final", "book/final", assessment="final", pass_mark=80)
    assert _assessment(final, "book/final", None)["pass_mark"] == 80
    assert _assessment(final, "book/final", 90) == {
        "id": "final",
        "title": "Final",
        "url": "book/final.html",
        "pass_mark": 90,
    }
    assert sphinx_build("test-basic", "-D", "ams_exercises_pass_mark=90").code == 0
