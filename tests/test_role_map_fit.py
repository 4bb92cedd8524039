"""Every name in a role map stays inside its chip, at every width a surface draws the map.

A chip is as wide as its name up to the map's width; a longer name (a narrow map in the
class report, a phone) is drawn to the chip's width with ``textLength`` instead of running
over its edge, whatever font the reader has.
"""

from __future__ import annotations

import html
import re

import pytest

from ams_exercises.grader.keys import all_keys
from ams_exercises.role_map import CHAR, role_map

CHIP = re.compile(
    r'<rect x="(?P<x>[\d.]+)" y="[\d.]+" width="(?P<w>[\d.]+)" height="\d+" rx="13"[^>]*/>'
    r'<text x="(?P<mid>[\d.]+)" y="[\d.]+" font-size="(?P<size>[\d.]+)"[^>]*?'
    r'(?: textLength="(?P<fit>[\d.]+)" lengthAdjust="spacingAndGlyphs")?>(?P<text>[^<]*)</text>'
)


@pytest.mark.parametrize("width", [280, 560])
def test_every_name_fits_its_chip(width: int):
    squeezed = 0
    for key in all_keys():
        svg = role_map(key, width=width)
        chips = list(CHIP.finditer(svg))
        assert chips, key.id
        for chip in chips:
            w, size = float(chip["w"]), float(chip["size"])
            name = html.unescape(chip["text"])
            drawn = float(chip["fit"]) if chip["fit"] else len(name) * size * CHAR
            assert drawn <= w - 10, (key.id, name, drawn, w)
            squeezed += bool(chip["fit"])
    if width == 280:
        assert squeezed, "no long name at this width: the test proves nothing"
