"""The compiled course: every course file checked and merged once, for the grader to read.

``ams-exercises dev compile`` reads the YAML files of ``ams_exercises/course/``
(:mod:`.sources`), resolves each key's scenario (:mod:`.scenario`) and writes
``ams_exercises/compiled/``: ``course.json`` (the language rules, the lexicon with each
group's role, the modules in teaching order, the old ids, the keys' ids) and one
``keys/<id>.json`` per exercise. The files are part of the package; a test compiles the
course afresh and compares (:func:`stale`), so a change to a YAML file that was not
compiled cannot land.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import KeyFileError
from ..files.models import to_data
from ..grader import language as runtime_language
from ..grader import normalize
from ..grader.course import COMPILED_DIR, COURSE_DIR
from ..grader.doctrine import Relation, roles_of
from ..grader.grading import prepare
from ..grader.heads import lexis
from ..grader.keys import key_from_data
from ..grader.reading import rules as reading_rules
from .scenario import resolve
from .sources import Sources, read_sources

if TYPE_CHECKING:
    from .overlay import Overlay

#: Bumped when the compiled files' layout changes.
BUNDLE_VERSION = 1


def build(
    course_dir: Path = COURSE_DIR,
    only: tuple[str, ...] = (),
    keys_dir: Path | None = None,
    overlay: Overlay | None = None,
) -> dict[str, str]:
    """Every compiled file's text, by its path relative to the compiled folder (``only``:
    course.json and these keys; ``keys_dir``: the keys of another folder, compiled with
    the course's lexicon and rules, as a test book uses them; ``overlay``: a state's
    overlay merged in, :mod:`.overlay`)."""
    sources = read_sources(course_dir, only, keys_dir)
    rules = to_data(sources.language)
    rules["homoglyphs"] = sources.look_alikes.table()
    rules["digits_in_words"] = dict(sources.look_alikes.digits_in_words)
    if overlay is not None:
        from .overlay import apply_overlay, overlay_rules

        rules = overlay_rules(rules, overlay)
    # the keys' phrasings are checked with the rules being compiled, not the old ones
    runtime_language.install(runtime_language.from_data(rules))
    if overlay is not None:
        sources = apply_overlay(sources, overlay)  # its names read with its words
    modules = sources.modules
    names_traps = {m.id: m.names_traps for m in modules.modules}
    assessed = {m.id: bool(m.assessment) for m in modules.modules}
    course = _course(sources, rules)
    if overlay is not None:
        course["overlay"] = overlay.summary
    # the readings of the rules' words and of each key's texts, as a check would read them
    # at its start (normalize.learn): read here once, with the rules being compiled
    with normalize.recorded() as seen:
        lexis()
        reading_rules()
    common = set(seen)
    course["readings"] = {t: normalize.written_form(t) for t in sorted(common)}
    out = {"course.json": _dump(course)}
    for path, key in sources.keys:
        try:
            compiled = resolve(
                path,
                key,
                sources.lexicon,
                names_traps=names_traps[key.module],
                assessed=assessed[key.module],
            )
        except KeyFileError as exc:
            if overlay is None:
                raise
            problem = f"with it, the exercise {key.id!r} cannot be compiled: {exc}"
            raise overlay.fail((), problem) from None
        with normalize.recorded() as seen:
            prepare(key_from_data(compiled))
        compiled["readings"] = {t: normalize.written_form(t) for t in sorted(seen - common)}
        out[f"keys/{key.id}.json"] = _dump(compiled)
    return out


def _course(sources: Sources, rules: dict[str, Any]) -> dict[str, Any]:
    lexicon = sources.lexicon
    return {
        "version": BUNDLE_VERSION,
        "language": rules,
        "lexicon": [
            {
                **to_data(g),
                "roles": list(roles_of([Relation.parse(t) for t in g.relations])),
            }
            for g in lexicon.groups
        ],
        "roles": dict(lexicon.roles),
        "modules": [to_data(m) for m in sources.modules.modules],
        "aliases": dict(sources.modules.aliases),
        "keys": [key.id for _path, key in sources.keys],
    }


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write(files: dict[str, str], folder: Path = COMPILED_DIR) -> list[Path]:
    """Write the compiled files, removing any the course no longer has; the paths written."""
    written = []
    (folder / "keys").mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            written.append(path)
    for old in (folder / "keys").glob("*.json"):
        if f"keys/{old.name}" not in files:
            old.unlink()
            written.append(old)
    from ..grader.course import compiled_folder, use_compiled

    if folder == compiled_folder():  # what this process read from it is out of date
        use_compiled(None if folder == COMPILED_DIR else folder)
    return written


def stale(files: dict[str, str], folder: Path = COMPILED_DIR) -> list[str]:
    """The compiled files that differ from ``files`` (or are missing, or left over)."""
    out = [
        name
        for name, text in files.items()
        if not (folder / name).is_file() or (folder / name).read_text("utf-8") != text
    ]
    out += [
        f"keys/{p.name}" for p in (folder / "keys").glob("*.json") if f"keys/{p.name}" not in files
    ]
    return sorted(out)


__all__ = ["build", "compile_key", "stale", "write"]


def compile_key(data: dict[str, Any], where: str = "(a key)") -> Any:
    """One key given as data (a key file's content), checked and compiled against the
    course's lexicon and modules, as the grader would read it: for tests and previews."""
    from ..grader.keys import key_from_data
    from .language import LanguageFile
    from .models import KeySource, LexiconFile, ModulesFile
    from .sources import LEXICON_FILE, MODULES_FILE, load_course_file

    lexicon = load_course_file(LEXICON_FILE, LexiconFile)
    modules = load_course_file(MODULES_FILE, ModulesFile)
    del LanguageFile  # the rules in place are the compiled course's
    key = load_course_file(Path(where), KeySource, data)
    module = next(m for m in modules.modules if m.id == key.module)
    return key_from_data(
        resolve(
            Path(where),
            key,
            lexicon,
            names_traps=module.names_traps,
            assessed=bool(module.assessment),
        )
    )
