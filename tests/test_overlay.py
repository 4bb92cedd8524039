"""A state's overlay (``ams_exercises/overlays/``, ``authoring/overlay.py``): a training
office adds its state's shorthand, names and groups in one folder, and ``check``, ``grade``
and notebooks read it when told to, by ``--overlay`` or ``AMS_EXERCISES_OVERLAY``. (The
built page: ``tests/sphinx/test_overlay_page.py``.)

Each verdict below is one the course alone gives differently: the tests' overlay
(``tests/overlays/testland``) uses words no state uses, so only the overlay explains the
change."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest
from cli_runner import Ran, invoke

from ams_exercises.authoring.bundle import build
from ams_exercises.authoring.overlay import load_overlay
from ams_exercises.errors import OverlayError
from ams_exercises.grader.course import OVERLAY_VARIABLE, compiled, use_compiled
from ams_exercises.grader.doctrine import Relation, roles_of
from ams_exercises.overlays import CACHE_VARIABLE, compiled_overlay, locate

#: The tests' own overlay: one of each thing an overlay adds, in words no state uses.
TEST_OVERLAY = Path(__file__).resolve().parent / "overlays" / "testland"
#: One answer sheet, each entry changed by one thing the tests' overlay adds.
SHEET = """\
exercise: it-service-desk
primary_customer: folks at the window      # a name the overlay gives the exercise's applicants
strategic_customers: [eligibility workers]
operational_support:
  - TSTO                                   # shorthand, for a phrasing the overlay adds to IT
  - the bid room                        # a phrasing the overlay adds to procurement
