/* In-page exercises for "Who Is Your Customer?": the form of each exercise on a page.
 * It reads the reader's answers, has the checker (ams-exercise.js, loaded before this file)
 * grade them, and writes the feedback under each answer. When some answers need work, a
 * summary right above the first of them lists them all, each a link to its field, and
 * takes the focus; the page scrolls so that first one is on screen with its feedback. Hints come one by
 * one and scroll into view; the solution opens after a pass. Enter in a one-line box moves
 * to the next field (from the last one, to the Check button): only the button checks.
 * ams-progress.js hears of every change ("ams-exercise-change") and puts a saved state
 * back through section.amsRestore. Every word shown comes from the page setup's data. */
(function () {
"use strict";

var MARKS = { correct: "\u2713", partial: "\u007e", incorrect: "\u2717", unsure: "?", missing: "?" };
var GAP = 8; // px kept between what is brought into view and the edge of the screen
var lessMotion = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)");

function readJSON(node) {
  return node ? JSON.parse(node.textContent) : null;
}

function el(tag, cls, text) {
  var node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text) node.textContent = text;
  return node;
}

/* Where the window may show content: below the theme's sticky header (the page's
 * scroll-padding-top), above the bottom edge. */
function screenArea() {
  var header = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
  return { top: header + GAP, bottom: document.documentElement.clientHeight - GAP };
}

var fits = (first, last) =>
  last.getBoundingClientRect().bottom - first.getBoundingClientRect().top <=
  screenArea().bottom - screenArea().top;

/* Scroll as little as needed to show everything from the top of `first` to the bottom of
 * `last`; when that is taller than the screen, its top. Smoothly, unless the reader asked
 * for less motion. */
function reveal(first, last) {
  var area = screenArea();
  var top = first.getBoundingClientRect().top - area.top;
  var bottom = (last || first).getBoundingClientRect().bottom - area.bottom;
  var by = bottom > 0 ? Math.min(bottom, top) : Math.min(top, 0);
  if (by) window.scrollBy({ top: by, behavior: lessMotion && lessMotion.matches ? "auto" : "smooth" });
}

