"""Every handout on the site passes the machine-checkable PDF/UA-1 checks of ``pdfua`` with
no finding at all, and declares its language and title (issue 14)."""

from __future__ import annotations

import pikepdf
import pytest
from pdfua import validate

from ams_exercises.handouts.content import DOCUMENTS

pytestmark = [pytest.mark.book]

#: pdfua 0.1.3 cannot evaluate its empty-heading rule on a heading whose /K is an array
#: (``getattr(array, "is_integer")`` raises in pikepdf 10), and WeasyPrint always writes
#: arrays. The rule is then reported as skipped, not passed: the test below checks what
#: it would have, that no heading is empty, itself.
TOOL_LIMIT = {"UA-14-001": "is_integer"}


def test_the_site_offers_every_planned_handout(site_pdfs, planned):
    # the workshop slides' PDFs come with their decks (tests/handouts/test_slides.py)
    slides = {f"workshop-slides-{plan}.pdf" for plan in ("workshop", "short")}
    assert {p.name for p in site_pdfs.glob("*.pdf")} == set(planned) | slides
    sheets = [h for h in planned.values() if not h.is_document]
    assert len(sheets) == 2 * 2 * len({h.scope for h in sheets})
    # the kit, the learner materials, the poster and the paperwork, each on two papers
    assert len(planned) - len(sheets) == 2 * len(DOCUMENTS)


def test_pdfua_finds_nothing_in_any_handout(site_pdfs):
    findings, skipped = {}, {}
    for pdf in sorted(site_pdfs.glob("*.pdf")):
        report = validate(str(pdf))
        if report.findings:
            findings[pdf.name] = [
                f"{f.rule_id} p{f.location.page}: {f.message}" for f in report.findings
            ]
        odd = [
            f"{o.rule_id}: {o.skipped_reason}"
            for o in report.skipped
            if TOOL_LIMIT.get(o.rule_id, "\0") not in (o.skipped_reason or "")
        ]
        if odd:
            skipped[pdf.name] = odd
    assert not findings, findings
    assert not skipped, skipped


def _marks_content(node) -> bool:
    """True when a structure element reaches at least one marked-content id."""
    kid = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    if kid is None:
        return False
    if isinstance(kid, int):
        return True
    kids = list(kid) if isinstance(kid, pikepdf.Array) else [kid]
    return any(
        isinstance(k, int)
        or (isinstance(k, pikepdf.Dictionary) and (k.get("/Type") == "/MCR" or _marks_content(k)))
        for k in kids
    )


def _elements(node):
    if isinstance(node, pikepdf.Array):
        for item in node:
            yield from _elements(item)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        yield node
        yield from _elements(node.get("/K"))


def test_no_heading_is_empty_and_every_table_header_has_a_scope(site_pdfs):
    empty, unscoped, headers = [], [], 0
    for path in sorted(site_pdfs.glob("*.pdf")):
        with pikepdf.open(path) as pdf:
            for element in _elements(pdf.Root.StructTreeRoot.get("/K")):
                role = str(element["/S"])
                if role in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6") and not _marks_content(
                    element
                ):
                    empty.append((path.name, role))
                if role == "/TH":
                    headers += 1
                    scope = element.get("/A", {}).get("/Scope")
                    if str(scope) not in ("/Column", "/Row", "/Both"):
                        unscoped.append(path.name)
    assert not empty, empty
    assert headers > 0  # the trainer editions have tables: the check checked something
    assert not unscoped, sorted(set(unscoped))


def test_each_handout_declares_its_language_and_title(site_pdfs, planned):
    for name, handout in planned.items():
        with pikepdf.open(site_pdfs / name) as pdf:
            assert str(pdf.Root.Lang) == "en", name
            assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle), name
            assert str(pdf.docinfo["/Title"]) == handout.title, name
            with pdf.open_metadata() as meta:
                assert meta.get("dc:title") == handout.title, name
                assert meta.get("pdfuaid:part") == "1", name
