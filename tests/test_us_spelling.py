"""US spelling on the built site: the audience is US state government.

Scans the visible text of every built page (not scripts, styles, code or the search
index) for British spellings from a word list, and lists every page and word found.
Source titles keep their own spelling; the course quotes none that is British.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

#: British spellings and the US form the course uses. Stems match their inflections
#: (organisation, organised...); each pattern is a whole word.
BRITISH = {
    r"licences?|licenced": "license",
    r"programmes?": "program",
    r"centres?": "center",
    r"organis(?:e|es|ed|ing|ation|ations|ational)": "organize, organization",
    r"recognis(?:e|es|ed|ing|able)": "recognize",
    r"realis(?:e|es|ed|ing|ation)": "realize",
    r"prioritis(?:e|es|ed|ing|ation)": "prioritize",
    r"modernis(?:e|es|ed|ing|ation)": "modernize, modernization",
    r"(?:mini|maxi|summa|standard|autho|uti|emphas|apolog|critic|familiar)"
    r"is(?:e|es|ed|ing|ation)": "-ize",
    r"analys(?:e|es|ed|ing)": "analyze",
    r"travell(?:ing|ed|er|ers)": "traveling",
    r"cancell(?:ing|ed)": "canceling, canceled",
    r"(?:label|model|signal|fuel|counsel)l(?:ed|ing|or|ors)": "single l",
    r"ageing": "aging",
    r"practis(?:e|es|ed|ing)": "practice",
    r"(?:neighbo|colo|behavio|favo|hono|labo|endeavo|rumo|harbo|savio)"
    r"ur(?:s|ed|ing|hood|hoods|ite|able)?": "-or",
    r"catalogues?": "catalog",
    r"defence|offence": "defense, offense",
    r"judgement|acknowledgement": "judgment, acknowledgment",
    r"enrolments?|enrols?|fulfils?|instalments?|skilful|wilful": "enroll, fulfill, skillful",
    r"whilst|amongst|learnt|spelt": "while, among, learned, spelled",
    r"grey|cheques?|jewellery|manoeuvres?|paediatric|artefacts?|sceptical": "US form",
}
_PATTERN = re.compile(r"\b(" + "|".join(BRITISH) + r")\b", re.I)


class _Visible(HTMLParser):
    """A page's visible text: no scripts, styles, code, or hidden elements' attributes."""

    SKIP = {"script", "style", "code", "pre", "template", "noscript"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in self.SKIP

    def handle_endtag(self, tag):
        self._skip -= tag in self.SKIP

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def british_words(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    return sorted({m.group(1).lower() for m in _PATTERN.finditer(" ".join(parser.parts))})


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("A nursing licence from the programme centre", ["centre", "licence", "programme"]),
        (
            "The organisation will recognise travelling neighbours",
            ["neighbours", "organisation", "recognise", "travelling"],
        ),
        ("A nursing license from the program center; realistic practice, aging", []),
    ],
)
def test_the_word_list_finds_british_spellings_and_passes_us_ones(text, found):
    assert british_words(f"<p>{text}</p><script>var licence;</script>") == found


def test_the_built_site_has_no_british_spelling(built_book: Path):
    found = {}
    for page in sorted(built_book.rglob("*.html")):
        words = british_words(page.read_text("utf-8"))
        if words:
            found[page.relative_to(built_book).as_posix()] = words
    assert not found, f"British spellings on the site: {found}"
