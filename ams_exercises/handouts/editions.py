"""The vocabulary of what can be printed: the editions and what each is called, the paper
sizes, the scopes (a module, the whole course, the workshop kit) and the other print
documents, grouped as the Handouts page lists them. Pure data: every other handouts module
and the site's Handouts page read these names from here, so a PDF's file name, its title and
its line on the page cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The learner sheets come three ways, all without answers: to write on ("learner"), in
#: large print (body text 18 pt, taller lines), and with labeled form fields to fill in on
#: screen, with a screen reader too ("fillable").
LEARNER_EDITIONS: tuple[str, ...] = ("learner", "large-print", "fillable")
EDITIONS: tuple[str, ...] = (*LEARNER_EDITIONS, "trainer")
PAPERS: dict[str, str] = {"letter": "letter", "a4": "A4"}
COURSE_TITLE = "Who Is Your Customer?"
COURSE_SCOPE = "course"
#: The workshop kit: what a trainer prints and cuts for the 2½-hour workshop.
KIT_SCOPE = "workshop-kit"
LINE_MM = 8.0  # print.css: .line
#: The height of a line to write on (print.css: .line, .large-print .line), or of an entry's
#: box, by edition.
LINE_MMS: dict[str, float] = {"learner": LINE_MM, "large-print": 12.0, "fillable": LINE_MM}


@dataclass(frozen=True)
class Document:
    """A print document other than the worksheets and keys: the workshop kit, a learner
    material, a trainer's poster or a piece of the training office's paperwork."""

    scope: str
    name: str  # as the Handouts page lists it: "Trap sheets"
    title: str  # the PDF's title, after the course's
    group: str  # "learners", "trainers" or "office"
    about: str
    #: Paper → (CSS page size, the file name's tag): the poster is tabloid or A3.
    sizes: tuple[tuple[str, str, str], ...] = (("letter", "letter", "letter"), ("a4", "A4", "a4"))

    def size(self, paper: str) -> tuple[str, str]:
        return next((css, tag) for p, css, tag in self.sizes if p == paper)


#: What each edition is called on its cover and in its title.
EDITION_TITLES: dict[str, str] = {
    "learner": "Learner worksheets",
    "large-print": "Learner worksheets in large print",
    "fillable": "Learner worksheets to fill in on screen",
    "trainer": "Trainer's answer key",
}

#: The groups of the Handouts page, in order.
GROUPS: dict[str, str] = {
    "learners": "For learners",
    "trainers": "For trainers",
    "office": "For the training office",
}
_POSTER = (("letter", "11in 17in", "tabloid"), ("a4", "A3", "a3"))
DOCUMENTS: dict[str, Document] = {
    d.scope: d
    for d in (
        Document(
            "trap-sheets",
            "Trap sheets",
            "Trap sheets: the four traps, one to a page",
            "learners",
            "One page per trap for the traps block: what it is, the module's example, how to "
            "spot it and what to do instead, with the group's task from the workshop plan.",
        ),
        Document(
            "case-readings",
            "Case readings",
            "Case readings: the five case studies, two pages each",
            "learners",
            "Each case study as a two-page reading for a group: the situation, the before "
            "and after, the results, and the group's task with room to write. No reading "
            "names the case's trap or its customer: that is for the group to find.",
        ),
        Document(
            "apply-checklist",
            "Apply checklist",
            "Apply it to your own work: the checklist",
            "learners",
            "The ten steps and the eight-point checklist of Apply it to your own work, on one "
            "page, with boxes to tick.",
        ),
        Document(
            "role-map-template",
            "Blank role map",
            "Blank role map: a template to fill in",
            "learners",
            "The course's role map with its rings named and empty, to fill in for one system.",
        ),
        Document(
            KIT_SCOPE,
            "Workshop kit",
            "Workshop kit: sort cards, scenario cards and job aid",
            "trainers",
            "For the 2½-hour workshop: the activity-and-widget sort cards with cut lines "
            "(their answer sheet on a page apart), a scenario card for each group task, and "
            "a one-page job aid for each participant.",
        ),
        Document(
            "role-map-poster",
            "Role map poster",
            "Role map poster",
            "trainers",
            "The course's role map to teach the four roles from, and a blank map for a group "
            "on the second page.",
            _POSTER,
        ),
        Document(
            "sign-in-sheet",
            "Sign-in sheet",
            "Sign-in sheet",
            "office",
            "Session title, date and trainer; a row per participant for name, agency, email "
            "and signature.",
        ),
        Document(
            "certificates",
            "Certificates of attendance",
            "Certificates of attendance",
            "office",
            "One page each for the 2½-hour workshop, the 90-minute session and the "
            "self-paced course, with the hours each takes.",
        ),
        Document(
            "evaluation-form",
            "Evaluation form",
            "Evaluation form",
            "office",
            "Reaction questions on a five-point scale, two questions on how participants "
            "mean to use the course, and room for comments.",
        ),
        Document(
            "follow-up",
            "30-day follow-up questionnaire",
            "30-day follow-up questionnaire",
            "office",
            "To send a month after the session: what participants have used, what got in the "
            "way, and what would help.",
        ),
        Document(
            "catalog-description",
            "Catalog description",
            "Catalog description",
            "office",
            "For the training catalog: audience, objectives, duration, format and "
            "prerequisites of the workshop, the 90-minute session and the self-paced course.",
        ),
    )
}
