"""A class of 30 graded in one command: each learner's pre-check and final assessment, the
final passed or not against the pass mark, and the class's normalized gain, in the report,
the gradebook and the feedback sheets, checked against figures worked out here.

The class is written in a temporary folder in the ways a class hands work in: worksheets
in a learner's ``workspace/`` folders, one YAML list per learner, downloads from the
course site and a notebook. Answers are right or wrong field by field, so each learner's
points are known here without the grader: a right field earns its points, a wrong one
nothing. Some learners skip one test, one scores 100% on the pre-check (no gain for
them). The assessments' items are read from the course's modules, never named here.
"""

from __future__ import annotations

import csv
import random
import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from class_maker import right, wrong
from pdfua import validate
from trainer_helpers import contains, pdf_text, run_cli

from ams_exercises.api import check
from ams_exercises.assessments import FINAL, PRE, assessment
from ams_exercises.grader.keys import key_for

NAMES = (
    "Zoe Adams",
    "yusuf",
    "Xena Brooks",
    "Walter",
    "vera",
    "Uma",
    "Tariq",
    "sofia",
    "Ravi",
    "Quinn",
    "Priya",
    "Omar",
    "nina",
    "Marco",
    "Lena",
    "Kofi",
    "Jade",
    "Ines",
    "Hugo",
    "Greta",
    "Farah",
    "Emil",
    "Dara",
    "Chen",
    "Bea",
    "Aiko",
    "Ólafur",
    "Noor",
    "Mateo",
    "Keiko",
)
ONLY_PRE = {"Walter", "vera", "Uma"}
ONLY_FINAL = {"Tariq", "sofia"}
PERFECT_PRE = "Ravi"  # 100% on the pre-check: no gain of his own


def items(kind: str) -> list[str]:
    module = assessment(kind)
    assert module is not None, f"the course has no {kind} assessment"
    return list(module.exercises)


def answers_for(exercise: str, ability: float, rng: random.Random) -> tuple[dict, float]:
    """A learner's answers (each field right with chance ``ability``) and their points."""
    key = key_for(exercise)
    out, points = {}, 0.0
    for name in key.asks:
        if rng.random() < ability:
            out[name] = right(key, name)
            points += key.fields[name].points
        else:
            out[name] = wrong(key, name)
    return out, points


def write_learner(folder: Path, name: str, n: int, sheets: dict[str, dict]) -> None:
    """``name``'s answers in one of the ways work is handed in (by ``n``)."""
    way = n % 4
    if way == 0:  # the worksheets of their copy of the course
        for exercise, answers in sheets.items():
            module = key_for(exercise).module
            path = folder / name / "workspace" / module / f"01-{exercise}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(yaml.safe_dump({"exercise": exercise, **answers}), "utf-8")
    elif way == 1:  # one file holding a list of answers
        data = [{"exercise": e, **a} for e, a in sheets.items()]
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    elif way == 2:  # "Download my answers" on the course site
        data = {
            "format_version": 1,
            "learner": name,
            "course": "Who Is Your Customer?",
            "saved": "2026-12-07",
            "answers": [{"exercise": e, **a} for e, a in sheets.items()],
        }
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    else:  # a notebook: the check(...) calls, read and never run
        cells = [
            "from ams_exercises import check",
            *(
                f"check({e!r}, {', '.join(f'{k}={v!r}' for k, v in a.items())})"
                for e, a in sheets.items()
            ),
        ]
        body = "\n\n".join(f"```{{code-cell}} ipython3\n{c}\n```" for c in cells)
        front = "---\njupytext:\n  text_representation:\n    format_name: myst\n---\n\n"
        (folder / f"{name}.md").write_text(front + body + "\n", "utf-8")


