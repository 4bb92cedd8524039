"""The course's build helper (book/_ext/course_assets.py) as a course author meets it: a
stylesheet edited on its own reaches the site on the next build, with no clean build."""

from __future__ import annotations

from pathlib import Path

from sphinx.cmd.build import build_main

EXT = Path(__file__).resolve().parents[2] / "book" / "_ext"

CONF = f"""
import sys
sys.path.insert(0, {str(EXT)!r})
extensions = ["course_assets"]
html_theme = "basic"
html_static_path = ["_static"]
"""


def test_an_edited_stylesheet_is_copied_by_the_next_build(tmp_path: Path, capsys):
    src, out = tmp_path / "src", tmp_path / "out"
    (src / "_static").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, "utf-8")
    (src / "index.rst").write_text("A page\n======\n\nText.\n", "utf-8")
    style = src / "_static" / "extra.css"
    style.write_text("p { color: black; }\n", "utf-8")
    assert build_main(["-b", "html", "-q", str(src), str(out)]) == 0
    assert (out / "_static" / "extra.css").read_text("utf-8") == "p { color: black; }\n"

    style.write_text("p { color: #222; }\n", "utf-8")
    assert build_main(["-b", "html", "-q", str(src), str(out)]) == 0, capsys.readouterr().err
    assert (out / "_static" / "extra.css").read_text("utf-8") == "p { color: #222; }\n"
