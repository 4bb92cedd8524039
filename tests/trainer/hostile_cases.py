"""Hostile entries a class folder may hold, each with how the report must list it.

A :class:`Hostile` case makes one entry in a class folder (a file, a folder, a link, a
pipe...) and says what ``errors.csv`` must then hold: a row whose ``file`` contains
``shown`` and whose ``problem`` contains ``reason``, for the learner ``learner`` ("" for an
entry that names no learner). A :class:`Strange` case is a learner whose work is valid
but unusual (a name that is not UTF-8, an escape sequence in a name, formula look-alikes
in answers): they must be graded, and shown safely.

Some cases act while the class is graded, staged by ``audited_run.py``: an entry swapped for
a link to another learner's work between listing and reading (planned in :data:`SWAPS`, a
file beside the class folder), and a learner's folder nobody may read (``chmod 000``).

Every valid learner answers ``environmental-permit`` with the key's canonical answers.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from ams_exercises.grader.keys import key_for
from ams_exercises.grader.vocabulary import LIST_FIELDS

PERMIT = key_for("environmental-permit")


def right_answers() -> dict:
    """The canonical answer to every field ``environmental-permit`` asks."""
    return {
        name: (
            list(PERMIT.fields[name].canonical)
            if name in LIST_FIELDS
            else PERMIT.fields[name].canonical[0]
        )
        for name in PERMIT.asks
    }


def answer_yaml(**overrides: object) -> str:
    """A valid answer file for ``environmental-permit`` (``overrides`` replace fields)."""
    return yaml.safe_dump({"exercise": PERMIT.id, **right_answers(), **overrides})


def notebook(*sources: str) -> str:
    """A notebook of code cells with these sources."""
    cells = [
        {"cell_type": "code", "metadata": {}, "source": s, "outputs": [], "execution_count": None}
        for s in sources
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


#: Where a MyST notebook holds YAML that jupytext parses (the front matter, and a code
#: cell's options as a ``---`` block or as ``:name: value`` lines), and how a refusal of a
#: bomb there reads.
BOMB_PLACES = {
    "front matter": "uses a YAML alias (*l0) in its front matter at line 10",
    "options block": "uses a YAML alias (*l0) in its options at line 16",
    "option lines": "uses a YAML alias (*l0) in its options at line 15",
}


def myst_bomb(place: str, levels: int) -> str:
    """A MyST notebook (front matter, a markdown cell, one code cell answering
    ``environmental-permit``) with a YAML alias bomb of ``levels`` levels in ``place``: nine
    strings, then nine aliases of the level below at each level (9**levels strings once
    expanded; about 700 bytes for 8 levels)."""
    bomb = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    bomb += [f"l{n}: &l{n} [{','.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels + 1)]
    head = [
        "---",
        "jupytext:",
        "  text_representation:",
        "    format_name: myst",
        "kernelspec:",
        "  display_name: Python 3",
        "  language: python",
        "  name: python3",
    ]
    options: list[str] = []
    if place == "front matter":
        head += bomb
    elif place == "options block":
        options = ["---", *bomb, "---"]
    else:
        options = [":" + line for line in bomb]
    call = f"check({PERMIT.id!r}, widget={right_answers()['widget']!r})"
    lines = [*head, "---", "", "# Work", "", "```{code-cell} ipython3", *options, call, "```"]
    return "\n".join(lines) + "\n"


def name(raw: str | bytes) -> str:
    """A file name as the file system gives it to Python (bytes that are not UTF-8 kept)."""
    return os.fsdecode(raw) if isinstance(raw, bytes) else raw


def _file(entry: str | bytes, text: str | bytes) -> Callable[[Path, Path], None]:
    def make(class_dir: Path, _outside: Path) -> None:
        path = class_dir / name(entry)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))

    return make


def _link(entry: str, target: Callable[[Path, Path], str]) -> Callable[[Path, Path], None]:
    def make(class_dir: Path, outside: Path) -> None:
        path = class_dir / entry
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target(class_dir, outside))

    return make


def _fifo(entry: str) -> Callable[[Path, Path], None]:
    def make(class_dir: Path, _outside: Path) -> None:
        path = class_dir / entry
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)

    return make


def _device(entry: str) -> Callable[[Path, Path], None]:
    def make(class_dir: Path, _outside: Path) -> None:
        os.mknod(class_dir / entry, 0o600 | 0o020000, os.makedev(1, 5))  # like /dev/zero

    return make


def can_make_devices(folder: Path) -> bool:
    """Whether this process may create a device file (it must be root, outside a container
    that forbids it)."""
    try:
        _device("probe")(folder, folder)
    except (OSError, AttributeError):
        return False
    (folder / "probe").unlink()
    return True


#: The valid learner every link below tries to borrow marks from.
VICTIM = "valid-0"
DEEP_JSON = "[" * 100_000


@dataclass(frozen=True)
class Hostile:
    """One hostile entry, and the row of ``errors.csv`` it must get."""

    id: str
    make: Callable[[Path, Path], None]  # (class folder, a folder outside it)
    shown: str  # part of the ``file`` column
    reason: str  # part of the ``problem`` column
    learner: str  # the ``learner`` column ("" for an entry that names no learner)
    others: tuple[str, ...] = ()  # other learners the case makes (they are in the gradebook)


YAML = "exercise: environmental-permit\nwidget: "
OUTSIDE_LINK = "is a link to {}, outside the class folder"
NOT_OWN = "which is not in this learner's own folder"

HOSTILE: tuple[Hostile, ...] = (
    # YAML values the loader cannot build
    *(
        Hostile(
            f"yaml-{what}",
            _file(f"yaml-{what}.yaml", YAML + value + "\n"),
            f"yaml-{what}.yaml",
            "holds a value that cannot be read at line 2",
            f"yaml-{what}",
        )
        for what, value in (
            ("impossible-date", "2024-02-30"),
            ("timestamp-tag", "!!timestamp abc"),
            ("int-tag", "!!int abc"),
            ("float-tag", "!!float abc"),
            ("5000-digits", "9" * 5000),
            ("time-zone", "2024-01-01 10:00:00 +99:00"),
        )
    ),
    # an answer of 900,000 characters, mostly spaces: refused by length, in linear time (a
    # regular expression with a lazy ".*?" before "\s*$" would take an hour over it)
    Hostile(
        "yaml-huge-answer",
        _file("yaml-huge-answer.yaml", YAML + "a" + " " * 900_000 + "b\n"),
        "yaml-huge-answer.yaml",
        "is 900,002 characters long; keep it under 1,000",
        "yaml-huge-answer",
    ),
    # exercise ids that are not the course's
    Hostile(
        "id-too-long",
        _file("id-too-long.yaml", f"exercise: {'a' * 5000}\nwidget: x\n"),
        "id-too-long.yaml",
        "is not an exercise id",
        "id-too-long",
    ),
    Hostile(
        "id-unknown",
        _file("id-unknown.yaml", "exercise: no-such-exercise\nwidget: x\n"),
        "id-unknown.yaml",
        "'no-such-exercise' is not an exercise id",
        "id-unknown",
    ),
    Hostile(
        "id-path",
        _file("id-path.yaml", "exercise: ../../../../etc/passwd\nwidget: x\n"),
        "id-path.yaml",
        "is not an exercise id",
        "id-path",
    ),
    Hostile(
        "id-too-long-in-a-notebook",
        _file("id-nb.ipynb", notebook(f"check({'b' * 5000!r}, widget='x')")),
        "id-nb.ipynb cell 1 line 1",
        "is not an exercise id",
        "id-nb",
    ),
    # notebooks Python's parser or JSON cannot take
    Hostile(
        "nb-lambda-3000",
        _file("nb-lambda.ipynb", notebook(f"check('{PERMIT.id}', widget={'lambda: ' * 3000}1)")),
        "nb-lambda.ipynb cell 1",
        "is too large or nested too deeply to read as Python",
        "nb-lambda",
    ),
    Hostile(
        "nb-minus-6000",
        _file("nb-minus.ipynb", notebook(f"check('{PERMIT.id}', widget={'-' * 6000}1)")),
        "nb-minus.ipynb cell 1",
        "is too large or nested too deeply to read as Python",
        "nb-minus",
    ),
    Hostile(
        "nb-huge-number",
        _file("nb-number.ipynb", '{"cells": [], "nbformat": ' + "9" * 5000 + "}"),
        "nb-number.ipynb",
        "holds a number too long to read",
        "nb-number",
    ),
    Hostile(
        "nb-deep-json",
        _file("nb-deep.ipynb", DEEP_JSON),
        "nb-deep.ipynb",
        "is nested too deeply to read",
        "nb-deep",
    ),
    Hostile(
        "nb-huge-cell",
        _file("nb-cell.ipynb", notebook(f"check('{PERMIT.id}', widget='{'x' * 1_000_001}')")),
        "nb-cell.ipynb cell 1",
        "over the limit of 1,000,000 for a cell",
        "nb-cell",
    ),
    Hostile(
        "nb-many-cells",
        _file("nb-cells.ipynb", notebook(*["x = 1"] * 2_001)),
        "nb-cells.ipynb",
        "has 2,001 cells, over the limit of 2,000",
        "nb-cells",
    ),
    Hostile(
        "nb-many-calls",
        _file("nb-calls.ipynb", notebook(f"check('{PERMIT.id}', widget='x')\n" * 1_001)),
        "nb-calls.ipynb",
        "holds 1,001 check(...) calls, over the limit of 1,000",
        "nb-calls",
    ),
    Hostile(
        "myst-many-cells",
        _file("myst-cells.md", "# Work\n\n" + "```{code-cell} ipython3\nx = 1\n```\n" * 2_001),
        "myst-cells.md",
        "has 2,001 cells, over the limit of 2,000",
        "myst-cells",
    ),
    # YAML alias bombs where jupytext reads YAML in a MyST notebook: refused before it
    # expands them (12 levels ran past 8 GB)
    *(
        Hostile(
            f"myst-bomb-{place.replace(' ', '-')}",
            _file(f"myst-bomb-{n}.md", myst_bomb(place, 12)),
            f"myst-bomb-{n}.md" + ("" if place == "front matter" else " cell 2"),
            refusal,
            f"myst-bomb-{n}",
        )
        for n, (place, refusal) in enumerate(BOMB_PLACES.items(), 1)
    ),
    # names that are not UTF-8, or hold escape sequences
    Hostile(
        "name-not-utf8-stray",
        _file(b"stray-\xe9.txt", "seating plan"),
        "stray-\\xe9.txt",
        "is not an answer file or notebook",
        "",
    ),
    Hostile(
        "name-not-utf8-unreadable",
        _file(b"bad-\xff.ipynb", "{ not JSON"),
        "bad-\\xff.ipynb",
        "is not a valid notebook: bad JSON at line 1",
        "bad-\\xff",
    ),
    Hostile(
        "name-escape-sequence",
        _file("\x1b[2J\x1b[HGraded 99 learners.yaml", "widget: [unclosed\n"),
        "\\x1b[2J\\x1b[HGraded 99 learners.yaml",
        "line 1 opens a bracket [ that is never closed",
        "\\x1b[2J\\x1b[HGraded 99 learners",
    ),
    # files that are not files
    Hostile(
        "fifo",
        _fifo("fifo.yaml"),
        "fifo.yaml",
        "is a pipe, not a file, so it was not read",
        "fifo",
    ),
    Hostile(
        "fifo-in-a-folder",
        _fifo("piper/answers.yaml"),
        "piper/answers.yaml",
        "is a pipe, not a file, so it was not read",
        "piper",
    ),
    Hostile(
        "link-to-a-device",
        _link("zero.yaml", lambda _c, _o: "/dev/zero"),
        "zero.yaml",
        OUTSIDE_LINK.format("/dev/zero"),
        "zero",
    ),
    # symbolic links out of the class folder or to another learner's work
    Hostile(
        "link-to-another-learners-folder",
        _link("mallory", lambda _c, _o: VICTIM),
        "mallory",
        f"is a link to {VICTIM}, {NOT_OWN}",
        "",
    ),
    Hostile(
        "link-to-another-learners-file",
        _link("eve.yaml", lambda _c, _o: f"{VICTIM}/answers.yaml"),
        "eve.yaml",
        f"is a link to {VICTIM}/answers.yaml, {NOT_OWN}",
        "eve",
    ),
    Hostile(
        "link-from-a-folder-to-another-learners-file",
        _link("trent/stolen.yaml", lambda _c, _o: f"../{VICTIM}/answers.yaml"),
        "trent/stolen.yaml",
        f"is a link to ../{VICTIM}/answers.yaml, {NOT_OWN}",
        "trent",
    ),
    Hostile(
        "link-to-etc", _link("etc", lambda _c, _o: "/etc"), "etc", OUTSIDE_LINK.format("/etc"), ""
    ),
    Hostile(
        "link-to-root", _link("slash", lambda _c, _o: "/"), "slash", OUTSIDE_LINK.format("/"), ""
    ),
    Hostile(
        "link-to-an-outside-file",
        _link("outsider.yaml", lambda _c, o: str(o / "secret.yaml")),
        "outsider.yaml",
        "outside the class folder; links are not followed out of it",
        "outsider",
    ),
    Hostile(
        "link-to-an-outside-folder",
        _link("outdir", lambda _c, o: str(o / "folder")),
        "outdir",
        "outside the class folder; links are not followed out of it",
        "",
    ),
    Hostile(
        "link-from-a-folder-out",
        _link("walter/answers.yaml", lambda _c, o: str(o / "secret.yaml")),
        "walter/answers.yaml",
        "outside the class folder; links are not followed out of it",
        "walter",
    ),
    Hostile(
        "link-dangling",
        _link("dangling.yaml", lambda _c, _o: "nowhere.yaml"),
        "dangling.yaml",
        "is a link to nowhere.yaml",
        "dangling",
    ),
    Hostile(
        "link-loop",
        _link("loop.yaml", lambda _c, _o: "loop.yaml"),
        "loop.yaml",
        "is a link to loop.yaml",
        "loop",
    ),
)


#: The plan of swaps during grading, beside the class folder (read by ``audited_run.py``).
SWAPS = "swaps.json"
#: An untouched worksheet: read, but no attempt, so it gives no marks.
BLANK = f"exercise: {PERMIT.id}\nwidget:\n"


def _swapped(entry: str, when: str, target: str) -> Callable[[Path, Path], None]:
    """The learner's own ``when`` (a blank worksheet), and a plan: just before the grader
    opens it, ``entry`` (that file, or the folder holding it) becomes a link to ``target``."""

    def make(class_dir: Path, outside: Path) -> None:
        _file(when, BLANK)(class_dir, outside)
        plan = class_dir.parent / SWAPS
        swaps = json.loads(plan.read_text("utf-8")) if plan.exists() else []
        swaps.append({"when": str(class_dir / when), "swap": str(class_dir / entry), "to": target})
        plan.write_text(json.dumps(swaps), "utf-8")

    return make


def _unreadable(folder: str) -> Callable[[Path, Path], None]:
    """A learner's folder with right answers in it that nobody may list (``chmod 000``)."""

    def make(class_dir: Path, outside: Path) -> None:
        _file(f"{folder}/answers.yaml", answer_yaml())(class_dir, outside)
        (class_dir / folder).chmod(0)

    return make


