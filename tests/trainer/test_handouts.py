"""``ams-exercises handouts``: the PDFs a trainer prints, read back as text and as PDF objects.

The learner edition must hold every scenario and none of the answers; the trainer edition
must hold them all. The files must be tagged (PDF/UA), titled, in English, with fonts
embedded and the paper size asked for.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader
from trainer_helpers import contains, normalised, pdf_pages, pdf_text, run_cli

from ams_exercises.grader.lexicon import role_definitions
from ams_exercises.grader.vocabulary import FIELD_LABELS, TRAPS
from ams_exercises.handouts.from_keys import module_views

LETTER = (612, 792)
A4 = (595.28, 841.89)


def answer_phrases(key) -> list[str]:
    """Every phrasing the key holds for its asked fields: right, partly right and wrong."""
    out = []
    for name in key.asks:
        fk = key.fields[name]
        out += [p for item in fk.expected for p in item.accept]
        out += [p for part in fk.partial for p in part.answers]
        out += [p for w in fk.wrong if w.group is None for p in w.answers]
    return out


def key_prose(key) -> list[str]:
    """The key's explanations: rationale sentences, feedback, explanations, discussion."""
    sentences = [
        s
        for s in re.split(r"(?<=[.?!])\s+", " ".join(key.rationale.split()))
        if len(s.split()) >= 6
    ]
    for name in key.asks:
        fk = key.fields[name]
        sentences += [w.feedback for w in fk.wrong if w.group is None]
        sentences += [p.feedback for p in fk.partial]
        sentences += [fk.explanation] if fk.explanation else []
    return sentences + list(key.discussion)


def learner_visible(keys, course_modules) -> str:
    """What a learner may see: titles, scenarios, module titles, field labels and the
    roles' definitions the handout's role box prints (course knowledge, taught in the book)."""
    parts = [k.title + " " + k.scenario for k in keys]
    parts += [m.title for m in course_modules.values()] + list(FIELD_LABELS.values())
    parts += list(role_definitions().values())
    return normalised(" ".join(parts))


def test_every_module_and_the_course_in_both_editions(handouts_dir, keys, course_modules):
    """The command's default set: every module in both editions, but the pre-check's and the
    final's answer keys, which are printed only with --with-assessments (the fixture takes
    the set from the command's planner and each file from the book build)."""
    with_exercises = {k.module for k in keys}
    expected = {
        f"{scope}-{edition}-letter.pdf"
        for scope in ["course", *with_exercises]
        for edition in ("learner", "trainer")
        if edition == "learner" or scope == "course" or not course_modules[scope].assessment
    }
    assert {p.name for p in handouts_dir.glob("*.pdf")} == expected
    assert {"final-assessment-learner-letter.pdf", "pre-check-learner-letter.pdf"} <= expected


def test_learner_edition_holds_every_scenario_and_no_answer(handouts_dir, keys, course_modules):
    text = pdf_text(handouts_dir / "course-learner-letter.pdf")
    for key in keys:
        assert contains(text, key.title), key.id
        assert contains(text, key.scenario), f"{key.id}: scenario missing or broken up"
        for label in (FIELD_LABELS[n] for n in key.asks):
            assert contains(text, label)
    allowed = learner_visible(keys, course_modules)
    leaks = sorted(
        {
            (k.id, p)
            for k in keys
            for p in answer_phrases(k)
            if contains(text, p) and not contains(allowed, p)
        }
    )
    assert not leaks, f"answers in the learner edition: {leaks[:10]}"
    prose = [(k.id, s) for k in keys for s in key_prose(k) if contains(text, s)]
    assert not prose, f"rationale or feedback in the learner edition: {prose[:5]}"
    for word in [*TRAPS.values(), "worked solution", "also accepted", "tempting wrong"]:
        assert not contains(text, word), word


def test_learner_module_edition_holds_its_module_one_exercise_per_page(handouts_dir, keys):
    for module in {k.module for k in keys}:
        pages = pdf_pages(handouts_dir / f"{module}-learner-letter.pdf")
        mine = [k for k in keys if k.module == module]
        # exactly one page per exercise: no exercise is split across a page break
        assert len(pages) == len(mine), module
        for page, key in zip(pages, mine, strict=True):
            assert contains(page, key.scenario), (module, key.id)
            assert contains(page, key.title)
        text = " ".join(pages)
        others = [k.id for k in keys if k.module != module and contains(text, k.scenario)]
        assert others == [], module


