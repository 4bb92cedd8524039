"""The class report's charts: PNG images drawn with matplotlib, each with a text alternative,
and the pre-check against the final assessment as an inline SVG (:func:`pre_post_svg`).

matplotlib is imported inside the functions (the command line starts without it) and uses
its non-interactive Agg backend and the DejaVu fonts it ships, so nothing is fetched and no
display is needed. Each function returns a :class:`Chart` whose ``alt`` sums up what the
picture shows; the report also prints the same figures as a table.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

from ..grader.vocabulary import FIELD_NAMES, ROLE_NAMES
from .gain import ClassGain
from .model import BANDS, ClassSummary

#: One color per score band (full marks first); the bands are also named in the legend and
#: the table, so the chart does not rely on color alone.
BAND_COLORS = ("#1b5e20", "#66bb6a", "#ffb74d", "#c62828")


@dataclass(frozen=True)
class Chart:
    """A chart as a ``data:`` URL (the report stays one file) and its text alternative."""

    data_url: str
    alt: str


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9})
    return plt


def _to_chart(fig, alt: str) -> Chart:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=120, bbox_inches="tight", metadata={"Software": None})
    fig.clf()
    _pyplot().close(fig)
    return Chart("data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii"), alt)


def _short(text: str, n: int = 48) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def score_distribution(summary: ClassSummary) -> Chart:
    """Per exercise, how many learners fall in each score band (stacked horizontal bars)."""
    plt = _pyplot()
    exercises = summary.exercises
    labels = [_short(e.title) for e in exercises][::-1]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(exercises) + 1.3))
    left = [0] * len(exercises)
    for (band, _low), color in zip(BANDS, BAND_COLORS, strict=True):
        counts = [e.bands[band] for e in exercises][::-1]
        ax.barh(labels, counts, left=left, color=color, label=band, edgecolor="white")
        left = [a + b for a, b in zip(left, counts, strict=True)]
    ax.set_xlabel("learners")
    ax.legend(ncols=len(BANDS), loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    parts = [
        f"{e.title}: {e.bands['full marks']} of {e.answered} full marks, "
        f"average {round(100 * e.mean_fraction)}%"
        for e in exercises
    ]
    alt = (
        "Bar chart of score bands per exercise. "
        + "; ".join(parts)
        + ". The table below gives every figure."
    )
    return _to_chart(fig, alt)


def _role_name(column: str) -> str:
    return ROLE_NAMES.get(column, column)


def role_confusion(summary: ClassSummary) -> Chart:
    """The role-confusion matrix as a heat map: asked field (rows) against role given (columns)."""
    plt = _pyplot()
    rows, cols = summary.confusion_rows, summary.confusion_columns
    grid = [[summary.confusion[r].get(c, 0) for c in cols] for r in rows]
    fig, ax = plt.subplots(figsize=(1.0 * len(cols) + 2.8, 0.55 * len(rows) + 1.8))
    peak = max((v for row in grid for v in row), default=0) or 1
    ax.imshow(grid, cmap="Blues", vmin=0, vmax=peak, aspect="auto")
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            color = "white" if value > peak * 0.55 else "black"
            ax.text(j, i, str(value), ha="center", va="center", color=color, fontsize=9)
    ax.set_xticks(range(len(cols)), [_role_name(c) for c in cols], rotation=35, ha="right")
    ax.set_yticks(range(len(rows)), [FIELD_NAMES[r] for r in rows])
    ax.set_xlabel("what learners' answers really were")
    ax.set_ylabel("field asked")
    mixes = sorted(
        (
            (v, r, c)
            for r, row in zip(rows, grid, strict=True)
            for c, v in zip(cols, row, strict=True)
            if c != r and v
        ),
        reverse=True,
    )[:3]
    said = "; ".join(
        f"{v} answers for {FIELD_NAMES[r].lower()} were really {_role_name(c)}" for v, r, c in mixes
    )
    alt = (
        "Role-confusion matrix: fields asked in rows, the role each answer really named in "
        "columns. "
        + (f"Biggest confusions: {said}. " if said else "No answer named a different role. ")
        + "The table below gives every figure."
    )
    return _to_chart(fig, alt)


#: The pre-post chart's geometry (SVG user units): a row per learner.
_ROW, _LEFT, _RIGHT, _TOP = 22, 170, 600, 46
PRE_COLOR, POST_COLOR, LINK_COLOR = "#16406e", "#1b5e20", "#8795a8"


def _x(score: float) -> float:
    return round(_LEFT + (_RIGHT - _LEFT) * max(0.0, min(100.0, score)) / 100, 1)


def pre_post_svg(gains: ClassGain, id_prefix: str = "gain") -> str:
    """Each learner's pre-check and final assessment as paired dots on one 0-100% scale
    (an open circle before, a filled square after, joined by a line), in the report's
    learner order, with the pass mark marked. An inline SVG with a title and a summary for
    screen readers; the table beside it gives every figure, so shape, not color, tells
    the two scores apart."""
    from html import escape

    rows = gains.rows
    height = _TOP + _ROW * len(rows) + 12
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 {height}" role="img"'
        f' aria-labelledby="{id_prefix}-title {id_prefix}-desc" class="pre-post">',
        f'<title id="{id_prefix}-title">Pre-check and final assessment, learner by learner</title>',
        f'<desc id="{id_prefix}-desc">{escape(_gain_alt(gains))}</desc>',
        '<g font-family="DejaVu Sans, Arial, sans-serif" font-size="12" fill="#1d2430">',
    ]
    for tick in (0, 25, 50, 75, 100):
        x = _x(tick)
        parts.append(
            f'<line x1="{x}" y1="{_TOP - 8}" x2="{x}" y2="{height - 10}" stroke="#dfe4eb"/>'
            f'<text x="{x}" y="{_TOP - 12}" text-anchor="middle">{tick}%</text>'
        )
    mark = _x(gains.pass_mark)
    parts.append(
        f'<line x1="{mark}" y1="{_TOP - 8}" x2="{mark}" y2="{height - 10}" stroke="#8a4b00"'
        ' stroke-dasharray="4 3"/>'
        f'<text x="{mark}" y="14" text-anchor="middle" fill="#8a4b00">pass mark '
        f"{gains.pass_mark:g}%</text>"
    )
    parts.append(
        f'<circle cx="640" cy="{_TOP - 28}" r="5" fill="#fff" stroke="{PRE_COLOR}"'
        ' stroke-width="2"/>'
        f'<text x="650" y="{_TOP - 24}">pre-check</text>'
        f'<rect x="635" y="{_TOP - 17}" width="10" height="10" fill="{POST_COLOR}"/>'
        f'<text x="650" y="{_TOP - 8}">final</text>'
    )
    for n, row in enumerate(rows):
        y = _TOP + _ROW * n + _ROW / 2
        name = row.learner if len(row.learner) <= 24 else row.learner[:23] + "…"
        parts.append(f'<text x="{_LEFT - 10}" y="{y + 4}" text-anchor="end">{escape(name)}</text>')
        if row.pre is not None and row.post is not None:
            parts.append(
                f'<line x1="{_x(row.pre)}" y1="{y}" x2="{_x(row.post)}" y2="{y}"'
                f' stroke="{LINK_COLOR}" stroke-width="2"/>'
            )
        if row.pre is not None:
            parts.append(
                f'<circle cx="{_x(row.pre)}" cy="{y}" r="5" fill="#fff" stroke="{PRE_COLOR}"'
                ' stroke-width="2"/>'
            )
        if row.post is not None:
            parts.append(
                f'<rect x="{_x(row.post) - 5}" y="{y - 5}" width="10" height="10"'
                f' fill="{POST_COLOR}"/>'
            )
        if row.missing:
            said = "took neither test" if row.missing == "both" else f"no {row.missing}"
            parts.append(f'<text x="{_RIGHT + 14}" y="{y + 4}" fill="#505a68">{said}</text>')
    parts.append("</g></svg>")
    return "".join(parts)


def _gain_alt(gains: ClassGain) -> str:
    """The chart in words: how many learners, the class's means and gain, who is left out."""
    said = [f"{len(gains.rows)} learners."]
    if gains.paired:
        said.append(
            f"{len(gains.paired)} took both tests: on average {round(gains.mean_pre or 0)}% "
            f"on the pre-check and {round(gains.mean_post or 0)}% on the final"
            + (
                f", a normalized gain of {gains.class_gain:.2f}."
                if gains.class_gain is not None
                else "."
            )
        )
    if gains.only_one:
        said.append(f"{len(gains.only_one)} took only one test and are left out of the gain.")
    said.append("The table below gives each learner's figures.")
    return " ".join(said)