def _hard_link(entry: str, original: str) -> Callable[[Path, Path], None]:
    """Another learner's answer file ``original`` (right answers), hard-linked as ``entry``."""

    def make(class_dir: Path, outside: Path) -> None:
        _file(original, answer_yaml())(class_dir, outside)
        (class_dir / entry).parent.mkdir(parents=True, exist_ok=True)
        os.link(class_dir / original, class_dir / entry)

    return make


def _many_files(folder: str, count: int) -> Callable[[Path, Path], None]:
    """A learner's folder of ``count`` blank worksheets."""

    def make(class_dir: Path, _outside: Path) -> None:
        (class_dir / folder).mkdir()
        for n in range(count):
            (class_dir / folder / f"{n:05d}.yaml").write_text(BLANK, "utf-8")

    return make


CHANGED = "changed while the class was being graded"

#: Cases that act while the class is graded, or that share or hoard files.
RACES_AND_BOUNDS: tuple[Hostile, ...] = (
    Hostile(
        "file-swapped-for-a-link-during-grading",
        _swapped("sybil/answers.yaml", "sybil/answers.yaml", f"../{VICTIM}/answers.yaml"),
        "sybil/answers.yaml",
        CHANGED,
        "sybil",
    ),
    Hostile(
        "folder-swapped-for-a-link-during-grading",
        _swapped("sid", "sid/answers.yaml", VICTIM),
        "sid/answers.yaml",
        CHANGED,
        "sid",
    ),
    Hostile(
        "unreadable-folder",
        _unreadable("locked"),
        "locked",
        "is this learner's folder, and it cannot be read (Permission denied)",
        "locked",
    ),
    Hostile(
        "hard-link-to-another-learners-file",
        _hard_link("hardy/answers.yaml", "holly/answers.yaml"),
        "hardy/answers.yaml",
        "is the same file as holly's answers.yaml (a hard link",
        "hardy",
        others=("holly",),
    ),
    Hostile(
        "huge-number-of-files",
        _many_files("hoarder", 3_000),
        "hoarder",
        "holds 3,000 files; only the first 100 in name order were looked at",
        "hoarder",
    ),
    Hostile(
        "zip-tool-folder",
        _file("__MACOSX/._valid-0.yaml", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X"),
        "__MACOSX",
        "is the folder macOS's zip tool adds",
        "",
    ),
)
HOSTILE = HOSTILE + RACES_AND_BOUNDS


def make_outside(folder: Path) -> Path:
    """A folder outside the class with right answers in it, which the links point at: the
    grader must read none of it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "secret.yaml").write_text(answer_yaml(), "utf-8")
    (folder / "folder").mkdir(exist_ok=True)
    (folder / "folder" / "answers.yaml").write_text(answer_yaml(), "utf-8")
    return folder


@dataclass(frozen=True)
class Strange:
    """A learner whose work is valid but unusual: they must be graded and shown safely."""

    id: str
    make: Callable[[Path, Path], None]
    learner: str  # the ``learner`` column of gradebook.csv
    full_marks: bool  # their answers are all right


def _own_link(class_dir: Path, outside: Path) -> None:
    """``zed/final.yaml -> real.yaml``: a link to a file of the learner's own."""
    _file("zed/real.yaml", answer_yaml())(class_dir, outside)
    _link("zed/final.yaml", lambda _c, _o: "real.yaml")(class_dir, outside)


FORMULAS = {
    "widget": '＝HYPERLINK("http://attacker.example")',
    "primary_customer": "\u2060=1+1",
    "investors": ["＋1", "－1", "＠SUM(A1)", "\ufeff-2"],
}

STRANGE: tuple[Strange, ...] = (
    Strange("name-not-utf8", _file(b"caf\xe9.yaml", answer_yaml()), "caf\\xe9", True),
    Strange(
        "folder-name-not-utf8",
        _file(b"\xfe-folder/answers.yaml", answer_yaml()),
        "\\xfe-folder",
        True,
    ),
    Strange(
        "name-with-escape-sequence",
        _file("\x1b]0;pwned\x07\x1b[1A\u202eok.yaml", answer_yaml()),
        "\\x1b]0;pwned\\x07\\x1b[1A\\u202eok",
        True,
    ),
    Strange(
        "answers-with-escape-sequences-and-a-lone-surrogate",
        _file(
            "odd-text.ipynb",
            notebook(
                f"check({PERMIT.id!r}, widget='the\\x1b[2J permit\\ud800', "
                "primary_customer='\\x1b]0;title\\x07', investors=['\\u202etaxpayers'])"
            ),
        ),
        "odd-text",
        False,
    ),
    Strange("a-link-within-the-learners-own-folder", _own_link, "zed", True),
    Strange(
        "formula-look-alike-answers",
        _file("formulas.yaml", answer_yaml(**FORMULAS)),
        "formulas",
        False,
    ),
    Strange("name-full-width-equals", _file("＝cmd.yaml", answer_yaml()), "'＝cmd", True),
    Strange("name-space-then-equals", _file(" =1+1.yaml", answer_yaml()), "' =1+1", True),
    Strange("double-underscore-name", _file("__x.yaml", answer_yaml()), "__x", True),
    # valid-0 with a Cyrillic "а": graded, and both names marked as look-alikes
    Strange("look-alike-name", _file("v\u0430lid-0.yaml", answer_yaml()), "v\u0430lid-0", True),
)


def make_valid(class_dir: Path, n: int) -> list[str]:
    """``n`` learners with every answer right, as folders ``valid-0/answers.yaml``..."""
    names = [f"valid-{i}" for i in range(n)]
    for learner in names:
        (class_dir / learner).mkdir()
        (class_dir / learner / "answers.yaml").write_text(answer_yaml(), "utf-8")
    return names