def test_trainer_edition_holds_every_answer_and_explanation(handouts_dir, keys, course_modules):
    """Every answer to aim for, each idea of the other phrasings accepted (long lists cut
    to a few examples and "and N similar phrasings", N counting the rest), each tempting
    wrong and half-credit answer with its examples and feedback, every group of the
    scenario in "who is who" with its role and the key's words about it, and all the
    prose: rationale, explanations, hints, discussion."""
    text = pdf_text(handouts_dir / "course-trainer-letter.pdf")
    views = {
        e.id: e
        for m in module_views(keys, list(course_modules.values()), "trainer")
        for e in m.exercises
    }
    missing = []
    assessed = [k for k in keys if course_modules[k.module].assessment]
    assert assessed and not [k.id for k in assessed if contains(text, k.scenario)]
    keys = [k for k in keys if k not in assessed]  # their key is printed only when asked

    def printed(where, ph, total):
        nonlocal missing
        assert len(ph.shown) + ph.more == total, where
        missing += [(where, p) for p in ph.shown if not contains(text, p)]
        if ph.more:
            said = f"and {ph.more} similar phrasing{'s' if ph.more != 1 else ''}"
            missing += [] if contains(text, said) else [(where, said)]

    for key in keys:
        missing += [(key.id, "scenario")] if not contains(text, key.scenario) else []
        for field in views[key.id].fields:
            for item in field.items:
                missing += [] if contains(text, item.canonical) else [(key.id, item.canonical)]
                printed(key.id, item.printed, len(item.also))
            for part in field.partial:
                printed(key.id, part.printed, len(part.answers))
                missing += [] if contains(text, part.feedback) else [(key.id, part.feedback[:40])]
            for wrong in field.wrong:
                printed(key.id, wrong.printed, len(wrong.answers))
                for said in (wrong.really, wrong.trap, "" if wrong.brief else wrong.feedback):
                    missing += [] if not said or contains(text, said) else [(key.id, said[:40])]
            if field.explanation and not contains(text, field.explanation):
                missing.append((key.id, field.explanation[:40]))
        for cast in views[key.id].cast:
            for said in (cast.label, cast.roles, cast.note):
                missing += [] if not said or contains(text, said) else [(key.id, said[:40])]
        rationale = [s for s in re.split(r"(?<=[.?!])\s+", " ".join(key.rationale.split()))]
        prose = [*rationale, *key.discussion, *key.hints]
        missing += [
            (key.id, s[:40]) for s in prose if len(s.split()) >= 6 and not contains(text, s)
        ]
    assert not missing, f"missing from the trainer edition: {missing[:10]}"


def test_trainer_edition_prints_each_override_reason_and_says_what_was_adapted(
    handouts_dir, keys, course_modules
):
    """A key that gives a lexicon group another role says why, and the trainer reads it;
    a scenario that adds details to a source case is not printed as the source's words."""
    text = pdf_text(handouts_dir / "course-trainer-letter.pdf")
    keys = [k for k in keys if not course_modules[k.module].assessment]  # printed if asked
    reasons = [(k.id, a.reason) for k in keys for a in k.placed if a.reason]
    assert reasons, "no key gives a group another role"
    assert not [r for r in reasons if not contains(text, r[1])]
    adapted = [k for k in keys if k.adapted]
    assert adapted and contains(text, "with details added for practice")
    assert not contains(text, "Scenario from the training")  # every Module 2 case is adapted
    assert not contains(text, "Practises")


def test_trainer_edition_prints_the_workshop_plan_and_the_books_course_time(handouts_dir):
    """The session plan is the trainer's guide's 2½-hour workshop, not a sum of exercise
    minutes, and the course's time is the figure the book computes."""
    from ams_exercises import course_time
    from ams_exercises.authoring.workshop import workshop

    text = pdf_text(handouts_dir / "course-trainer-letter.pdf")
    assert contains(text, "Contents")
    plan = workshop()
    assert contains(text, f"Session plan: {plan.title}")
    for start, block in plan.timings():
        assert contains(text, f"{start} {block.title} {block.minutes}"), block.title
        for answer in block.debrief:
            assert contains(text, answer), answer[:40]
    assert contains(text, "Total 150")
    for item in plan.sort_list:
        assert contains(text, f"{item.item} {item.answer}"), item.item
    assert contains(text, course_time.paths_summary())
    assert not contains(text, "Session plan: 1 exercise") and "exercises, about" not in text
    learner = pdf_text(handouts_dir / "course-learner-letter.pdf")
    assert not contains(learner, "Session plan") and contains(learner, course_time.paths_summary())


