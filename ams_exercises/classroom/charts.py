"""The class report's charts: PNG images drawn with matplotlib, each with a text alternative.

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
from .model import BANDS, ClassSummary

#: One colour per score band (full marks first); the bands are also named in the legend and
#: the table, so the chart does not rely on colour alone.
BAND_COLOURS = ("#1b5e20", "#66bb6a", "#ffb74d", "#c62828")


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
    for (band, _low), colour in zip(BANDS, BAND_COLOURS, strict=True):
        counts = [e.bands[band] for e in exercises][::-1]
        ax.barh(labels, counts, left=left, color=colour, label=band, edgecolor="white")
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
            colour = "white" if value > peak * 0.55 else "black"
            ax.text(j, i, str(value), ha="center", va="center", color=colour, fontsize=9)
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
