"""The fillable edition's form fields, made accessible (PDF/UA-1, clause 7.18).

WeasyPrint writes an AcroForm text field for each ``<input>`` and ``<textarea>`` of a page
(``pdf_forms``), and tags each as an empty ``/NonStruct`` element where it stands in the
page's reading order. A screen reader needs more: each field's name in words (``/TU``),
and the field in the structure tree as a ``/Form`` element that points at it (an
``/OBJR``), with the field's ``/StructParent`` leading back. :func:`form_finisher` adds
them, after WeasyPrint has built the PDF and before it is written.

Fields and their elements are matched page by page, in reading order: the fillable
template has no other element WeasyPrint tags as an empty ``/NonStruct``, and a page
whose counts differ stops the build rather than label a field wrongly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any


def _number(reference: Any) -> int | None:
    """The object number of a reference (``b"12 0 R"``), or None for anything else."""
    if isinstance(reference, bytes):
        reference = reference.decode("ascii", "replace")
    if isinstance(reference, str) and reference.endswith(" R"):
        return int(reference.split()[0])
    return None


def _walk(pdf: Any, reference: Any) -> Iterator[dict]:
    """The structure elements under ``reference``, in reading order."""
    number = _number(reference)
    if number is None:
        return
    element = pdf.objects[number]
    if not isinstance(element, dict):
        return
    if "S" in element:
        yield element
    for kid in element.get("K", ()) if isinstance(element.get("K"), list) else ():
        yield from _walk(pdf, kid)


def _text(value: Any) -> str:
    return str(getattr(value, "string", value))


def tag_form_fields(pdf: Any, descriptions: dict[str, str]) -> int:
    """Give every text field of ``pdf`` (a pydyf PDF) its ``/TU`` from ``descriptions`` (by
    field name) and a ``/Form`` structure element in place of WeasyPrint's empty one.
    Returns the number of fields tagged."""
    import pydyf

    root = pdf.objects[_number(pdf.catalog["StructTreeRoot"])]
    parent_tree = pdf.objects[_number(root["ParentTree"])]
    nums = parent_tree["Nums"]
    next_key = max((k for k in nums[::2] if isinstance(k, int)), default=-1) + 1

    empty: dict[int, list[dict]] = {}
    for element in _walk(pdf, root["K"][0]):
        if element["S"] == "/NonStruct" and not element.get("K"):
            empty.setdefault(_number(element["Pg"]), []).append(element)

    tagged = 0
    for page_ref in pdf.page_references:
        page = pdf.objects[_number(page_ref)]
        widgets = [
            pdf.objects[_number(ref)]
            for ref in page.get("Annots", ())
            if pdf.objects[_number(ref)].get("Subtype") == "/Widget"
        ]
        slots = empty.get(_number(page_ref), [])
        if len(widgets) != len(slots):
            raise RuntimeError(
                f"page {pdf.page_references.index(page_ref) + 1} has {len(widgets)} form "
                f"fields but {len(slots)} places for them in the structure tree"
            )
        for widget, element in zip(widgets, slots, strict=True):
            name = _text(widget["T"])
            if name not in descriptions:
                raise RuntimeError(f"the form field {name!r} has no description")
            widget["TU"] = pydyf.String(descriptions[name])
            link = pydyf.Dictionary({"Type": "/OBJR", "Obj": widget.reference, "Pg": page_ref})
            pdf.add_object(link)
            element["S"] = "/Form"
            element["K"] = pydyf.Array([link.reference])
            widget["StructParent"] = next_key
            nums.extend([next_key, element.reference])
            next_key += 1
            tagged += 1
    if tagged != len(descriptions):
        missing = sorted(set(descriptions) - set(_names(pdf)))
        raise RuntimeError(f"form fields missing from the PDF: {', '.join(missing[:3])}")
    return tagged


def _names(pdf: Any) -> Iterator[str]:
    form = pdf.catalog.get("AcroForm") or {}
    for ref in form.get("Fields", ()):
        yield _text(pdf.objects[_number(ref)].get("T"))


def form_finisher(
    descriptions: dict[str, str], then: Callable[[Any, Any], None]
) -> Callable[[Any, Any], None]:
    """A WeasyPrint finisher that tags the form fields, then runs ``then``."""

    def finish(document: Any, pdf: Any) -> None:
        tag_form_fields(pdf, descriptions)
        then(document, pdf)

    return finish
