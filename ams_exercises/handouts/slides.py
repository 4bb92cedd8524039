"""Slides for the workshop plans: an editable PowerPoint deck and a tagged PDF of it.

One source, two outputs: :func:`slides` turns a plan of ``course/workshop.yaml`` (the
2½-hour ``workshop`` or the 90-minute ``short``) into a list of :class:`Slide` records, and
:func:`write_slides` renders that list twice, as ``workshop-slides-<plan>.pptx``
(python-pptx) and ``workshop-slides-<plan>.pdf`` (WeasyPrint, PDF/UA-1 like the handouts).

Every block of the plan gets its slides in the order it is run, each slide showing the
block's start and minutes: one slide per teaching point of the book chapter the block draws
on, then its group task with the time it takes. The speaker notes are the trainer's guide's
script for the block (its activity), and a task slide's notes add the debrief answers. The
teaching points come from the course itself: the role definitions the grader uses, the
book's tables (the three myths, the four traps side by side, the apply checklist) and its
diagrams. In the deck a diagram is drawn with PowerPoint's own shapes from the book's SVG,
so its words stay real, editable text, and the group carries the SVG's description as its
alternative text; the PDF embeds the SVG itself with the same description.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..authoring.workshop import ROLES_CHAPTER, TRAPS_CHAPTER, Block, Workshop, workshop
from ..grader.keys import all_keys
from ..grader.lexicon import role_definitions
from ..grader.vocabulary import FIELD_NAMES

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
BOOK = HERE.parents[1] / "book"
IMAGES = BOOK / "images"
PLANS = ("workshop", "short")
PDF_VARIANT = "pdf/ua-1"
#: The slide, 16:9, in inches (PowerPoint's widescreen size).
SLIDE_W, SLIDE_H = 13.333, 7.5
#: Colors: dark text on white, each at least 4.5:1 (WCAG AA).
TITLE_COLOR = "16406E"
TEXT_COLOR = "1D2430"
MUTED_COLOR = "505A68"


@dataclass(frozen=True)
class Figure:
    """A diagram of the book (``book/images/<name>``) and its text alternative."""

    name: str
    alt: str

    @property
    def path(self) -> Path:
        return IMAGES / self.name


@dataclass(frozen=True)
class Slide:
    """One slide: what the deck and the PDF both show, and what the trainer says."""

    title: str
    bullets: tuple[str, ...] = ()
    timing: str = ""
    notes: str = ""
    figure: Figure | None = None
    kind: str = "teach"  # "title", "agenda", "teach", "task", "break"
    #: The block's title, for the slides of a block; empty for the opening slides.
    block: str = ""


@dataclass(frozen=True)
class _Point:
    title: str
    bullets: tuple[str, ...] = ()
    figure: Figure | None = None


# --- The course's text, from the book and the grader -------------------------------------


def _plain(text: str) -> str:
    """MyST/Markdown inline text as plain text: roles, links, emphasis and code unwrapped."""
    text = re.sub(r"\{[a-z-]+\}`([^`<]*?)\s*(?:<[^>]*>)?`", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    text = re.sub(r"\*\*?([^*]+)\*\*?", r"\1", text)
    return " ".join(text.split())


def _book(docname: str) -> str:
    path = BOOK.parent / f"{docname}.md"
    return path.read_text(encoding="utf-8")


def _table(docname: str, heading: str) -> list[list[str]]:
    """The body rows of the first table under ``## heading`` of a book page, as plain text."""
    text = _book(docname)
    start = text.index(f"\n## {heading}\n")
    rows: list[list[str]] = []
    for line in text[start:].splitlines()[2:]:
        if line.startswith("|"):
            cells = [_plain(c) for c in line.strip().strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                rows.append(cells)
        elif rows:
            break
    return rows[1:]  # without the header row


def _numbered(docname: str, heading: str) -> list[str]:
    """The numbered list under ``## heading`` of a book page."""
    text = _book(docname)
    start = text.index(f"\n## {heading}\n")
    items = []
    for line in text[start:].splitlines()[2:]:
        match = re.match(r"\d+\.\s+(.*)", line)
        if match:
            items.append(_plain(match.group(1)))
        elif items and not line.strip():
            break
    return items


def _steps(docname: str, upto: int) -> list[str]:
    """The first ``upto`` step headings ("### Step 1. ...") of a book page."""
    found = re.findall(r"^### Step (\d+)\. (.+)$", _book(docname), flags=re.M)
    return [f"Step {n}. {_plain(t)}" for n, t in found if int(n) <= upto]


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", " ".join(text.split()), maxsplit=1)[0]


def _figure(name: str) -> Figure:
    """A book diagram, its alternative text the SVG's own title and description."""
    root = ET.parse(IMAGES / name).getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    title = root.findtext("s:title", default="", namespaces=ns).strip()
    desc = root.findtext("s:desc", default="", namespaces=ns).strip()
    alt = f"{title}. {desc}" if title and desc else title or desc
    if not alt:
        raise ValueError(f"{name} has no title or description to serve as its alt text")
    return Figure(name, " ".join(alt.split()))


def _roles_bullets() -> tuple[str, ...]:
    d = role_definitions()
    names = ("primary_customer", "strategic_customers", "operational_support", "stakeholders")
    out = [f"{FIELD_NAMES[n]}: {_first_sentence(d[n])}" for n in names]
    out.append(f"{FIELD_NAMES['investors']}, around them all: {_first_sentence(d['investors'])}")
    return tuple(out)


def _lower(text: str) -> str:
    """A table cell set inside a sentence: "Doctors" as "doctors", "IT" kept."""
    return text[0].lower() + text[1:] if text[1:2].islower() else text


def _points(block: Block) -> list[_Point]:
    """The teaching points of a block: what its chapter teaches in the time it has."""
    d = role_definitions()
    chapter = block.chapter
    if block.contested_point:
        return [
            _Point(
                "Can a regulated business be the customer?",
                (
                    "Some public administration writers call regulated businesses "
                    '"compliers" and the community the primary customer.',
                    "The AMS position: the facility uses the permit, so it is the customer; "
                    "the public are investors.",
                    "Settle it by naming the widget first.",
                ),
            )
        ]
    if chapter == "book/welcome":
        return [
            _Point(
                "Who is your customer?",
                (
                    "Write it on a sticky note, for your own work.",
                    "Post it where everyone can see it.",
                    "We will come back to these notes.",
                ),
            )
        ]
    if chapter == "book/knowing-your-customer":
        return [
            _Point(
                "The permit: who uses it, and who benefits",
                (
                    f"Widget: {_first_sentence(d['widget'])}",
                    "The facility that needs the permit to operate uses it: the customer.",
                    "The public benefit without using it: investors, expecting mission outcomes.",
                ),
                _figure("permit-example.svg"),
            )
        ]
    if chapter == "book/we-dont-make-widgets":
        myths = _table(chapter, "The three myths")
        return [
            _Point("The three myths", tuple(f"{m} {a}" for m, a, _ in myths)),
            _Point(
                "From factory to outcome",
                (
                    "Factory: how I do it, the activities.",
                    "Widget: what I deliver, something you can count.",
                    "Customer: who uses it.",
                    "Outcome: why I do it, the result the public invest in.",
                ),
                _figure("factory-widget-customer-outcome.svg"),
            ),
        ]
    if chapter == ROLES_CHAPTER:
        chain = _table(chapter, "The two-level rule")
        return [
            _Point(
                "The role map",
                (
                    f"At the center, the {FIELD_NAMES['primary_customer'].lower()}.",
                    f"Around them, {FIELD_NAMES['strategic_customers'].lower()}, then "
                    f"{FIELD_NAMES['operational_support'].lower()}, then "
                    f"{FIELD_NAMES['stakeholders'].lower()}.",
                    f"Around the whole system, the {FIELD_NAMES['investors'].lower()}.",
                ),
                _figure("role-map.svg"),
            ),
            _Point("The four roles and the investors", _roles_bullets()),
            _Point(
                "The two-level rule",
                (
                    "Follow the widget until you reach whoever uses it for their own "
                    "needs: the primary customer.",
                    "If the first person to receive it uses it to serve someone else, "
                    "they are a strategic customer, and the person they serve is the "
                    "primary customer.",
                ),
            ),
            _Point(
                "The two-level rule at work",
                tuple(
                    f"{w}: received by {_lower(first)}, used to serve {_lower(served)}."
                    for w, first, served, *_ in chain
                ),
            ),
        ]
    if chapter == TRAPS_CHAPTER:
        return [
            _Point(name, (f"It sounds like: {sounds}", f"The question that breaks it: {ask}"))
            for name, sounds, ask in _table(chapter, "The four traps side by side")
        ]
    if chapter == "book/case-studies/index":
        return [
            _Point(
                "Before and after",
                (
                    "Each case sets two versions of an effort side by side.",
                    "Who did the after version center on?",
                    "Which trap does the course read in the before?",
                ),
            )
        ]
    if chapter == "book/primary-customer/apply":
        return [
            _Point("Apply it to your own work", tuple(_steps(chapter, 3))),
            _Point("Check your answer", tuple(_numbered(chapter, "Checklist")[:5])),
        ]
    if chapter == "book/primary-customer/tools":
        from ..course_time import course_time, duration

        times = course_time()
        return [
            _Point(
                "Your next step",
                (
                    "Three customer interviews.",
                    "A gemba visit: go and see where the work happens.",
                    "An inventory of current work, tagged by who each item serves.",
                    f"Afterwards, at your own pace: the core path (about "
                    f"{duration(times.core_minutes)}) or the whole course with its "
                    f"{len(all_keys())} knowledge checks (about {duration(times.minutes)}).",
                ),
            )
        ]
    return []


# --- The slides of a plan ------------------------------------------------------------------


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _duration(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    if not hours:
        return f"{mins} minutes"
    return f"{hours} h {mins:02d} min" if mins else f"{hours} hour{'s' if hours > 1 else ''}"


def block_timing(start: str, block: Block) -> str:
    """How a block's time reads on its slides: "0:40 to 1:20 · 40 minutes"."""
    h, m = (int(x) for x in start.split(":"))
    end = _clock(h * 60 + m + block.minutes)
    return f"{start} to {end} · {block.minutes} minutes"


def _plan(plan: str):
    if plan not in PLANS:
        raise ValueError(f"plan must be one of {PLANS}, not {plan!r}")
    w = workshop()
    return w if plan == "workshop" else w.short


def _script(block: Block) -> str:
    return " ".join(block.activity.split())


def slides(plan: str) -> list[Slide]:
    """The slides of ``plan`` ("workshop" or "short"), in the order they are shown."""
    w: Workshop = workshop()
    p = _plan(plan)
    materials = " ".join(" ".join(m.split()) for m in w.materials)
    out = [
        Slide(
            p.title,
            (
                " ".join(p.audience.split()),
                f"{_duration(p.minutes)}, {len(p.blocks)} blocks.",
            ),
            notes=(
                f"Before the session: allow about {_duration(w.preparation_minutes)} to "
                f"prepare, once you have read the course. What you need: {materials}"
            ),
            kind="title",
        ),
        Slide(
            "Today's plan",
            tuple(f"{s}  {b.title} ({b.minutes} minutes)" for s, b in p.timings()),
            timing=f"{_duration(p.minutes)} in all",
            notes="What this session leaves out: "
            + " ".join(" ".join(c.split()) for c in p.cut).replace("`", ""),
            kind="agenda",
        ),
    ]
    for start, block in p.timings():
        timing = block_timing(start, block)
        script = _script(block)
        points = _points(block)
        if not points and not block.group_task:
            out.append(
                Slide(block.title, (script,), timing, script, kind="break", block=block.title)
            )
            continue
        for point in points:
            out.append(
                Slide(
                    point.title,
                    point.bullets,
                    timing,
                    f"{block.title}. {script}",
                    point.figure,
                    block=block.title,
                )
            )
        if block.group_task:
            bullets = [" ".join(block.group_task.split())]
            bullets += [f"Scenario card: {c.title}" for c in block.cards]
            debrief = " ".join(" ".join(a.split()) for a in block.debrief)
            out.append(
                Slide(
                    f"Your task: {_lower(block.title.rpartition(': ')[2])}",
                    tuple(bullets),
                    timing,
                    f"{script} Debrief answers: {debrief}",
                    kind="task",
                    block=block.title,
                )
            )
    return out


# --- PowerPoint ----------------------------------------------------------------------------


def _rgb(hex6: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex6.lstrip("#").upper())


def _svg_color(value: str | None) -> str | None:
    if not value or value == "none":
        return None
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return value.upper()


def _arrowhead(shape) -> None:
    from pptx.oxml.ns import qn

    ln = shape.line._get_or_add_ln()
    tail = ln.makeelement(qn("a:tailEnd"), {"type": "triangle", "w": "med", "len": "med"})
    ln.append(tail)


def _draw_svg(shapes, figure: Figure, left, top, width, height) -> object:
    """The SVG of ``figure`` drawn as a group of native shapes in the box given (EMU):
    rectangles, ellipses, lines (with their arrowheads) and every text as real text."""
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Emu, Pt

    root = ET.parse(figure.path).getroot()
    vx, vy, vw, vh = (float(v) for v in root.get("viewBox", "0 0 100 100").split())
    scale = min(width / vw, height / vh)
    ox = left + (width - vw * scale) / 2
    oy = top + (height - vh * scale) / 2
    pt_per_unit = scale / 12700

    def x(v):
        return Emu(int(ox + (float(v) - vx) * scale))

    def y(v):
        return Emu(int(oy + (float(v) - vy) * scale))

    def d(v):
        return Emu(int(float(v) * scale))

    group = shapes.add_group_shape()
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        fill, stroke = _svg_color(el.get("fill")), _svg_color(el.get("stroke"))
        if tag in ("rect", "ellipse"):
            if tag == "rect":
                w, h = float(el.get("width")), float(el.get("height"))
                rx = float(el.get("rx", 0))
                kind = MSO_SHAPE.ROUNDED_RECTANGLE if rx else MSO_SHAPE.RECTANGLE
                shape = group.shapes.add_shape(kind, x(el.get("x")), y(el.get("y")), d(w), d(h))
                if rx:
                    shape.adjustments[0] = min(0.5, rx / min(w, h))
            else:
                cx, cy = float(el.get("cx")), float(el.get("cy"))
                rx, ry = float(el.get("rx")), float(el.get("ry"))
                shape = group.shapes.add_shape(
                    MSO_SHAPE.OVAL, x(cx - rx), y(cy - ry), d(2 * rx), d(2 * ry)
                )
            if fill:
                shape.fill.solid()
                shape.fill.fore_color.rgb = _rgb(fill)
            else:
                shape.fill.background()
            if stroke:
                shape.line.color.rgb = _rgb(stroke)
                shape.line.width = Pt(float(el.get("stroke-width", 1)) * pt_per_unit)
            else:
                shape.line.fill.background()
            shape.shadow.inherit = False
            shape.name = f"{figure.name} {tag}"
        elif tag == "line":
            line = group.shapes.add_connector(
                MSO_CONNECTOR.STRAIGHT,
                x(el.get("x1")),
                y(el.get("y1")),
                x(el.get("x2")),
                y(el.get("y2")),
            )
            line.line.color.rgb = _rgb(stroke or "333333")
            line.line.width = Pt(float(el.get("stroke-width", 1)) * pt_per_unit)
            if el.get("stroke-dasharray"):
                from pptx.enum.dml import MSO_LINE_DASH_STYLE

                line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            if el.get("marker-end"):
                _arrowhead(line)
        elif tag == "text" and (el.text or "").strip():
            size = float(el.get("font-size", 16))
            text = " ".join(el.text.split())
            anchor = el.get("text-anchor", "start")
            guess = len(text) * size * 0.62 + size
            tx = float(el.get("x"))
            tx = tx - guess / 2 if anchor == "middle" else tx - guess if anchor == "end" else tx
            box = group.shapes.add_textbox(
                x(tx), y(float(el.get("y")) - size * 0.95), d(guess), d(size * 1.25)
            )
            frame = box.text_frame
            frame.word_wrap = False
            frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
            frame.vertical_anchor = MSO_ANCHOR.TOP
            para = frame.paragraphs[0]
            para.alignment = {"middle": PP_ALIGN.CENTER, "end": PP_ALIGN.RIGHT}.get(
                anchor, PP_ALIGN.LEFT
            )
            run = para.add_run()
            run.text = text
            run.font.size = Pt(round(size * pt_per_unit, 1))
            run.font.bold = el.get("font-weight") in ("700", "bold")
            run.font.italic = el.get("font-style") == "italic"
            run.font.color.rgb = _rgb(_svg_color(el.get("fill")) or "111111")
    cnv = group._element.nvGrpSpPr.cNvPr
    cnv.set("name", f"Figure: {figure.name}")
    cnv.set("descr", figure.alt)
    return group


def _place(shape, left, top, width, height) -> None:
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


def _style_run(run, size, color, bold=False) -> None:
    from pptx.util import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = _rgb(color)


def write_pptx(deck: list[Slide], path: Path, title: str) -> Path:
    """The slides as an editable PowerPoint deck: a title placeholder on every slide (read
    first), the points in the body placeholder, the timing after them, notes below."""
    from pptx import Presentation
    from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    prs.core_properties.title = title
    prs.core_properties.author = "Who Is Your Customer? course team"
    prs.core_properties.language = "en-US"
    layout = prs.slide_layouts[1]  # Title and Content
    margin = Inches(0.6)
    for s in deck:
        slide = prs.slides.add_slide(layout)
        title_ph, body = slide.shapes.title, slide.placeholders[1]
        big = s.kind == "title"
        _place(
            title_ph,
            margin,
            Inches(2.2 if big else 0.35),
            Inches(SLIDE_W) - 2 * margin,
            Inches(1.6 if big else 1.0),
        )
        title_ph.text_frame.word_wrap = True
        title_ph.text_frame.text = s.title
        for para in title_ph.text_frame.paragraphs:
            para.alignment = PP_ALIGN.LEFT
            for run in para.runs:
                _style_run(run, 40 if big else 32, TITLE_COLOR, bold=True)
        text_w = Inches(SLIDE_W) - 2 * margin
        if s.figure:
            text_w = Inches(6.3)
        body_top = Inches(4.0 if big else 1.45)
        _place(body, margin, body_top, text_w, Inches(SLIDE_H) - body_top - Inches(0.9))
        frame = body.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE  # the sizes below are chosen to fit
        size = 24 if len(s.bullets) <= 4 and sum(map(len, s.bullets)) < 320 else 20
        if s.kind == "agenda":
            size = 18 if len(s.bullets) > 8 else 20
        for i, bullet in enumerate(s.bullets):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.text = bullet
            para.space_after = Pt(8)
            for run in para.runs:
                _style_run(run, size, TEXT_COLOR)
        if s.figure:
            _draw_svg(
                slide.shapes,
                s.figure,
                Inches(7.1),
                Inches(1.4),
                Inches(SLIDE_W - 7.1) - margin,
                Inches(SLIDE_H - 1.4 - 0.8),
            )
        if s.timing:
            box = slide.shapes.add_textbox(
                margin, Inches(SLIDE_H - 0.7), Inches(SLIDE_W) - 2 * margin, Inches(0.45)
            )
            box.name = "Timing"
            box.text_frame.word_wrap = True
            box.text_frame.auto_size = MSO_AUTO_SIZE.NONE
            para = box.text_frame.paragraphs[0]
            run = para.add_run()
            run.text = (f"{s.block}: " if s.block and s.block != s.title else "") + s.timing
            para.alignment = PP_ALIGN.LEFT
            task = s.kind == "task"
            _style_run(run, 20 if task else 16, TITLE_COLOR if task else MUTED_COLOR, bold=task)
        if s.notes:
            slide.notes_slide.notes_text_frame.text = s.notes
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return path


# --- PDF -----------------------------------------------------------------------------------


def slides_html(deck: list[Slide], title: str) -> str:
    """The slides as HTML for WeasyPrint, one page each."""
    from ..files.templates import environment

    env = environment(TEMPLATES)
    return env.get_template("slides.html.j2").render(
        slides=deck,
        title=title,
        width=SLIDE_W,
        height=SLIDE_H,
        images=IMAGES.as_uri(),
    )


def write_pdf(deck: list[Slide], path: Path, title: str) -> Path:
    """The slides as a tagged PDF (PDF/UA-1), laid out from the same records as the deck."""
    from weasyprint import HTML

    try:  # local files only: the slides never load anything from the network
        from weasyprint.urls import URLFetcher

        kwargs = {"url_fetcher": URLFetcher(allowed_protocols=("file", "data"))}
    except ImportError:  # WeasyPrint before 68 fetches only what the HTML names
        kwargs = {}
    document = HTML(string=slides_html(deck, title), base_url=str(TEMPLATES), **kwargs).render(
        pdf_variant=PDF_VARIANT
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(str(path), pdf_variant=PDF_VARIANT, pdf_tags=True)
    return path


def write_slides(out_dir: Path, plan: str) -> list[Path]:
    """Write ``workshop-slides-<plan>.pptx`` and ``.pdf`` into ``out_dir`` for ``plan``
    ("workshop", the 2½-hour workshop, or "short", the 90-minute session); return both
    paths, the deck first."""
    deck = slides(plan)
    title = f"Slides: {_plan(plan).title}"
    out_dir = Path(out_dir)
    stem = f"workshop-slides-{plan}"
    return [
        write_pptx(deck, out_dir / f"{stem}.pptx", title),
        write_pdf(deck, out_dir / f"{stem}.pdf", title),
    ]
