"""The HTML of one exercise on a page: pure functions from an answer key to markup.

Called by the HTML translator (:mod:`.nodes`) when it meets an exercise node. Every text
from the key is escaped. The markup is accessible by itself: a ``<section>`` named by its
heading, a ``<label for>`` on every input, a polite live region for the verdict, a named
group the script fills after a check with links to the answers to work on, the solution in
a ``<details>`` element the reader opens (the script opens it after a correct answer).
An assessment item (the pre-check, the final) carries no solution, role map or hints in
the page: it is answered once, and the script shows its accepted answers and explanations
after it is submitted.
The form stays hidden until the script runs; a ``<noscript>`` note says why.
"""

from __future__ import annotations

from html import escape

from ..grader.keys import AnswerKey, modules
from ..grader.vocabulary import FIELD_LABELS, FIELD_NAMES, LIST_FIELDS, MAX_ANSWER_CHARS
from ..role_map import role_map
from .payload import assessment_payload, exercise_payload, script_json


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each on one line."""
    return [" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip()]


def _p(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "\n".join(f"<p{attr}>{escape(p)}</p>" for p in _paragraphs(text))


def _label(name: str) -> str:
    return FIELD_LABELS[name]


def _short_label(name: str) -> str:
    return FIELD_NAMES[name]


def _heading(key: AnswerKey, base: str, level: int) -> str:
    return (
        f'<h{level} class="ams-exercise-title" id="{base}-title">'
        '<span class="ams-exercise-kicker" aria-hidden="true">Exercise</span>'
        f'<span class="ams-sr-only">Exercise: </span>{escape(key.title)}</h{level}>'
    )


def _field(key: AnswerKey, base: str, name: str) -> str:
    fid = f"{base}-{name}"
    feedback = (
        f'<div class="ams-exercise-feedback" id="{fid}-feedback" data-feedback-for="{name}" hidden>'
        "</div>"
    )
    if name in LIST_FIELDS:
        return (
            '<div class="ams-exercise-field ams-exercise-list-field">\n'
            f'<label for="{fid}">{escape(_label(name))}</label>\n'
            f'<p class="ams-exercise-help" id="{fid}-help">One answer per line.</p>\n'
            f'<textarea id="{fid}" name="{name}" rows="3" spellcheck="true" '
            f'aria-describedby="{fid}-help {fid}-feedback"></textarea>\n'
            f"{feedback}\n</div>"
        )
    return (
        '<div class="ams-exercise-field">\n'
        f'<label for="{fid}">{escape(_label(name))}</label>\n'
        f'<input type="text" id="{fid}" name="{name}" maxlength="{MAX_ANSWER_CHARS}" '
        f'spellcheck="true" autocomplete="off" enterkeyhint="next" '
        f'aria-describedby="{fid}-feedback">\n'
        f"{feedback}\n</div>"
    )


def _summary(base: str) -> str:
    """Where the script lists the answers to work on after a check, each a link to its
    field (it moves the list above the first of them); it takes the focus then, so a
    screen reader reads its title out."""
    return (
        f'<div class="ams-exercise-summary" id="{base}-summary" tabindex="-1" role="group" '
        f'aria-labelledby="{base}-summary-title" hidden>\n'
        f'<p class="ams-exercise-summary-title" id="{base}-summary-title"></p>\n'
        "<ul></ul>\n</div>"
    )


def assessment_of(key: AnswerKey) -> str:
    """ "pre" or "final" when ``key``'s module is an assessment, else "" (a practice check)."""
    module = modules().get(key.module)
    return module.assessment if module is not None else ""


def _form(key: AnswerKey, base: str, assessment: str = "") -> str:
    """The form; an assessment item's has no hints and no summary of answers to work on
    (it is answered once), and its button submits."""
    fields = "\n".join(_field(key, base, name) for name in key.asks)
    if assessment:
        summary, hints, focusable = "", "", ' tabindex="-1"'
        buttons = '<button type="submit" class="ams-exercise-check">Submit my answer</button>\n'
    else:
        items = "\n".join(f"<li hidden>{escape(h)}</li>" for h in key.hints)
        summary, focusable = f"{_summary(base)}\n", ""
        buttons = (
            '<button type="submit" class="ams-exercise-check">Check my answers</button>\n'
            f'<button type="button" class="ams-exercise-hint-button" '
            f'aria-controls="{base}-hints">Show a hint (1 of {len(key.hints)})</button>\n'
        )
        hints = (
            f'<ol class="ams-exercise-hints" id="{base}-hints" aria-label="Hints" '
            f'aria-live="polite">\n{items}\n</ol>\n'
        )
    return (
        f'<form class="ams-exercise-form" id="{base}-form" aria-labelledby="{base}-title" '
        "novalidate hidden>\n"
        f"{summary}"
        f"{fields}\n"
        f'<div class="ams-exercise-actions">\n{buttons}</div>\n'
        '<div class="ams-exercise-status" role="status" aria-live="polite" aria-atomic="true"'
        f"{focusable}></div>\n"
        f"{hints}"
        "</form>\n"
        '<noscript><p class="ams-exercise-noscript">Checking answers on this page needs '
        "JavaScript. You can check them in a terminal with <code>ams-exercises check</code>."
        "</p></noscript>"
    )


