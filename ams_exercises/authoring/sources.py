"""Reading the course's YAML files, each checked against its model and against the others.

Every problem is one :class:`~ams_exercises.errors.KeyFileError` naming the file and the
field: ``course/keys/x.yaml: field 'actors.2.relations': 'serves riders' ...``. Only the
compiler (:mod:`.bundle`), the author's commands and the tests read these files; the
grader reads the compiled bundle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from ..errors import KeyFileError
from ..files.models import load_model
from ..files.reading import load_yaml_file
from ..grader.course import COURSE_DIR
from .language import LanguageFile, message_problem
from .look_alikes import LookAlikesFile
from .models import FORMAT_VERSION, KeySource, LexiconFile, ModulesFile

KEYS_DIR = COURSE_DIR / "keys"
MODULES_FILE = COURSE_DIR / "modules.yaml"
LANGUAGE_FILE = COURSE_DIR / "language.yaml"
LEXICON_FILE = COURSE_DIR / "lexicon.yaml"
LOOK_ALIKES_FILE = COURSE_DIR / "look-alikes.yaml"
WORKSHOP_FILE = COURSE_DIR / "workshop.yaml"
SCHEMAS_DIR = COURSE_DIR / "schemas"
ANSWER_KEY_SCHEMA = SCHEMAS_DIR / "answer-key.schema.json"
LEXICON_SCHEMA = SCHEMAS_DIR / "lexicon.schema.json"
#: A state's overlay (``ams_exercises/overlays/<state>/overlay.yaml``), for editors.
OVERLAY_SCHEMA = SCHEMAS_DIR / "overlay.schema.json"

M = TypeVar("M")


def load_course_file(path: Path, model: type[M], data: Any = None) -> M:
    """A course file read (unless ``data`` is given) and checked against ``model``."""
    if data is None:
        data = load_yaml_file(path, error=KeyFileError)
    return load_model(model, data, path, KeyFileError)


class Sources(NamedTuple):
    """The course's files, each checked: what the compiler turns into the bundle."""

    language: LanguageFile
    look_alikes: LookAlikesFile
    lexicon: LexiconFile
    modules: ModulesFile
    keys: tuple[tuple[Path, KeySource], ...]


def key_paths(folder: Path = KEYS_DIR) -> list[Path]:
    """The answer keys' files, by id."""
    return sorted(folder.glob("*.yaml"))


def read_sources(
    course_dir: Path = COURSE_DIR, only: tuple[str, ...] = (), keys_dir: Path | None = None
) -> Sources:
    """Every course file, checked on its own and against the others (``only``: just these
    keys besides the course's common files; ``keys_dir``: keys from another folder)."""
    language = load_course_file(course_dir / "language.yaml", LanguageFile)
    problem = message_problem(language.messages)
    if problem is not None:
        raise KeyFileError(course_dir / "language.yaml", problem)
    look_alikes = load_course_file(course_dir / "look-alikes.yaml", LookAlikesFile)
    lexicon = load_course_file(course_dir / "lexicon.yaml", LexiconFile)
    modules = load_course_file(course_dir / "modules.yaml", ModulesFile)
    keys = tuple(
        (path, load_key_source(path, lexicon, modules))
        for path in key_paths(keys_dir or course_dir / "keys")
        if not only or path.stem in only
    )
    return Sources(language, look_alikes, lexicon, modules, keys)


def load_key_source(path: Path, lexicon: LexiconFile, modules: ModulesFile) -> KeySource:
    """One answer key, checked against its model, the modules and the lexicon."""
    data = load_yaml_file(path, error=KeyFileError)
    if not isinstance(data, dict):
        raise KeyFileError(path, "must be a mapping of fields (id, title, scenario, ...)")
    if data.get("format_version") not in (None, FORMAT_VERSION):
        raise KeyFileError(
            path,
            f"format_version {data.get('format_version')!r} is not supported"
            f" (use {FORMAT_VERSION})",
        )
    key = load_course_file(path, KeySource, data)
    if key.id != path.stem:
        raise KeyFileError(path, f"field 'id': {key.id!r} must match the file name {path.stem!r}")
    if key.module not in {m.id for m in modules.modules}:
        raise KeyFileError(path, f"field 'module': {key.module!r} is not a module of the course")
    groups = {g.id for g in lexicon.groups}
    for i, actor in enumerate(key.actors):
        if actor.group is not None and actor.group not in groups:
            raise KeyFileError(
                path,
                f"field 'actors.{i}.group': {actor.group!r} is not a group of course/lexicon.yaml",
            )
        if actor.id is not None and actor.id in groups:
            raise KeyFileError(
                path,
                f"field 'actors.{i}.id': {actor.id!r} is the id of a lexicon group; place it"
                f" with 'group: {actor.id}' or choose another id",
            )
    return key