def make_class(folder: Path) -> dict[str, dict]:
    """Write the class; each learner's expected pre, post (percent or None) here."""
    rng = random.Random(30)
    pre_items, final_items = items(PRE), items(FINAL)
    pre_most = sum(key_for(i).max_score for i in pre_items)
    final_most = sum(key_for(i).max_score for i in final_items)
    expected: dict[str, dict] = {}
    for n, name in enumerate(NAMES):
        ability = (n * 7 % 30) / 29  # spread over the class, not in name order
        sheets: dict[str, dict] = {}
        pre = post = None
        if name not in ONLY_FINAL:
            got = 0.0
            for i in pre_items[: max(1, len(pre_items) - n % 2)]:  # some skip an item
                sheets[i], points = answers_for(i, 1.0 if name == PERFECT_PRE else ability / 2, rng)
                got += points
            pre = 100 * got / pre_most
        if name not in ONLY_PRE:
            got = 0.0
            for i in final_items:
                sheets[i], points = answers_for(i, min(1.0, 0.35 + ability), rng)
                got += points
            post = 100 * got / final_most
        if n % 5 == 0:  # practice work too: it stays out of the two tests
            practice = next(k for k in _practice_keys())
            sheets[practice], _ = answers_for(practice, 1.0, rng)
        for exercise, answers in sheets.items():  # the grader agrees on each item's points
            if exercise in pre_items + final_items:
                assert check(exercise, **answers).score == sum(
                    key_for(exercise).fields[f].points
                    for f in answers
                    if answers[f] == right(key_for(exercise), f)
                )
        write_learner(folder, name, n, sheets)
        expected[name] = {"pre": pre, "post": post}
    return expected


def _practice_keys():
    from ams_exercises.assessments import module_of
    from ams_exercises.grader.keys import all_keys

    return (k.id for k in all_keys() if module_of(k.id) is None)


