"""SCORM packages of the course, for a state's learning management system.

``make scorm`` (``ams-exercises dev scorm``) takes the built book (``_build/html``)
and writes two zips into ``_build/scorm``: SCORM 1.2 and SCORM 2004 3rd edition. Each is
one SCO: ``imsmanifest.xml`` at the root, every file of the site listed as a resource
file, and a launch page, ``lms.html``, that owns the LMS connection for the whole visit.

How the session survives navigation: ``lms.html`` (script ``static/ams-lms.js``) finds the
LMS's API (parents, then the opener), initializes once and shows the course pages in an
inner frame. The pages' own progress script (``ams-progress.js``) finds ``window.parent``
``.AmsLms`` and keeps its record there instead of in the browser's storage; the launch
page writes it to ``suspend_data`` and reports status, score and interactions, then ends
the session (``exit`` = suspend) when it is closed.

Modules: :mod:`.manifest` (the manifest's XML, pure) and :mod:`.package` (the zips).
"""

from __future__ import annotations

from .manifest import manifest_xml
from .package import build_packages

__all__ = ["build_packages", "manifest_xml"]
