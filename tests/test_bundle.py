"""The compiled course: checked and merged once, current, and all the grader reads.

``ams-exercises dev compile`` writes ``ams_exercises/compiled/`` from the YAML files of
``ams_exercises/course/``. A learner's check reads two JSON files of it and nothing else.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ams_exercises.authoring.bundle import build, stale
from ams_exercises.grader.course import COMPILED_DIR, COURSE_DIR

ROOT = Path(__file__).resolve().parent.parent


def test_the_compiled_course_is_what_the_yaml_files_give():
    old = stale(build())
    assert not old, f"stale: {old}; run: ams-exercises dev compile"


def test_a_change_to_a_key_that_was_not_compiled_is_found(tmp_path: Path):
    course = tmp_path / "course"
    shutil.copytree(COURSE_DIR, course)
    key = course / "keys" / "restaurant-inspection.yaml"
    text = key.read_text("utf-8")
    key.write_text(text.replace("report?", "report, and why?", 1), "utf-8")
    assert key.read_text("utf-8") != text
    assert stale(build(course)) == ["keys/restaurant-inspection.json"]


def test_a_learners_check_reads_the_compiled_course_and_nothing_else_of_it():
    script = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda e, a: opened.append(str(a[0])) if e == 'open' else None)\n"
        "from ams_exercises.grader.grading import grade\n"
        "from ams_exercises.grader.keys import key_for\n"
        "grade(key_for('tax-refund'), {'primary_customer': 'people owed a refund'})\n"
        "print('\\n'.join(p for p in opened if 'ams_exercises' in p and not p.endswith('.py')"
        " and '__pycache__' not in p))\n"
        "print('yaml' in sys.modules, 'ams_exercises.authoring' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.splitlines()
    files = sorted(Path(p).relative_to(COMPILED_DIR).as_posix() for p in out[:-1])
    assert files == ["course.json", "keys/tax-refund.json"]
    assert out[-1] == "False False"  # no YAML, no course sources


def test_a_broken_key_stops_the_compiler_with_one_line_naming_file_and_field(tmp_path: Path):
    course = tmp_path / "course"
    shutil.copytree(COURSE_DIR, course)
    key = course / "keys" / "tax-refund.yaml"
    key.write_text(
        key.read_text("utf-8").replace("relations: [uses]", "relations: [sells]"), "utf-8"
    )
    from ams_exercises.errors import KeyFileError

    with pytest.raises(KeyFileError) as err:
        build(course)
    message = str(err.value)
    assert "tax-refund.yaml: field 'actors." in message and "\n" not in message


def test_the_package_ships_the_compiled_course():
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    shipped = data["tool"]["setuptools"]["package-data"]["ams_exercises"]
    assert "compiled/*.json" in shipped and "compiled/keys/*.json" in shipped
    course = json.loads((COMPILED_DIR / "course.json").read_text("utf-8"))
    assert sorted(course["keys"]) == sorted(p.stem for p in (COMPILED_DIR / "keys").glob("*.json"))


def test_the_readings_the_compiler_wrote_are_how_the_rules_read_each_text():
    """A learner's check takes the keys' and rules' texts as the compiler read them, rather
    than reading hundreds of phrasings again at every start; each must be what reading
    the text now gives, and a check must take them up."""
    from ams_exercises.grader import normalize

    course = json.loads((COMPILED_DIR / "course.json").read_text("utf-8"))
    tables = [course["readings"]]
    tables += [
        json.loads(p.read_text("utf-8"))["readings"]
        for p in sorted((COMPILED_DIR / "keys").glob("*.json"))
    ]
    assert all(tables) and sum(map(len, tables)) > 10_000
    for table in tables:
        for text, form in table.items():
            assert normalize.written_form(text) == form, text
    script = (
        "from ams_exercises.grader import keys, grading, normalize\n"
        "read = []\n"
        "original = normalize._read\n"
        "normalize._read = lambda t: read.append(t) or original(t)\n"
        "key = keys.key_for('environmental-permit')\n"
        "grading.grade(key, {'widget': 'the permit', 'primary_customer': 'the public'})\n"
        "print(len(read))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) <= 5, "a check read the key's phrasings again"
