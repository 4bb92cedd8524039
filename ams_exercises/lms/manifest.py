"""The ``imsmanifest.xml`` of a one-SCO package, SCORM 1.2 or SCORM 2004 3rd edition.

Pure: text from a title, the launch page, the package's files, the mastery share and a
description (the course's two paths and their times, as the book states them), carried as
IEEE LOM metadata in the form each version reads: ``imsmd`` inside the 1.2 manifest's
metadata, ``lom`` inside 2004's.
The mastery share (the final assessment's pass mark) is declared where each version
expects it: ``adlcp:masteryscore`` (1.2, 0 to 100) and the primary objective's
``imsss:minNormalizedMeasure`` with ``satisfiedByMeasure`` (2004, 0 to 1), which the LMS
gives the SCO as ``cmi.scaled_passing_score``. The primary objective is named after the
final assessment's module, the objective the SCO reports the final under.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

VERSIONS = ("1.2", "2004")

_NS_12 = (
    'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
    'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"'
)
_NS_2004 = (
    'xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
    'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
    'xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" '
    'xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" '
    'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"'
)


#: Where each version's inline metadata lives, and how it writes a text in a language.
_LOM = {
    "1.2": (
        "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
        "imsmd",
        '<imsmd:langstring xml:lang="en-US">{text}</imsmd:langstring>',
    ),
    "2004": (
        "http://ltsc.ieee.org/xsd/LOM",
        "lom",
        '<lom:string language="en-US">{text}</lom:string>',
    ),
}


def _description(version: str, description: str) -> str:
    if not description:
        return ""
    ns, prefix, text = _LOM[version]
    return (
        f'    <{prefix}:lom xmlns:{prefix}="{ns}">\n'
        f"      <{prefix}:general>\n"
        f"        <{prefix}:description>{text.format(text=escape(description))}"
        f"</{prefix}:description>\n"
        f"      </{prefix}:general>\n"
        f"    </{prefix}:lom>\n"
    )


def manifest_xml(
    version: str,
    *,
    identifier: str,
    title: str,
    launch: str,
    files: Iterable[str],
    mastery: int,
    description: str = "",
    objective: str = "final-assessment",
) -> str:
    """The manifest; ``files`` are the package's paths (``/`` separated, the launch page too)."""
    if version not in VERSIONS:
        raise ValueError(f"SCORM version {version!r} is not one of {', '.join(VERSIONS)}")
    if not 0 <= mastery <= 100:
        raise ValueError(f"the mastery share {mastery} is not between 0 and 100")
    t = escape(title)
    listed = "\n".join(f"      <file href={quoteattr(f)}/>" for f in sorted(set(files)))
    if version == "1.2":
        ns, schema = _NS_12, "1.2"
        item_extra = f"        <adlcp:masteryscore>{mastery}</adlcp:masteryscore>\n"
        scorm_type = "adlcp:scormtype"
    else:
        ns, schema = _NS_2004, "2004 3rd Edition"
        measure = f"{mastery / 100:.2f}"
        item_extra = (
            "        <imsss:sequencing>\n"
            "          <imsss:objectives>\n"
            f"            <imsss:primaryObjective objectiveID={quoteattr(objective)}"
            ' satisfiedByMeasure="true">\n'
            f"              <imsss:minNormalizedMeasure>{measure}</imsss:minNormalizedMeasure>\n"
            "            </imsss:primaryObjective>\n"
            "          </imsss:objectives>\n"
            "        </imsss:sequencing>\n"
        )
        scorm_type = "adlcp:scormType"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest identifier={quoteattr(identifier)} version="1" {ns}>\n'
        "  <metadata>\n"
        "    <schema>ADL SCORM</schema>\n"
        f"    <schemaversion>{schema}</schemaversion>\n"
        f"{_description(version, description)}"
        "  </metadata>\n"
        '  <organizations default="course-organization">\n'
        '    <organization identifier="course-organization">\n'
        f"      <title>{t}</title>\n"
        '      <item identifier="course-item" identifierref="course-sco" isvisible="true">\n'
        f"        <title>{t}</title>\n"
        f"{item_extra}"
        "      </item>\n"
        "    </organization>\n"
        "  </organizations>\n"
        "  <resources>\n"
        f'    <resource identifier="course-sco" type="webcontent" {scorm_type}="sco" '
        f"href={quoteattr(launch)}>\n"
        f"{listed}\n"
        "    </resource>\n"
        "  </resources>\n"
        "</manifest>\n"
    )
