"""Course data remembered between runs (``files/cache.py``): a kept copy is used only while
its sources are unchanged, and anything wrong with it only means building it again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ams_exercises.files import cache
from ams_exercises.grader import keys


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("AMS_EXERCISES_CACHE", str(where))
    monkeypatch.setattr(cache, "_USED", {})  # this test's own "process"
    return where


def new_process() -> None:
    """What a new process starts with: no course data read yet."""
    cache._USED.clear()


def _counting(value: object):
    calls = []

    def build() -> object:
        calls.append(1)
        return value

    return build, calls


def test_a_kept_copy_is_used_until_a_source_changes(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "groups.yaml"
    source.write_text("one\n", encoding="utf-8")
    build, calls = _counting({"groups": ["one"]})
    assert cache.remembered("groups", [source], build) == {"groups": ["one"]}
    assert cache.remembered("groups", [source], build) == {"groups": ["one"]}
    assert len(calls) == 1  # the second came from the kept copy
    assert cache.kept_copy("groups").is_file()
    assert cache.kept_copy("groups").is_relative_to(folder)

    new_process()
    source.write_text("one\ntwo\n", encoding="utf-8")  # another size
    build2, calls2 = _counting({"groups": ["one", "two"]})
    assert cache.remembered("groups", [source], build2) == {"groups": ["one", "two"]}
    new_process()
    assert cache.remembered("groups", [source], build2) == {"groups": ["one", "two"]}
    assert len(calls2) == 1
    new_process()
    os.utime(source, ns=(1, 1))  # same size, another time
    assert cache.remembered("groups", [source], build2) == {"groups": ["one", "two"]}
    assert len(calls2) == 2


def test_a_value_built_on_data_read_before_a_change_is_not_kept(
    folder: Path, tmp_path: Path
) -> None:
    """A process that read the lexicon before it changed builds keys from the old one:
    those keys serve the process but are not kept for the next."""
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("old\n", encoding="utf-8")
    in_memory = cache.remembered("lexicon", [lexicon], lambda: "old")
    lexicon.write_text("new!\n", encoding="utf-8")
    key = cache.remembered("key", [lexicon], lambda: f"key built on {in_memory}")
    assert key == "key built on old"
    assert not cache.kept_copy("key").exists()
    new_process()
    fresh = cache.remembered("lexicon", [lexicon], lambda: "new")
    assert cache.remembered("key", [lexicon], lambda: f"key built on {fresh}") == "key built on new"
    assert cache.kept_copy("key").is_file()


def test_a_copy_someone_else_may_change_is_not_read(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "groups.yaml"
    source.write_text("one\n", encoding="utf-8")
    cache.remembered("groups", [source], lambda: "mine")
    cache.kept_copy("groups").chmod(0o666)  # writable by anyone: it could be planted
    build, calls = _counting("mine")
    new_process()
    assert cache.remembered("groups", [source], build) == "mine"
    assert len(calls) == 1
    assert cache.kept_copy("groups").stat().st_mode & 0o022 == 0  # replaced by a private one


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle at all", b"\x80\x05K*.", b"\x80\x05\x95\x10\x00\x00"],
    ids=["empty", "text", "another-shape", "cut-short"],
)
def test_a_damaged_copy_is_built_again_and_replaced(
    folder: Path, tmp_path: Path, content: bytes
) -> None:
    source = tmp_path / "groups.yaml"
    source.write_text("one\n", encoding="utf-8")
    cache.kept_copy("groups").parent.mkdir(parents=True)
    cache.kept_copy("groups").write_bytes(content)
    build, calls = _counting(["one"])
    assert cache.remembered("groups", [source], build) == ["one"]
    new_process()
    assert cache.remembered("groups", [source], build) == ["one"]
    assert len(calls) == 1  # the damaged copy was replaced by a good one


def test_a_folder_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("AMS_EXERCISES_CACHE", str(blocker / "cache"))
    source = tmp_path / "groups.yaml"
    source.write_text("one\n", encoding="utf-8")
    build, calls = _counting(["one"])
    assert cache.remembered("groups", [source], build) == ["one"]
    assert cache.remembered("groups", [source], build) == ["one"]
    assert len(calls) == 2


def test_off_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMS_EXERCISES_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    source = tmp_path / "groups.yaml"
    source.write_text("one\n", encoding="utf-8")
    build, calls = _counting(["one"])
    cache.remembered("groups", [source], build)
    cache.remembered("groups", [source], build)
    assert len(calls) == 2
    assert not (tmp_path / "xdg").exists()


def test_a_failing_build_keeps_nothing_and_says_so(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "groups.yaml"
    source.write_text("one\n", encoding="utf-8")

    def broken() -> object:
        raise ValueError("groups.yaml, line 1: not a mapping")

    with pytest.raises(ValueError, match="line 1"):
        cache.remembered("groups", [source], broken)
    assert not cache.kept_copy("groups").exists()


def test_a_missing_source_is_left_to_the_build_to_report(folder: Path, tmp_path: Path) -> None:
    build, calls = _counting("built")
    assert cache.remembered("groups", [tmp_path / "gone.yaml"], build) == "built"
    assert not folder.exists()


def test_a_remembered_key_grades_as_the_file_does(folder: Path) -> None:
    """The key and its prepared phrasings, kept and read back, give the same verdicts."""
    answers = {
        "widget": "the permit",
        "primary_customer": "people applying for an air quality permit",
        "investors": ["taxpayers", "the public but really the facility"],
    }
    fresh = keys.load_key(keys.key_path("environmental-permit"))
    keys.key_for.cache_clear()
    try:
        first = keys.key_for("environmental-permit")  # built and kept
        keys.key_for.cache_clear()
        again = keys.key_for("environmental-permit")  # read back
    finally:
        keys.key_for.cache_clear()
    assert cache.kept_copy("key-environmental-permit").is_file()
    assert again is not first
    assert again.__dict__.get("_phrasings")  # its phrasings came with it
    from ams_exercises.grader.grading import grade

    verdicts = [grade(k, answers).to_dict() for k in (fresh, first, again)]
    assert verdicts[0] == verdicts[1] == verdicts[2]


def test_the_command_gives_the_same_result_with_and_without_the_cache(tmp_path: Path) -> None:
    sheet = tmp_path / "answers.yaml"
    sheet.write_text(
        "exercise: tax-refund\nwidget: the refund, paid right and on time\n"
        "primary_customer: taxpayers who are owed a refund\n",
        encoding="utf-8",
    )
    exe = Path(sys.executable).with_name("ams-exercises")

    def run(where: str) -> dict:
        env = dict(os.environ, AMS_EXERCISES_CACHE=where)
        done = subprocess.run(
            [str(exe), "check", str(sheet), "--json"], env=env, capture_output=True, text=True
        )
        return json.loads(done.stdout)

    warm = str(tmp_path / "cache")
    without, cold, kept = run("off"), run(warm), run(warm)
    assert without == cold == kept
    assert list((tmp_path / "cache").glob("*/key-tax-refund.pickle"))


def test_every_module_that_keeps_copies_is_in_the_code_stamp() -> None:
    """A change to the code that makes a kept value must make the copy stale."""
    package = Path(cache.__file__).resolve().parent.parent
    callers = {
        path.relative_to(package).parts[0]
        for path in package.rglob("*.py")
        if "remembered(" in path.read_text("utf-8") and path.name != "cache.py"
    }
    assert callers and callers <= set(cache.CODE_FOLDERS)


def test_each_installed_copy_keeps_its_own_files(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = cache.kept_copy("key-tax-refund")
    monkeypatch.setattr(cache, "_PACKAGE", Path("/elsewhere/ams_exercises"))
    theirs = cache.kept_copy("key-tax-refund")
    assert mine.parent != theirs.parent and mine.parent.parent == theirs.parent.parent == folder


def test_no_home_folder_means_nothing_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AMS_EXERCISES_CACHE")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def nowhere() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("LOCALAPPDATA", raising=False)  # where Windows keeps it
    monkeypatch.setattr(Path, "home", nowhere)
    assert cache.cache_folder() is None
    build, calls = _counting("built")
    assert cache.remembered("groups", [], build) == "built"
