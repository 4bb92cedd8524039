"""The SCORM zips: a manifest an LMS accepts, every file it names in the zip,
the mastery share declared (the final assessment's pass mark, as the book was built with
it), and nothing loaded from another host."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from ams_exercises.grader.keys import modules
from ams_exercises.lms import build_packages, manifest_xml

pytestmark = pytest.mark.book

NS = {
    "1.2": {
        "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    },
    "2004": {
        "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "imsss": "http://www.imsglobal.org/xsd/imsss",
    },
}
_LOADS = re.compile(
    r"""<(?:script|img|iframe|link|source)\b[^>]*?\b(?:src|href)\s*=\s*["']([^"']+)""", re.I
)


def _manifest(zf: zipfile.ZipFile, version: str) -> ET.Element:
    root = ET.fromstring(zf.read("imsmanifest.xml"))
    assert root.tag == f"{{{NS[version]['cp']}}}manifest"
    return root


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_manifest_has_what_an_lms_reads(scorm_zips, version):
    ns = NS[version]
    with zipfile.ZipFile(scorm_zips[version]) as zf:
        assert "imsmanifest.xml" in zf.namelist()  # at the root of the zip
        root = _manifest(zf, version)
        names = set(zf.namelist())
    assert root.findtext("cp:metadata/cp:schema", namespaces=ns) == "ADL SCORM"
    expected = "1.2" if version == "1.2" else "2004 3rd Edition"
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == expected
    orgs = root.find("cp:organizations", ns)
    org = orgs.find("cp:organization", ns)
    assert orgs.get("default") == org.get("identifier")
    assert org.findtext("cp:title", namespaces=ns) == "Who Is Your Customer?"
    items = org.findall("cp:item", ns)
    resources = root.findall("cp:resources/cp:resource", ns)
    assert len(items) == 1 and len(resources) == 1  # one SCO
    item, resource = items[0], resources[0]
    assert item.get("identifierref") == resource.get("identifier")
    scorm_type = "scormtype" if version == "1.2" else "scormType"
    assert resource.get(f"{{{ns['adlcp']}}}{scorm_type}") == "sco"
    assert resource.get("type") == "webcontent"
    assert resource.get("href") == "lms.html" and "lms.html" in names
    final = next(m for m in modules().values() if m.assessment == "final")
    if version == "1.2":
        assert item.findtext("adlcp:masteryscore", namespaces=ns) == str(final.pass_mark)
    else:
        objective = item.find("imsss:sequencing/imsss:objectives/imsss:primaryObjective", ns)
        assert objective.get("objectiveID") == final.id == "final-assessment"
        assert objective.get("satisfiedByMeasure") == "true"
        measure = objective.findtext("imsss:minNormalizedMeasure", namespaces=ns)
        assert measure == f"{final.pass_mark / 100:.2f}"
    launch = zf_text(scorm_zips[version], "lms.html")
    assert f'data-mastery="{final.pass_mark}"' in launch
    files = {f.get("href") for f in resource.findall("cp:file", ns)}
    # Every file named is in the zip, and every file of the zip is named.
    assert files - names == set()
    assert names - files == {"imsmanifest.xml"}
    assert not [f for f in files if re.match(r"^([a-z]+:|/)", f) or ".." in f.split("/")]
    assert {
        "lms.html",
        "_static/ams-lms.js",
        "_static/ams-progress.js",
        "_static/ams-course.js",
    } <= files
    assert not [n for n in names if n.endswith(".gz")]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_no_page_of_the_package_loads_anything_from_another_host(scorm_zips, version):
    foreign = []
    with zipfile.ZipFile(scorm_zips[version]) as zf:
        for name in zf.namelist():
            if not name.endswith(".html"):
                continue
            text = zf.read(name).decode("utf-8")
            if not name.startswith("_static/"):  # pages, not the theme's template macros
                assert "Content-Security-Policy" in text, name
            foreign += [
                f"{name}: {u}" for u in _LOADS.findall(text) if re.match(r"^(https?:)?//", u)
            ]
    assert not foreign, foreign[:5]


def zf_text(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name).decode("utf-8")


def test_the_mastery_is_the_pass_mark_the_book_was_built_with(tmp_path: Path):
    """A book built with ``ams_exercises_pass_mark: 90`` lists 90 as the final's pass mark;
    its packages declare 90, unless `make scorm MASTERY=...` says otherwise."""
    html = tmp_path / "html"
    (html / "book").mkdir(parents=True)
    (html / "_static").mkdir()
    (html / "index.html").write_text("<!DOCTYPE html><title>x</title>", "utf-8")
    (html / "book" / "welcome.html").write_text("<!DOCTYPE html><title>x</title>", "utf-8")
    final = {"id": "final-assessment", "title": "Final", "url": "b.html", "pass_mark": 90}
    course = {"title": "T", "pages": [{"url": "b.html", "checks": []}], "assessments": {}}
    course["assessments"]["final"] = final
    (html / "_static" / "ams-course.js").write_text(f"window.AmsCourse = {json.dumps(course)};")
    for mastery, declared in ((None, 90), (70, 70)):
        out = tmp_path / f"out-{mastery}"
        one_two, twenty = build_packages(html, out, mastery=mastery)
        assert f"<adlcp:masteryscore>{declared}</adlcp:masteryscore>" in zf_text(
            one_two, "imsmanifest.xml"
        )
        manifest = zf_text(twenty, "imsmanifest.xml")
        assert f"<imsss:minNormalizedMeasure>{declared / 100:.2f}<" in manifest
        assert 'objectiveID="final-assessment"' in manifest
        assert f'data-mastery="{declared}"' in zf_text(twenty, "lms.html")


def test_the_manifest_refuses_a_mastery_share_out_of_range():
    with pytest.raises(ValueError, match="between 0 and 100"):
        manifest_xml("1.2", identifier="x", title="t", launch="a.html", files=[], mastery=120)


def test_make_scorm_explains_a_missing_book(tmp_path: Path):
    import subprocess
    import sys

    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "ams_exercises",
            "dev",
            "scorm",
            "--html",
            str(tmp_path),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2  # bad input, as every command of the tool says it
    assert run.stderr.count("\n") == 1 and "run: make book" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_both_paths_read_the_same_on_every_surface(scorm_zips, built_book: Path, version):
    """The core path's and the full course's times, as the LMS lists the course, are the
    ones the welcome page, the trainer's guide and the trainer handout show."""
    from test_book import page_text

    from ams_exercises import course_time

    times = course_time.course_time()
    core, full = course_time.described(list(times.core)), course_time.described(list(times.pages))
    with zipfile.ZipFile(scorm_zips[version]) as zf:
        root = _manifest(zf, version)
    said = " ".join(t.strip() for t in root.find(f"{{{NS[version]['cp']}}}metadata").itertext())
    assert course_time.paths_summary(times) in said
    welcome = page_text(built_book / "book" / "welcome.html")
    guide = page_text(built_book / "book" / "trainers-guide.html")
    for text in (welcome, guide):
        assert course_time.paths_summary(times) in text
        assert f"The core path: {core}." in text and f"The full course: {full}." in text
    assert f"a learner needs {full} for the full course, or {core} for the core path" in guide
    pdf = built_book / "handouts" / "course-trainer-letter.pdf"
    handout = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert course_time.paths_summary(times) in " ".join(handout.split())