def gain(pre: float, post: float) -> float | None:
    return None if pre >= 100 else (post - pre) / (100 - pre)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> tuple[dict, Path, Path]:
    folder = tmp_path_factory.mktemp("gain") / "cohort"
    folder.mkdir()
    expected = make_class(folder)
    out = folder.parent / "report"
    done = run_cli("grade", str(folder), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return expected, folder, out


def test_the_gradebook_gives_each_learners_tests_and_the_class_gain(graded):
    expected, _folder, out = graded
    mark = assessment(FINAL).pass_mark
    book = {r["learner"]: r for r in read_csv(out / "gradebook.csv")}
    assert sorted(book) == sorted(NAMES)
    paired = [e for e in expected.values() if e["pre"] is not None and e["post"] is not None]
    mean_pre = sum(e["pre"] for e in paired) / len(paired)
    mean_post = sum(e["post"] for e in paired) / len(paired)
    class_g = (mean_post - mean_pre) / (100 - mean_pre)
    for name, want in expected.items():
        row = book[name]
        pre, post = want["pre"], want["post"]
        assert row["pre_check_percent"] == ("" if pre is None else f"{round(pre, 1)}"), name
        assert row["final_percent"] == ("" if post is None else f"{round(post, 1)}"), name
        assert row["final_passed"] == ("" if post is None else "yes" if post >= mark else "no")
        mine = gain(pre, post) if pre is not None and post is not None else None
        assert row["gain"] == ("" if mine is None else f"{round(mine, 2) + 0.0}"), name
        assert float(row["class_gain"]) == round(class_g, 2)
        assert row["pass_mark"] == f"{mark:g}"
    for name in ONLY_PRE:
        assert book[name]["gain_note"] == "no final assessment: left out of the gain"
    for name in ONLY_FINAL:
        assert book[name]["gain_note"] == "no pre-check: left out of the gain"
    assert book[PERFECT_PRE]["pre_check_percent"] == "100.0"
    assert book[PERFECT_PRE]["gain"] == "" and "100%" in book[PERFECT_PRE]["gain_note"]
    # practice scores stay where they were
    practice = next(_practice_keys())
    assert book[NAMES[0]][practice] != "" and book[NAMES[1]][practice] == ""


def cells(table: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


def test_the_report_shows_both_tests_in_name_order_with_a_chart(graded):
    expected, _folder, out = graded
    html = (out / "index.html").read_text("utf-8")
    table = re.search(r'<table class="tests">(.*?)</table>', html, re.S).group(1)
    rows = cells(table.split("</thead>")[1])
    names = [r[0] for r in rows]
    assert names == sorted(NAMES, key=str.casefold), "the report's name order"
    by_post = sorted(
        NAMES, key=lambda n: -(expected[n]["post"] if expected[n]["post"] is not None else -1)
    )
    assert names != by_post, "never a ranking"
    mark = assessment(FINAL).pass_mark
    for name, pre, post, passed, mine in rows:
        want = expected[name]
        verdict = "" if want["post"] is None else "passed" if want["post"] >= mark else "not passed"
        assert passed == verdict, name
        assert pre == ("not taken" if want["pre"] is None else f"{round(want['pre'])}%")
        assert post == ("not taken" if want["post"] is None else f"{round(want['post'])}%")
        if want["pre"] is not None and want["post"] is not None and want["pre"] < 100:
            assert mine.replace("−", "-") == f"{gain(want['pre'], want['post']):.2f}"
        else:
            assert mine and not re.search(r"\d\.\d\d", mine)
    paired = [e for e in expected.values() if e["pre"] is not None and e["post"] is not None]
    mean_pre = sum(e["pre"] for e in paired) / len(paired)
    mean_post = sum(e["post"] for e in paired) / len(paired)
    class_g = (mean_post - mean_pre) / (100 - mean_pre)
    section = html.split('<h2 id="tests">')[1].split("</section>")[0]
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", section)).split())
    assert f"{class_g:.2f}".replace("-", "−") + " normalized gain of the class" in text
    assert f"{round(mean_pre)}% average pre-check" in text
    assert f"over the {len(paired)} learners who took both tests" in text
    only_one = len(ONLY_PRE) + len(ONLY_FINAL)
    assert f"{only_one} learners took only one test" in text
    svg = re.search(r"<svg[^>]*class=\"pre-post\".*?</svg>", section, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert f"{len(paired)} took both tests" in unescape(svg)
    assert [unescape(n) for n in re.findall(r'text-anchor="end">([^<]+)<', svg)] == names
    assert svg.count("<circle") == 1 + sum(e["pre"] is not None for e in expected.values())


def test_each_feedback_sheet_and_its_pdf_give_the_learners_own_figures(graded, pdftotext):
    from ams_exercises.classroom.feedback import write_pdf

    expected, _folder, out = graded
    name = next(n for n in NAMES if n not in ONLY_PRE | ONLY_FINAL | {PERFECT_PRE})
    want = expected[name]
    sheet = next(
        p for p in (out / "feedback").glob("*.html") if f"Feedback for {name}<" in p.read_text()
    )
    html = sheet.read_text("utf-8")
    mine = gain(want["pre"], want["post"])
    assert f"Pre-check: {round(want['pre'])}% of its points" in html
    assert f"Final assessment: {round(want['post'])}% of its points" in html
    assert f"Your normalized gain: {mine:.2f}" in html
    pdf = write_pdf(html, out.parent / "sheet.pdf")
    said = pdf_text(pdf)
    assert contains(said, f"Pre-check: {round(want['pre'])}% of its points")
    assert contains(said, f"Final assessment: {round(want['post'])}% of its points")
    assert contains(said, f"Your normalized gain: {mine:.2f}")
    report = validate(str(pdf))  # still PDF/UA-1 with the new section
    assert [f"{f.rule_id}: {f.message}" for f in report.findings] == []


def test_the_pass_mark_can_be_set_for_the_class(graded, tmp_path):
    expected, folder, _out = graded
    out = tmp_path / "strict"
    done = run_cli("grade", str(folder), "--out", str(out), "--pass-mark", "95")
    assert done.returncode == 0, done.stderr
    book = {r["learner"]: r for r in read_csv(out / "gradebook.csv")}
    for name, want in expected.items():
        if want["post"] is not None:
            assert book[name]["final_passed"] == ("yes" if want["post"] >= 95 else "no")
            assert book[name]["pass_mark"] == "95"
    html = (out / "index.html").read_text("utf-8")
    assert "pass mark 95%" in html and "passed at\n95% or more" in html
    bad = run_cli("grade", str(folder), "--out", str(tmp_path / "x"), "--pass-mark", "120")
    assert bad.returncode == 2 and "--pass-mark" in bad.stderr and "Traceback" not in bad.stderr
