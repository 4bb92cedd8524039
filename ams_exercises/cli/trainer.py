"""The trainer's commands: ``ams-exercises handouts`` and ``ams-exercises grade``.

Thin surfaces over :mod:`ams_exercises.handouts` and :mod:`ams_exercises.classroom`.
Only click is imported at start-up; WeasyPrint, Jinja2 and matplotlib are imported inside
the commands. Bad input (a missing folder, an unknown module, a report folder that exists)
is one line on standard error and exit code 2.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from ..errors import InputError
from ..files.paths import shown
from .base import reports_bad_input
from .overlay_option import overlay_option


@click.command("handouts", short_help="Print learner worksheets and trainer answer keys as PDFs.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("handouts"),
    show_default=True,
    help="Folder for the PDFs (created if needed). Files of the same name in it are replaced.",
)
@click.option(
    "--module",
    "module_ids",
    multiple=True,
    metavar="ID",
    help="Print only this chapter (its module id, repeatable). Without it, every chapter"
    " and the whole course.",
)
@click.option(
    "--edition",
    type=click.Choice(["learner", "large-print", "fillable", "trainer", "both"]),
    default="both",
    show_default=True,
    help="learner: worksheets with space to write, no answers; large-print: the same in "
    "18 pt type; fillable: the same with labeled form fields to type in on screen; "
    "trainer: the answer key and session guide; both: learner and trainer.",
)
@click.option(
    "--paper",
    type=click.Choice(["letter", "a4"], case_sensitive=False),
    default="letter",
    show_default=True,
    help="Paper size.",
)
@click.option(
    "--with-assessments",
    is_flag=True,
    help="Also print the answer keys of the pre-check and the final assessment. They are "
    "left out by default because each learner answers those items once: keep these pages "
    "away from learners until every answer is handed in.",
)
@reports_bad_input
def handouts(
    out_dir: Path,
    module_ids: tuple[str, ...],
    edition: str,
    paper: str,
    with_assessments: bool = False,
) -> None:
    """Print worksheets for learners and an answer key for trainers, as PDFs.

    Writes, per chapter and for the whole course, a learner edition (each scenario with
    ruled space for each answer, and no answer anywhere in the file) and a trainer edition
    (accepted answers, other phrasings accepted, tempting wrong answers with the role they
    really are and their trap, worked solutions, discussion prompts and timings; without
    the pre-check and the final assessment unless --with-assessments). Files are
    named like course-learner-letter.pdf and four-traps-trainer-a4.pdf. Handouts are made
    from the answer keys and can be made again at any time, so existing files of the same
    name in the folder are replaced.

    \b
    Examples:
      ams-exercises handouts
      ams-exercises handouts --paper a4 --edition learner
      ams-exercises handouts --edition large-print --module four-traps
      ams-exercises handouts --module four-traps --module four-roles --out print/
    """
    from ..handouts.render import build_handouts, select_handouts

    editions = ("learner", "trainer") if edition == "both" else (edition,)
    started = time.perf_counter()
    planned = select_handouts(
        module_ids, editions, paper.lower(), with_assessments=with_assessments
    )
    from ..grader.keys import modules

    left_out = [m for m in modules().values() if m.assessment and m.id in (module_ids or [m.id])]
    if "trainer" in editions and not with_assessments and left_out:
        click.echo(
            "The answer keys leave out the pre-check and the final assessment; "
            "add --with-assessments to print them."
        )
    try:
        written = build_handouts(
            out_dir, planned, on_written=lambda p: click.echo(f"wrote {shown(p)}")
        )
    except OSError as exc:
        raise InputError(out_dir, f"cannot write the handouts ({exc.strerror or exc})") from None
    click.echo(
        f"{len(written)} PDF{'s' if len(written) != 1 else ''} in {shown(out_dir)}/ "
        f"({time.perf_counter() - started:.1f} s)."
    )


@click.command("grade", short_help="Grade a class's answer files and notebooks; write a report.")
@click.argument("submissions", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder for the report [default: reports/<name of SUBMISSIONS>].",
)
@click.option("--force", is_flag=True, help="Replace an existing report in the --out folder.")
@click.option(
    "--title",
    default=None,
    help="The report's title [default: Class report: <name of the class folder>].",
)
@click.option(
    "--assigned",
    default=None,
    metavar="ID,...",
    help="The exercises set for this class (comma-separated ids): the gradebook shows each "
    "learner's percentage of their points.",
)
@click.option(
    "--module",
    "module_id",
    default=None,
    metavar="ID",
    help="The chapter set for this class (its module id): its exercises are the assigned ones.",
)
@click.option("--pdf", is_flag=True, help="Also write each learner's feedback sheet as a PDF.")
@click.option(
    "--pass-mark",
    type=click.FloatRange(0, 100),
    default=None,
    metavar="PERCENT",
    help="The final assessment's pass mark, in percent of its points [default: the course's].",
)
@click.option(
    "--export-decisions",
    "export_to",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="Write the class's decisions as proposed additions to the answer keys (in the key "
    "files' format, for the course's maintainers) to FILE, instead of a report.",
)
@reports_bad_input
@overlay_option
def grade(
    submissions: Path,
    out_dir: Path | None,
    force: bool,
    title: str | None,
    assigned: str | None,
    module_id: str | None,
    pdf: bool,
    pass_mark: float | None,
    export_to: Path | None,
) -> None:
    """Grade a class: every learner's answer files and notebooks, and a report.

    SUBMISSIONS is a folder with one file or one subfolder per learner, named after the
    learner: ana.yaml, ben.ipynb, chloe/ (holding .yaml, .ipynb or MyST .md files). A YAML
    file answers one exercise, or holds a list of such answers, or is the file "Download my
    answers" gives on the course site's "Your progress" page. In notebooks the answers
    are the check("<exercise-id>", field=...) calls, read as text: a learner's code is
    never run.

    Writes into the --out folder: index.html (the class report: score distribution per
    exercise, role-confusion matrix, common wrong answers and their traps, item analysis,
    what to revisit, and each learner's pre-check and final assessment with the class's
    normalized gain and the final passed or not against --pass-mark; opens from disk),
    gradebook.csv (one row per learner), answers.csv
    (one row per answer, with the feedback given), items.csv (difficulty and
    discrimination of each field; a negative discrimination is flagged as a possible key
    error) and errors.csv (files skipped, and why). A file that cannot be read is listed
    with its reason and skipped, and every other learner is still graded; one bad field
    is listed and the exercise's other fields are graded. Only regular
    files are read, and a link is followed only to a file in the learner's own folder:
    links out of the class folder or to another learner's files are listed as skipped,
    and so is a file that changed while the class was graded, or one file in two
    learners' folders (a hard link: graded for neither). Each learner is read up to 100
    files and 25 MB, and graded up to 60,000 characters of answers and 20 seconds; what
    goes over is listed with the reason. A learner whose folder cannot be read stays in
    the gradebook, with the reason. An existing report is replaced only with --force, and
    only if this command wrote it. feedback/ holds a sheet per learner to hand back.

    The trainer has the last word: decisions.yaml in SUBMISSIONS (never read as a learner's
    work, never changed by this command) accepts, half-credits or refuses answers or whole
    answer groups; the report lists each field's answer groups with the line to copy.

    \b
    Examples:
      ams-exercises grade submissions/ --out reports/tuesday
      ams-exercises grade submissions/ --out reports/tuesday --force
      ams-exercises grade submissions/ --title "Tuesday cohort" --module four-traps
      ams-exercises grade submissions/ --export-decisions proposed.yaml
      ams-exercises grade submissions/ --overlay arizona
    """
    from ..classroom.advice import headline
    from ..classroom.decisions import DECISIONS_FILE, read_decisions
    from ..classroom.grade_class import count_learners, grade_class
    from ..classroom.report import check_report_folder, write_report
    from ..classroom.safe_text import name_shown
    from ..overlays import active

    overlay = active()
    if overlay is not None:
        click.echo(f"Graded with {overlay['state']}'s overlay ({shown(Path(overlay['file']))}).")
    out_dir = out_dir or Path("reports") / (Path(os.path.realpath(submissions)).name or "class")
    learners = count_learners(submissions)  # also refuses a missing folder
    decisions = read_decisions(submissions)  # a slip in it stops here, before grading
    if export_to is not None:
        _export(submissions, export_to, force, decisions)
        return
    check_report_folder(out_dir, submissions, force=force)
    chosen = _assigned(assigned, module_id)
    if not learners:
        raise InputError(
            submissions,
            "holds no learners' files (.yaml, .yml, .ipynb or .md files, or a folder per learner)",
        )
    if sys.stderr.isatty():
        with click.progressbar(
            length=learners, label="Grading", file=sys.stderr, show_pos=True
        ) as bar:
            result = grade_class(
                submissions, on_learner=lambda _name: bar.update(1), decisions=decisions
            )
    else:
        result = grade_class(submissions, decisions=decisions)
    try:
        index = write_report(
            result,
            out_dir,
            submissions,
            force=force,
            title=title,
            assigned=chosen,
            pdf=pdf,
            pass_mark=pass_mark,
        )
    except OSError as exc:
        raise InputError(out_dir, f"cannot write the report ({exc.strerror or exc})") from None
    click.echo(name_shown(headline(result.summary), limit=None))  # names in it are escaped too
    if decisions:
        unused = len(result.unused)
        click.echo(
            f"Applied {len(decisions) - unused} of {len(decisions)} decisions from "
            f"{DECISIONS_FILE}"
            + (f"; {unused} matched no answer (listed in the report)." if unused else ".")
        )
    click.echo(f"Report: {shown(index)}")


def _assigned(assigned: str | None, module_id: str | None) -> list[str]:
    """The assigned exercises' ids, checked: from --assigned, or --module's exercises."""
    from ..grader.keys import all_keys

    known = [k.id for k in all_keys()]
    chosen: list[str] = []
    if module_id:
        chosen = [k.id for k in all_keys() if k.module == module_id]
        if not chosen:
            modules = sorted({k.module for k in all_keys()})
            raise InputError(
                "--module", f"no module is called {module_id!r}; use one of " + ", ".join(modules)
            )
    for part in (assigned or "").split(","):
        part = part.strip()
        if not part:
            continue
        if part not in known:
            raise InputError(
                "--assigned",
                f"no exercise is called {part!r}; use the ids the report's gradebook lists",
            )
        if part not in chosen:
            chosen.append(part)
    return chosen


def _export(submissions: Path, out_file: Path, force: bool, decisions: list) -> None:
    """``grade --export-decisions``: the class's decisions as proposed key additions."""
    import yaml

    from ..classroom.decisions import DECISIONS_FILE
    from ..classroom.export import proposed_additions
    from ..classroom.grade_class import grade_class

    if not decisions:
        raise InputError(submissions, f"has no {DECISIONS_FILE}, or it lists no decisions")
    if (out_file.exists() or out_file.is_symlink()) and not force:
        raise InputError(out_file, "already exists; add --force to replace it")
    proposal = proposed_additions(grade_class(submissions, decisions=decisions))
    text = (
        "# Proposed additions to ams_exercises/course/keys/<exercise>.yaml, from a class's\n"
        "# decisions: review each, merge the names and partial entries by hand, then run\n"
        "# `ams-exercises dev compile`.\n"
        + yaml.safe_dump(proposal, allow_unicode=True, sort_keys=False, width=96)
    )
    try:
        out_file.write_text(text, "utf-8")
    except OSError as exc:
        raise InputError(out_file, f"cannot be written ({exc.strerror or exc})") from None
    added = sum(len(v.get("actors", [])) + ("widget" in v) for v in proposal["keys"].values())
    keys = len(proposal["keys"])
    click.echo(
        f"wrote {shown(out_file)}: {added} addition{'s' if added != 1 else ''} to "
        f"{keys} key{'s' if keys != 1 else ''}, {len(proposal['review'])} to review."
    )


COMMANDS = (handouts, grade)
