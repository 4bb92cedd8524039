"""A role map of one exercise's scenario: the widget, each person placed by role, an arrow
where one serves another. One drawing for every surface that shows a solution: the page
(after a pass or when the solution is opened), the trainer handout and the class report.

:func:`role_map` draws it as an accessible SVG string: ``role="img"``, a title, and a text
alternative (:func:`describe`) that says everything the drawing shows. On screen the drawing
is :data:`WIDTH` units wide and never shown wider, so that on a 390-pixel phone screen its
smallest text is still 12 pixels or more; a handout asks for a wider, shorter one. Pure:
from a key, text out.
"""

from __future__ import annotations

from html import escape
from typing import NamedTuple

from .grader.doctrine import is_role
from .grader.keys import Actor, AnswerKey
from .grader.vocabulary import KIND_NAMES

#: The drawing's width in SVG units, and its widest on screen: on a 390-pixel phone the
#: narrowest solution is about 308 pixels wide, so the drawing is never scaled down there
#: and text of 13 units draws at 13 pixels (at 12 or more down to a 277-pixel column).
WIDTH = 300
MARGIN = 8
TITLE_SIZE = 14
CHIP_SIZE = 13
CHIP_HEIGHT = 26
GAP = 6
#: The average width of a character of the sans-serif font, as a share of its size.
CHAR = 0.56

#: The bands, from the widget outward, with their colors (the book's role map's colors).
BANDS: tuple[tuple[str, str, str, str], ...] = (
    ("primary_customer", "Primary customer", "#ffffff", "#111111"),
    ("strategic_customers", "Strategic customers", "#e7f0fa", "#123a6e"),
    ("operational_support", "Operational support", "#e9f3ec", "#174f2b"),
    ("stakeholders", "Stakeholders", "#f3eefb", "#432a6b"),
    ("investors", "Investors", "#fff8e6", "#5c3900"),
)
_WIDGET = ("#f4f4f4", "#222222")


class Chip(NamedTuple):
    """One actor's label where the drawing puts it."""

    ref: str
    text: str
    x: float
    y: float
    width: float


def _label(actor: Actor) -> str:
    return actor.label or actor.name


def _width(text: str, size: float) -> float:
    return len(text) * size * CHAR + 16


def _wrap(text: str, size: float, room: float) -> list[str]:
    """``text`` cut into lines that fit ``room`` units."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and len(trial) * size * CHAR > room:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def _people(key: AnswerKey) -> dict[str, list[Actor]]:
    """The scenario's placed actors by band (an actor of two roles in both)."""
    out: dict[str, list[Actor]] = {band[0]: [] for band in BANDS}
    for actor in key.placed:
        for role in actor.roles:
            if role in out:
                out[role].append(actor)
    return out


def _makers(key: AnswerKey) -> list[Actor]:
    """Who makes the widget: the learner's own organization (whatever else it is)."""
    return [a for a in key.placed if any(r.split()[0] == "produces" for r in a.relations)]


def _no_role(key: AnswerKey) -> list[Actor]:
    """The people of the scenario who play no role and do not make the widget."""
    return [
        a
        for a in key.placed
        if not any(is_role(r) for r in a.roles) and a not in _makers(key) and a.roles
    ]


def describe(key: AnswerKey) -> str:
    """The drawing in words: its text alternative, and what a screen reader announces."""
    people = _people(key)
    parts = [f"Role map of “{key.title}”. The widget: {key.widget.name}."]
    makers = _makers(key)
    if makers:
        parts.append("Made by " + ", ".join(_label(a) for a in makers) + ".")
    for role, title, _fill, _ink in BANDS:
        actors = people[role]
        if not actors:
            continue
        said = []
        for actor in actors:
            served = _served(key, actor)
            said.append(_label(actor) + (f" (serving {served})" if served else ""))
        parts.append(f"{title}: {'; '.join(said)}.")
    others = _no_role(key)
    if others:
        parts.append(
            "No role: " + "; ".join(f"{_label(a)} ({KIND_NAMES[a.roles[0]]})" for a in others) + "."
        )
    return " ".join(parts)


def _served(key: AnswerKey, actor: Actor) -> str:
    targets = []
    for rel in actor.relations:
        kind, _, target = rel.partition(" ")
        if kind in ("serves", "works_with") and target:
            targets.append(_label(key.actor(target)))
    return ", ".join(targets)