def _solution(key: AnswerKey, base: str) -> str:
    rows = []
    for name in key.asks:
        fk = key.fields[name]
        if name in LIST_FIELDS:
            answer = "<ul>" + "".join(f"<li>{escape(c)}</li>" for c in fk.canonical) + "</ul>"
            if fk.needed < len(fk.expected):
                answer += f'<p class="ams-exercise-needed">Any {fk.needed} of these is enough.</p>'
        else:
            answer = f'<p class="ams-exercise-answer">{escape(fk.canonical[0])}</p>'
        explain = _p(fk.explanation, "ams-exercise-explanation") if fk.explanation else ""
        rows.append(f"<dt>{escape(_short_label(name))}</dt>\n<dd>{answer}{explain}</dd>")
    return (
        f'<details class="ams-exercise-solution" id="{base}-solution">\n'
        '<summary><span class="ams-when-closed">Show the solution</span>'
        '<span class="ams-when-open">Hide the solution</span></summary>\n'
        '<div class="ams-exercise-solution-body">\n'
        f'<dl class="ams-exercise-answers">\n{chr(10).join(rows)}\n</dl>\n'
        '<p class="ams-exercise-rationale-title"><strong>Why</strong></p>\n'
        f'<div class="ams-exercise-rationale">\n{_p(key.rationale)}\n</div>\n'
        '<figure class="ams-role-map">'
        f"{role_map(key, id_prefix=base + '-map')}"
        "<figcaption>The scenario's role map: each group placed by the role that follows "
        "from how the widget reaches it, with an arrow where one serves another.</figcaption>"
        "</figure>\n"
        "</div>\n</details>"
    )


def _without_solutions(key: AnswerKey, base: str, assessment: str = "") -> str:
    asks = "\n".join(
        f"<li>{escape(_label(n))}{' (a list)' if n in LIST_FIELDS else ''}</li>" for n in key.asks
    )
    hints = "\n".join(f"<li>{escape(h)}</li>" for h in key.hints)
    return (
        '<p class="ams-exercise-asks-title">Name:</p>\n'
        f'<ul class="ams-exercise-asks">\n{asks}\n</ul>\n'
        + (
            ""
            if assessment
            else '<details class="ams-exercise-static-hints">\n<summary>Hints</summary>\n'
            f"<ol>\n{hints}\n</ol>\n</details>\n"
        )
        + '<p class="ams-exercise-note">Write your answers down: your trainer goes through '
        "them with the class.</p>"
    )


def exercise_html(
    key: AnswerKey, ids: list[str], *, heading_level: int = 2, hide_solutions: bool = False
) -> str:
    """The markup of ``key``'s exercise; ``ids[0]`` names the section, others are anchors.
    An assessment item's section says which (``data-assessment``: "pre" or "final")."""
    base = ids[0]
    assessment = assessment_of(key)
    marked = f' data-assessment="{assessment}"' if assessment else ""
    level = max(2, min(heading_level, 6))
    anchors = "".join(f'<span id="{escape(i)}"></span>' for i in ids[1:])
    classes = "ams-exercise" + (" ams-exercise-no-solutions" if hide_solutions else "")
    parts = [
        f'<section class="{classes}" id="{escape(base)}" aria-labelledby="{base}-title" '
        f'data-exercise="{key.id}"{marked}>{anchors}',
        _heading(key, base, level),
        f'<div class="ams-exercise-scenario">\n{_p(key.scenario)}\n</div>',
    ]
    if hide_solutions:
        parts.append(_without_solutions(key, base, assessment))
    elif assessment:
        # Answered once: no solution, role map or hints in the page before it is submitted;
        # the script then shows the accepted answers and explanations from the payload.
        parts.append(_form(key, base, assessment))
        parts.append(
            '<script type="application/json" class="ams-exercise-data">'
            f"{script_json(assessment_payload(key))}</script>"
        )
    else:
        parts.append(_form(key, base))
        parts.append(_solution(key, base))
        parts.append(
            '<script type="application/json" class="ams-exercise-data">'
            f"{script_json(exercise_payload(key))}</script>"
        )
    parts.append("</section>")
    return "\n".join(parts) + "\n"
