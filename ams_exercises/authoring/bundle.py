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
from typing import Any

from ..files.models import to_data
from ..grader import language as runtime_language
from ..grader.course import COMPILED_COURSE, COMPILED_DIR, COMPILED_KEYS, COURSE_DIR
from ..grader.doctrine import Relation, roles_of
from .scenario import resolve
from .sources import Sources, read_sources

#: Bumped when the compiled files' layout changes.
BUNDLE_VERSION = 1


def build(course_dir: Path = COURSE_DIR, only: tuple[str, ...] = ()) -> dict[str, str]:
    """Every compiled file's text, by its path relative to the compiled folder (``only``:
    course.json and these keys)."""
    sources = read_sources(course_dir, only)
    rules = to_data(sources.language)
    # the keys' phrasings are checked with the rules being compiled, not the old ones
    runtime_language.install(runtime_language.from_data(rules))
    modules = sources.modules
    names_traps = {m.id: m.names_traps for m in modules.modules}
    out = {"course.json": _dump(_course(sources, rules))}
    for path, key in sources.keys:
        compiled = resolve(path, key, sources.lexicon, names_traps=names_traps[key.module])
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
    from ..grader import keys, lexicon

    keys.forget()
    lexicon.lexicon.cache_clear()
    lexicon.group_of_phrase.cache_clear()
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


__all__ = ["COMPILED_COURSE", "COMPILED_KEYS", "build", "stale", "write"]