def _catalog(reader: PdfReader):
    return reader.trailer["/Root"]


@pytest.mark.parametrize("name", ["course-learner-letter.pdf", "course-trainer-letter.pdf"])
def test_pdfs_are_tagged_titled_english_with_embedded_fonts(handouts_dir, name):
    reader = PdfReader(handouts_dir / name)
    root = _catalog(reader)
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    edition = "Trainer's answer key" if "trainer" in name else "Learner worksheets"
    assert reader.metadata.title == f"Who Is Your Customer? {edition}: the whole course"
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = desc["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font[
                "/BaseFont"
            ]
        assert tuple(round(float(x), 2) for x in page.mediabox[2:]) == LETTER


def _structure_types(node, out: list[str]) -> list[str]:
    node = node.get_object()
    if isinstance(node, dict):
        if "/S" in node:
            out.append(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, list) else [kids]:
                _structure_types(kid, out)
    return out


def test_reading_order_follows_the_page(handouts_dir, keys, course_modules):
    """The tag tree reads the title, the cover's sections, then each module and its
    exercises in course order, as the pages do."""
    reader = PdfReader(handouts_dir / "course-learner-letter.pdf")
    tags = _structure_types(_catalog(reader)["/StructTreeRoot"], [])
    headings = [t for t in tags if t in ("/H1", "/H2", "/H3")]
    expected = ["/H1", "/H2", "/H2"]  # title, "How to work through...", "Contents"
    for module in course_modules.values():
        mine = [k for k in keys if k.module == module.id]
        # the module, the box defining its roles, then its exercises
        expected += ["/H2", "/H3", *["/H3"] * len(mine)] if mine else []
    assert headings == expected
    pages = pdf_pages(handouts_dir / "course-learner-letter.pdf")
    where = [next(n for n, text in enumerate(pages) if contains(text, k.scenario)) for k in keys]
    assert where == sorted(where) and len(set(where)) == len(keys)  # in order, one per page


def test_a4_and_one_module_and_one_edition(tmp_path, keys):
    module = keys[0].module
    done = run_cli(
        "handouts",
        "--module",
        module,
        "--edition",
        "learner",
        "--paper",
        "a4",
        "--out",
        str(tmp_path),
    )
    assert done.returncode == 0, done.stderr
    assert [p.name for p in tmp_path.glob("*.pdf")] == [f"{module}-learner-a4.pdf"]
    reader = PdfReader(tmp_path / f"{module}-learner-a4.pdf")
    assert all(tuple(round(float(x), 2) for x in p.mediabox[2:]) == A4 for p in reader.pages)
    # one page per exercise: nothing is split across a page break
    mine = [k for k in keys if k.module == module]
    assert len(reader.pages) == len(mine)
    for page, key in zip(reader.pages, mine, strict=True):
        assert contains(normalised(page.extract_text()), key.scenario), key.id


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--module", "no-such-module"], "--module no-such-module: is not a module of the course"),
        (["--paper", "legal"], "Invalid value for '--paper'"),
        (["--edition", "answers"], "Invalid value for '--edition'"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(tmp_path, args, message):
    done = run_cli("handouts", "--out", str(tmp_path / "h"), *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "h").exists()


def test_out_that_is_a_file_is_refused(tmp_path, keys):
    target = tmp_path / "afile"
    target.write_text("x")
    done = run_cli(
        "handouts", "--edition", "learner", "--module", keys[0].module, "--out", str(target)
    )
    assert done.returncode == 2
    assert done.stderr.strip().endswith("is a file; give a folder for the handouts")
    assert target.read_text() == "x"


def test_pages_render_to_images_with_ink_on_them(handouts_dir, tmp_path):
    """pdftoppm rasterises the first pages, and none of them comes out blank."""
    from PIL import Image

    for name in ("course-learner-letter.pdf", "course-trainer-letter.pdf"):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "30",
                "-gray",
                "-f",
                "1",
                "-l",
                "3",
                str(handouts_dir / name),
                str(tmp_path / name),
            ],
            check=True,
        )
    images = sorted(tmp_path.glob("*.pgm"))
    assert len(images) == 6
    for path in images:
        # ink: pixels clearly darker than paper; a page of small print (the end of the
        # contents) has no pixel very dark at 30 dpi, but thousands of grey ones
        histogram = Image.open(path).histogram()
        assert sum(histogram[:200]) > 1000, f"{path.name} looks blank"