def role_map(key: AnswerKey, *, id_prefix: str = "role-map", width: int = WIDTH) -> str:
    """The role map of ``key`` as an inline SVG element, ``width`` units wide (a handout's
    page takes a wider, shorter drawing than a phone's screen)."""
    ident = f"{id_prefix}-{key.id}"
    people = _people(key)
    out: list[str] = []
    y = MARGIN
    # the widget, and who makes it
    widget_lines = _wrap(f"Widget: {key.widget.name}", TITLE_SIZE, width - 2 * MARGIN - 24)
    makers = _makers(key)
    made = _wrap("made by " + ", ".join(_label(a) for a in makers), CHIP_SIZE, width - 40)
    box = 12 + len(widget_lines) * 18 + (len(made) * 16 if makers else 0)
    fill, ink = _WIDGET
    out.append(
        f'<rect x="{MARGIN}" y="{y}" width="{width - 2 * MARGIN}" height="{box}" rx="6" '
        f'fill="{fill}" stroke="{ink}" stroke-width="1.5"/>'
    )
    ty = y + 20
    for line in widget_lines:
        out.append(_text(width / 2, ty, line, TITLE_SIZE, ink, bold=True, middle=True))
        ty += 18
    if makers:
        for line in made:
            out.append(_text(width / 2, ty - 2, line, CHIP_SIZE, "#333333", middle=True))
            ty += 16
    y += box + 10
    chips: dict[str, Chip] = {}
    arrows: list[tuple[Chip, str]] = []
    for role, title, fill, ink in BANDS:
        actors = people[role]
        if not actors:
            continue
        rows = _rows([_label(a) for a in actors], width - 2 * MARGIN - 16)
        height = 26 + len(rows) * (CHIP_HEIGHT + GAP) + 4
        out.append(
            f'<rect x="{MARGIN}" y="{y}" width="{width - 2 * MARGIN}" height="{height}" '
            f'rx="8" fill="{fill}" stroke="{ink}" stroke-width="1.5"/>'
        )
        # a band whose people serve someone has its title below them, clear of the arrows
        serving = any(_served(key, a) for a in actors)
        title_y = y + height - 9 if serving else y + 19
        out.append(_text(MARGIN + 10, title_y, title, TITLE_SIZE, ink, bold=True))
        cy = y + (8 if serving else 28)
        index = 0
        for row in rows:
            cx = MARGIN + 8
            for text in row:
                actor = actors[index]
                index += 1
                w = min(_width(text, CHIP_SIZE), width - 2 * MARGIN - 16)
                chip = Chip(actor.ref, text, cx, cy, w)
                first = actor.ref not in chips  # a group with two roles has two chips
                if first:
                    chips[actor.ref] = chip
                out.append(
                    f'<rect x="{cx:.1f}" y="{cy}" width="{w:.1f}" height="{CHIP_HEIGHT}" '
                    f'rx="13" fill="#ffffff" stroke="{ink}" stroke-width="1"/>'
                )
                label = _text(
                    cx + w / 2, cy + 17.5, text, CHIP_SIZE, "#111111", middle=True, fit=w - 12
                )
                out.append(label)
                for rel in actor.relations if first else ():  # one arrow, from its first
                    kind, _, target = rel.partition(" ")
                    if kind in ("serves", "works_with") and target:
                        arrows.append((chip, target))
                cx += w + GAP
            cy += CHIP_HEIGHT + GAP
        y += height + 8
    for chip, target in arrows:
        goal = chips.get(target)
        if goal is None:
            continue
        x1, y1 = chip.x + chip.width / 2, chip.y
        x2, y2 = goal.x + goal.width / 2, goal.y + CHIP_HEIGHT
        out.append(
            f'<path d="M{x1:.1f},{y1} C{x1:.1f},{y1 - 18} {x2:.1f},{y2 + 18} {x2:.1f},{y2 + 2}" '
            f'fill="none" stroke="#1d4f91" stroke-width="1.6" marker-end="url(#{ident}-arrow)"/>'
        )
    height = y + MARGIN
    text = describe(key)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ams-role-map" viewBox="0 0 {width} '
        f'{height:.0f}" width="{width}" height="{height:.0f}" role="img" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
        "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, "
        'sans-serif">'
        f'<title id="{ident}-title">Role map: {escape(key.title)}</title>'
        f'<desc id="{ident}-desc">{escape(text)}</desc>'
        f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#1d4f91"/></marker></defs>' + "".join(out) + "</svg>"
    )


def _rows(texts: list[str], room: float) -> list[list[str]]:
    rows: list[list[str]] = [[]]
    used = 0.0
    for text in texts:
        w = min(_width(text, CHIP_SIZE), room) + GAP
        if rows[-1] and used + w > room:
            rows.append([])
            used = 0.0
        rows[-1].append(text)
        used += w
    return rows


def _text(
    x: float,
    y: float,
    text: str,
    size: float,
    fill: str,
    *,
    bold: bool = False,
    middle: bool = False,
    fit: float | None = None,
) -> str:
    weight = ' font-weight="700"' if bold else ""
    anchor = ' text-anchor="middle"' if middle else ""
    # a name longer than its chip (on a narrow map) is drawn to the chip's width, whatever
    # the reader's font, rather than over its edge
    squeeze = (
        f' textLength="{fit:.1f}" lengthAdjust="spacingAndGlyphs"'
        if fit is not None and _width(text, size) - 16 > fit
        else ""
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}"{weight}{anchor}'
        f"{squeeze}>{escape(text)}</text>"
    )