"""


@pytest.fixture(autouse=True)
def the_course_alone_again():
    """Each test starts and ends with the course as compiled, whatever it put in place."""
    yield
    os.environ.pop(OVERLAY_VARIABLE, None)
    use_compiled(None)


def run(*args: str, cwd: Path, **env: str) -> Ran:
    """``ams-exercises ARGS`` in this process, which then forgets the overlay it used, as
    the end of a real process would."""
    try:
        return invoke(*args, cwd=cwd, **env)
    finally:
        use_compiled(None)


def verdicts(out: str) -> dict[str, str]:
    return {name: f["verdict"] for name, f in json.loads(out)["fields"].items()}


def test_the_overlay_changes_checks_verdicts_by_option_or_variable(tmp_path, overlay_cache):
    (tmp_path / "answers.yaml").write_text(SHEET, "utf-8")
    alone = run("check", "answers.yaml", "--json", cwd=tmp_path, **overlay_cache)
    assert alone.code == 1
    assert verdicts(alone.out) == {
        "primary_customer": "unsure",
        "strategic_customers": "correct",
        "operational_support": "unsure",
    }
    option = run(
        "check", "answers.yaml", "--json", "--overlay", str(TEST_OVERLAY), cwd=tmp_path,
        **overlay_cache,
    )  # fmt: skip
    assert option.code == 0, option.out + option.err
    assert set(verdicts(option.out).values()) == {"correct"}
    items = json.loads(option.out)["fields"]["operational_support"]["items"]
    assert [i["matched"] for i in items] == ["IT", "procurement"]
    items = json.loads(alone.out)["fields"]["operational_support"]["items"]
    assert [i["outcome"] for i in items] == ["unrecognized", "unrecognized"]
    variable = run(
        "check", "answers.yaml", "--json", cwd=tmp_path,
        **{**overlay_cache, OVERLAY_VARIABLE: str(TEST_OVERLAY / "overlay.yaml")},
    )  # fmt: skip
    assert variable.code == 0 and variable.out == option.out


def test_the_overlays_spellings_and_synonyms_are_read(tmp_path, overlay_cache):
    (tmp_path / "desk.yaml").write_text(
        "exercise: it-service-desk\noperational_support: [tecnology services office]\n", "utf-8"
    )
    (tmp_path / "parks.yaml").write_text(
        "exercise: park-reservations\nprimary_customer: people who snag a campsite\n", "utf-8"
    )
    desk = {}
    for overlay in ((), ("--overlay", str(TEST_OVERLAY))):
        ran = run("check", "desk.yaml", "--json", *overlay, cwd=tmp_path, **overlay_cache)
        (item,) = json.loads(ran.out)["fields"]["operational_support"]["items"]
        desk[bool(overlay)] = item["matched"]
        ran = run("check", "parks.yaml", "--json", *overlay, cwd=tmp_path, **overlay_cache)
        verdict = verdicts(ran.out)["primary_customer"]
        assert verdict == ("correct" if overlay else "unsure")  # snag: book
    assert desk == {False: "my team", True: "IT"}  # tecnology: technology


def test_a_local_group_takes_the_role_its_relations_give(tmp_path, overlay_cache):
    (tmp_path / "answers.yaml").write_text(
        "exercise: park-reservations\nprimary_customer: the lamp board\n", "utf-8"
    )
    ran = run(
        "check", "answers.yaml", "--overlay", str(TEST_OVERLAY), cwd=tmp_path, **overlay_cache
    )
    assert ran.code == 1
    assert "INCORRECT  Primary customer" in ran.out
    assert "The lamp board watches over the work from outside it" in ran.out
    alone = run("check", "answers.yaml", cwd=tmp_path, **overlay_cache)
    assert "CAN'T TELL  Primary customer" in alone.out


def test_the_overlay_changes_grades_verdicts_too(tmp_path, overlay_cache):
    (tmp_path / "class").mkdir()
    (tmp_path / "class" / "ana.yaml").write_text(SHEET, "utf-8")
    (tmp_path / "class" / "ben.yaml").write_text(
        SHEET.replace("TSTO", "IT"), "utf-8"
    )  # the course knows IT: only the rest changes for Ben
    (tmp_path / "class" / "cruz.yaml").write_text(
        "exercise: it-service-desk\noperational_support: [ASET, SPO]\n", "utf-8"
    )  # Arizona's shorthand
    alone = run("grade", "class", "--out", "alone", cwd=tmp_path, **overlay_cache)
    assert alone.code == 0, alone.out + alone.err
    assert "overlay" not in alone.out
    adapted = run(
        "grade", "class", "--out", "adapted", "--overlay", str(TEST_OVERLAY), cwd=tmp_path,
        **overlay_cache,
    )  # fmt: skip
    assert adapted.code == 0, adapted.out + adapted.err
    assert "Graded with Testland's overlay" in adapted.out

    def read(report: str) -> dict[tuple[str, str, str], str]:
        with open(tmp_path / report / "answers.csv", encoding="utf-8-sig", newline="") as f:
            return {(r["learner"], r["field"], r["entry"]): r["verdict"] for r in csv.DictReader(f)}

    before, after = read("alone"), read("adapted")
    changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    assert changed == {
        ("ana", "primary_customer", "1"): ("unsure", "correct"),  # the exercise's new name
        ("ana", "operational_support", "1"): ("unsure", "correct"),  # TSTO
        ("ana", "operational_support", "2"): ("unsure", "correct"),  # the bid room
        ("ben", "primary_customer", "1"): ("unsure", "correct"),
        ("ben", "operational_support", "2"): ("unsure", "correct"),
    }
    arizona = run(
        "grade", "class", "--out", "arizona", "--overlay", "arizona", cwd=tmp_path,
        **overlay_cache,
    )  # fmt: skip
    assert "Graded with Arizona's overlay" in arizona.out
    after = read("arizona")
    changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    assert changed == {
        ("cruz", "operational_support", "1"): ("unsure", "correct"),  # ASET: IT
        ("cruz", "operational_support", "2"): ("unsure", "correct"),  # SPO: procurement
    }


def test_a_learners_notebook_check_reads_the_variable(overlay_cache, monkeypatch):
    """``from ams_exercises import check`` in a notebook: the kernel inherits the variable
    from ``ams-exercises notebooks --overlay`` (or the trainer's environment)."""
    from ams_exercises import check

    assert (
        check("it-service-desk", operational_support=["TSTO"]).fields["operational_support"].verdict
        == "unsure"
    )
    monkeypatch.setenv(CACHE_VARIABLE, overlay_cache[CACHE_VARIABLE])
    monkeypatch.setenv(OVERLAY_VARIABLE, str(TEST_OVERLAY))
    use_compiled(None)  # as a new kernel starts
    field = check("it-service-desk", operational_support=["TSTO", "the bid room"]).fields[
        "operational_support"
    ]
    assert field.verdict == "correct"


def test_notebooks_option_hands_the_overlay_to_jupyterlab(tmp_path, overlay_cache, monkeypatch):
    """``ams-exercises notebooks --overlay``: JupyterLab, and so each notebook's kernel,
    starts with the variable set to the overlay's folder."""
    import subprocess  # JupyterLab itself is not started: the command's call is caught

    started: dict[str, str] = {}

    class Lab:
        def __init__(self, args, env):  # noqa: ANN001 - subprocess.Popen's
            started.update(env)

        def wait(self) -> int:
            return 0

    monkeypatch.setattr(subprocess, "Popen", Lab)
    home = tmp_path / "course"
    shutil.copytree(Path(__file__).resolve().parent.parent / "exercises", home / "exercises")
    ran = run("notebooks", "--no-browser", "--overlay", "arizona", cwd=home, **overlay_cache)
    assert ran.code == 0, ran.out + ran.err
    assert Path(started[OVERLAY_VARIABLE]) == locate("arizona").parent


# --- the example: Arizona's overlay --------------------------------------------------------


def test_arizonas_overlay_reads_the_states_shorthand(tmp_path, overlay_cache):
    (tmp_path / "desk.yaml").write_text(
        "exercise: it-service-desk\noperational_support: [ASET, SPO]\n", "utf-8"
    )
    (tmp_path / "parks.yaml").write_text(
        "exercise: park-reservations\nstakeholders: [JLBC, the Lege]\n", "utf-8"
    )
    for sheet, field, matched in (
        ("desk.yaml", "operational_support", ["IT", "procurement"]),
        ("parks.yaml", "stakeholders", ["the legislature", "the legislature"]),
    ):
        alone = run("check", sheet, "--json", cwd=tmp_path, **overlay_cache)
        assert json.loads(alone.out)["fields"][field]["verdict"] == "unsure"
        az = run("check", sheet, "--json", "--overlay", "arizona", cwd=tmp_path, **overlay_cache)
        result = json.loads(az.out)["fields"][field]
        assert [i["matched"] for i in result["items"]][: len(matched)] == matched, result


def test_arizonas_overlay_is_written_in_us_spelling():
    from test_us_spelling import _PATTERN

    for path in sorted(locate("arizona").parent.iterdir()):
        assert not _PATTERN.findall(path.read_text("utf-8")), path


def test_arizonas_groups_have_the_roles_their_relations_give(overlay_cache, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, overlay_cache[CACHE_VARIABLE])
    use_compiled(compiled_overlay("arizona"))
    course = compiled()
    assert course["overlay"]["state"] == "Arizona"
    local = {g["id"]: g for g in course["lexicon"]}
    own = load_overlay(locate("arizona")).data.groups
    assert len(own) >= 3
    for group in own:
        roles = local[group.id]["roles"]
        assert roles == list(roles_of([Relation.parse(r) for r in group.relations]))
        assert roles[0] in ("operational_support", "stakeholders")  # nobody's customer
    assert local["department-of-administration"]["roles"] == ["operational_support"]
    # every phrasing the overlay gives a course group keeps that group's role
    legislature = local["legislature"]
    assert "joint legislative budget committee" in legislature["phrasings"]
    assert legislature["roles"] == ["stakeholders"]


def test_the_sites_handouts_are_made_again_for_an_overlay(overlay_cache, monkeypatch):
    """The book's handouts are cached by a fingerprint: an overlay changes it, so a book
    built with Arizona's overlay never offers PDFs made without it."""
    from ams_exercises.handouts import site

    course = site.fingerprint()
    monkeypatch.setenv(CACHE_VARIABLE, overlay_cache[CACHE_VARIABLE])
    use_compiled(compiled_overlay("arizona"))
    assert site.fingerprint() != course


# --- one file, checked like the course's: the file, the line and the fix ------------------------

#: (what is wrong, the slip written into the tests' overlay, words the one line must hold)
SLIPS = {
    "an unknown part": (
        ("\nphrasings:", "\nphrasing:"),
        ["line 11", "'phrasing'", "its parts are"],
    ),
    "a version from the future": (
        ("format_version: 1", "format_version: 2"),
        ["line 3", "write 1"],
    ),
    "shorthand of two words": (("  tsto:", "  ts to:"), ["line 6", "one word of letters"]),
    "a relation that is none": (
        ("[oversees]", "[overseas]"),
        ["line 18", "'overseas' is not a relation", "oversees, influences"],
    ),
    "a role without a reason": (
        ("    relations: [oversees]", "    relations: [oversees]\n    role: stakeholders"),
        ["line 19", "'groups.0.role'", "role follows from its relations", "remove 'role'"],
    ),
    "a group the course does not have": (("  it: [", "  itt: ["), ["line 12", "did you mean 'it'"]),
    "a phrasing of another group": (
        ("[the bid room]", "[the bid room, auditors]"),
        ["line 13", "'auditors' already names the group 'auditors'", "remove it"],
    ),
    "a word the course reads otherwise": (
        ("  tsto: technology services office", "  lege: lemonade"),
        ["line 6", "already reads 'lege' as 'legislature'", "remove this line"],
    ),
    "someone the exercise does not have": (
        ("    applicants:", "    applicant:"),
        ["line 24", "'applicant' is not one of this exercise's people", "applicants"],
    ),
    "not YAML": (("state: Testland", "state: [Testland"), ["is not valid YAML at line"]),
}


@pytest.mark.parametrize("slip", sorted(SLIPS))
def test_a_slip_in_the_overlay_is_one_line_naming_file_line_and_fix(slip, tmp_path, overlay_cache):
    (before, after), words = SLIPS[slip]
    text = (TEST_OVERLAY / "overlay.yaml").read_text("utf-8")
    assert text.count(before) == 1, before
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "overlay.yaml").write_text(text.replace(before, after), "utf-8")
    (tmp_path / "answers.yaml").write_text(SHEET, "utf-8")
    ran = run("check", "answers.yaml", "--overlay", "ours", cwd=tmp_path, **overlay_cache)
    assert ran.code == 2, ran.out + ran.err
    line = ran.err.strip()
    assert "\n" not in line and "Traceback" not in line, line
    assert line.startswith("ams-exercises: ") and "overlay.yaml" in line, line
    for word in words:
        assert word in line, (word, line)