function setup(section, pageSetup) {
  var key = readJSON(section.querySelector("script.ams-exercise-data"));
  var form = section.querySelector("form.ams-exercise-form");
  if (!key || !form) return;
  var vocabulary = pageSetup.vocabulary;
  var words = (name, blanks) => vocabulary.page[name].replace(/\{(\w+)\}/g, (_, blank) => blanks[blank]);
  var parts = {
    status: section.querySelector(".ams-exercise-status"),
    summary: section.querySelector(".ams-exercise-summary"),
    solution: section.querySelector("details.ams-exercise-solution"),
    checkButton: section.querySelector("button.ams-exercise-check"),
    hintButton: section.querySelector("button.ams-exercise-hint-button"),
    hints: section.querySelectorAll(".ams-exercise-hints li"),
    input: (name) => form.elements[name],
    feedback: (name) => section.querySelector("[data-feedback-for='" + name + "']")
  };
  var state = {
    attempt: 0,
    hintsShown: 0,
    openedByPass: false, // the solution was opened by a pass, not by the reader
    passOpening: false, // the script, not the reader, is opening or closing it
    restoring: false,
    lastResult: null
  };

  // Tell the page (ams-progress.js keeps it) what the reader has done here.
  function changed(kind) {
    if (state.restoring) return;
    var answers = {};
    key.asks.forEach((name) => { answers[name] = parts.input(name).value; });
    section.dispatchEvent(new CustomEvent("ams-exercise-change", { bubbles: true, detail: {
      kind: kind, exercise: key.id, key: key, answers: answers, attempt: state.attempt,
      hints: state.hintsShown, solution: !!(parts.solution && parts.solution.open), result: state.lastResult
    } }));
  }

  function setSolution(open) {
    state.passOpening = true;
    parts.solution.open = open;
  }

  if (parts.solution) {
    parts.solution.addEventListener("toggle", () => {
      if (state.passOpening) state.passOpening = false;
      else {
        state.openedByPass = false; // the reader opened or closed it: theirs now
        changed("solution");
      }
    });
  }
  form.hidden = false;
  var note = section.querySelector(".ams-exercise-noscript");
  if (note) note.hidden = true;

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    check();
    changed("check");
  });

  // Enter in a one-line box goes on to the next field, and from the last to the Check
  // button: a half-filled form is never checked by accident (in an LMS, a wrong answer).
  form.addEventListener("keydown", (event) => {
    var field = event.target;
    if (event.key !== "Enter" || event.isComposing || field.type !== "text") return;
    event.preventDefault();
    var fields = key.asks.map(parts.input);
    (fields[fields.indexOf(field) + 1] || parts.checkButton).focus();
  });

  // A link in the summary: to its field, shown with its feedback, ready for typing.
  if (parts.summary) {
    parts.summary.addEventListener("click", (event) => {
      var link = event.target.closest("a[data-field]");
      if (!link) return;
      event.preventDefault();
      var input = parts.input(link.dataset.field);
      input.focus({ preventScroll: true });
      reveal(input.parentNode, parts.feedback(link.dataset.field));
    });
  }

  var line = (name, verdict) => vocabulary.field_names[name] + ": " + vocabulary.verdict_labels[verdict].toLowerCase();

  function showFeedback(name, res) {
    var box = parts.feedback(name);
    var input = parts.input(name);
    box.textContent = "";
    box.className = "ams-exercise-feedback ams-verdict-" + res.verdict;
    var verdict = el("p", "ams-exercise-verdict");
    verdict.appendChild(el("span", "ams-exercise-mark", MARKS[res.verdict]));
    verdict.appendChild(document.createTextNode(" " + vocabulary.verdict_labels[res.verdict]));
    verdict.firstChild.setAttribute("aria-hidden", "true");
    box.appendChild(verdict);
    if (res.feedback) box.appendChild(el("p", "ams-exercise-feedback-text", res.feedback));
    if (res.hint) {
      var hint = el("p", "ams-exercise-field-hint");
      hint.appendChild(el("strong", "", words("hint")));
      hint.appendChild(document.createTextNode(res.hint));
      box.appendChild(hint);
    }
    box.hidden = false;
    // "unsure" is no verdict; "partial" needs work, and is drawn apart from "incorrect"
    input.setAttribute("aria-invalid", res.verdict === "incorrect" || res.verdict === "partial" ? "true" : "false");
    input.dataset.verdict = res.verdict;
  }

  // The summary: the score and a link to each answer to work on, right above the first
  // of them (where the reader starts), so the two fit on a phone's screen together.
  function showSummary(result, head, toDo) {
    var summary = parts.summary;
    summary.hidden = result.passed;
    if (result.passed) return;
    form.insertBefore(summary, parts.input(toDo[0]).parentNode);
    summary.className = "ams-exercise-summary ams-verdict-" + (result.score > 0 ? "partial" : "incorrect");
    summary.querySelector(".ams-exercise-summary-title").textContent = head + words("to_work_on");
    var list = summary.querySelector("ul");
    list.textContent = "";
    toDo.forEach((name) => {
      var link = el("a", "", line(name, result.fields[name].verdict));
      link.href = "#" + parts.input(name).id;
      link.dataset.field = name;
      list.appendChild(el("li")).appendChild(link);
    });
  }

  function check() {
    var answers = {};
    key.asks.forEach((name) => {
      var input = parts.input(name);
      answers[name] = input.tagName === "TEXTAREA" ? input.value.split(/\r?\n/) : input.value;
    });
    var result = AmsExercise.grade(pageSetup, key, answers, state.attempt);
    state.attempt += 1;
    key.asks.forEach((name) => showFeedback(name, result.fields[name]));
    var toDo = key.asks.filter((name) => result.fields[name].verdict !== "correct");
    var status = parts.status;
    var head = words("score", { score: String(result.score), max: result.max_score });
    if (result.passed) {
      status.className = "ams-exercise-status ams-verdict-correct";
      status.textContent = head + words("passed");
      if (parts.solution && !parts.solution.open) {
        state.openedByPass = true;
        setSolution(true);
      }
    } else {
      var after = "";
      if (parts.solution && parts.solution.open && state.openedByPass) {
        state.openedByPass = false;
        setSolution(false);
        after = words("closed_again");
      } else if (parts.solution && parts.solution.open) {
        after = words("stays_open");
      }
      status.className = "ams-exercise-status ams-verdict-" + (result.score > 0 ? "partial" : "incorrect");
      var unsure = toDo.some((name) => result.fields[name].verdict === "unsure");
      status.textContent = head + key.asks.map((name) => line(name, result.fields[name].verdict) + ".").join(" ") +
        words("revise") + (unsure ? " " + vocabulary.unsure_note : "") + after;
    }
    if (parts.summary) showSummary(result, head, toDo);
    state.lastResult = result;
    if (state.restoring) return;
    if (result.passed || !parts.summary) {
      reveal(status); // the feedback above the button has pushed the verdict down
      return;
    }
    // Focus on the summary (a screen reader reads it out), and on screen the first answer
    // to work on with its feedback, with the summary above when all of it fits.
    var first = parts.input(toDo[0]).parentNode, box = parts.feedback(toDo[0]);
    parts.summary.focus({ preventScroll: true });
    reveal(fits(parts.summary, box) ? parts.summary : first, box);
  }

  function showHint() {
    var hints = parts.hints, button = parts.hintButton;
    if (state.hintsShown >= hints.length) return;
    var hint = hints[state.hintsShown];
    hint.hidden = false; // in a polite live region: read out as it appears
    state.hintsShown += 1;
    if (state.hintsShown >= hints.length) {
      button.setAttribute("aria-disabled", "true");
      button.textContent = words("all_hints", { n: hints.length });
    } else {
      button.textContent = words("another_hint", { next: state.hintsShown + 1, n: hints.length });
    }
    if (!state.restoring) reveal(hint);
  }
  if (parts.hintButton) {
    parts.hintButton.addEventListener("click", () => {
      showHint();
      changed("hint");
    });
  }

  /* Put back a saved state: answers, hints shown, the last check (graded again) and
   * whether the solution is open. Sends no change event, moves neither focus nor page. */
  section.amsRestore = (saved) => {
    state.restoring = true;
    try {
      key.asks.forEach((name) => {
        if (typeof saved.answers[name] === "string") parts.input(name).value = saved.answers[name];
      });
      while (state.hintsShown < Math.min(saved.hints || 0, parts.hints.length)) showHint();
      if (saved.attempt > 0) {
        state.attempt = saved.attempt - 1;
        check();
      }
      if (parts.solution && parts.solution.open !== !!saved.solution) {
        state.openedByPass = false;
        setSolution(!!saved.solution);
      }
    } finally {
      state.restoring = false;
    }
    return state.lastResult;
  };
}

function start() {
  var pageSetup = readJSON(document.getElementById("ams-exercise-setup"));
  if (!pageSetup || !window.AmsExercise) return;
  document.querySelectorAll("section.ams-exercise").forEach((section) => setup(section, pageSetup));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
})();