def test_an_overlay_that_is_not_there_says_where_to_look(tmp_path):
    ran = run("grade", ".", "--overlay", "nevada", cwd=tmp_path)
    assert ran.code == 2
    assert "nevada: is not a folder holding overlay.yaml" in ran.err
    assert "those: arizona" in ran.err


# --- compiled once, then read as the course is ----------------------------------------------


@pytest.mark.slow  # two compilations of the course
def test_an_overlay_is_compiled_once_and_again_only_when_it_changes(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "cache"))
    ours = tmp_path / "ours"
    shutil.copytree(TEST_OVERLAY, ours)
    calls = []

    import ams_exercises.authoring.bundle as bundle

    def counted(**kwargs):
        calls.append(kwargs)
        return build(**kwargs)

    monkeypatch.setattr(bundle, "build", counted)
    first = compiled_overlay(ours)
    assert compiled_overlay(ours) == first and len(calls) == 1  # the cache, read as it is
    text = (ours / "overlay.yaml").read_text("utf-8")
    (ours / "overlay.yaml").write_text(text.replace("[lamp board,", "[lamp board, lamp wardens,"))
    second = compiled_overlay(ours)
    assert second != first and len(calls) == 2
    assert not first.exists()  # the older compilation of the same file is removed
    assert json.loads((second / "course.json").read_text("utf-8"))["overlay"]["state"] == "Testland"


def test_load_overlay_reads_a_folder_or_its_file():
    assert load_overlay(TEST_OVERLAY).data.state == "Testland"
    assert load_overlay(TEST_OVERLAY / "overlay.yaml").data.abbreviations == {
        "tsto": "technology services office"
    }
    with pytest.raises(OverlayError, match="missing.yaml: no such file"):
        load_overlay(TEST_OVERLAY / "missing.yaml")
