/* In-page exercises for "Who Is Your Customer?": the form of each exercise on a page.
 * It reads the reader's answers, has the checker (ams-exercise.js, loaded before this file)
 * grade them, writes the feedback, shows hints and opens the solution after a pass.
 * ams-progress.js hears of every change ("ams-exercise-change") and puts a saved state
 * back through section.amsRestore. */
(function () {
  "use strict";

  var MARKS = { correct: "\u2713", partial: "\u007e", incorrect: "\u2717", unsure: "?", missing: "?" };

  function readJSON(el) {
    return el ? JSON.parse(el.textContent) : null;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  var num = (x) => String(x); // the checker has rounded it
  var words = (setup, k, v) => setup.vocabulary.page[k].replace(/\{(\w+)\}/g, (_, b) => v[b]); // the page's words

  function setup(section, pageSetup) {
    var key = readJSON(section.querySelector("script.ams-exercise-data"));
    var form = section.querySelector("form.ams-exercise-form");
    if (!key || !form) return;
    var status = section.querySelector(".ams-exercise-status");
    var solution = section.querySelector("details.ams-exercise-solution");
    var hintButton = section.querySelector("button.ams-exercise-hint-button");
    var hintItems = section.querySelectorAll(".ams-exercise-hints li");
    var attempt = 0;
    var shown = 0;
    var openedByPass = false; // the solution was opened by a pass, not by the reader
    var passOpening = false;
    var restoring = false;
    var lastResult = null;
    // Tell the page (ams-progress.js keeps it) what the reader has done here.
    function changed(kind) {
      if (restoring) return;
      var answers = {};
      key.asks.forEach((name) => { answers[name] = form.elements[name].value; });
      section.dispatchEvent(new CustomEvent("ams-exercise-change", { bubbles: true, detail: {
        kind: kind, exercise: key.id, key: key, answers: answers, attempt: attempt, hints: shown,
        solution: !!(solution && solution.open), result: lastResult
      } }));
    }
    if (solution) {
      solution.addEventListener("toggle", () => {
        if (passOpening) passOpening = false;
        else {
          openedByPass = false; // the reader opened or closed it: theirs now
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

    function check() {
      var answers = {};
      key.asks.forEach((name) => {
        var input = form.elements[name];
        answers[name] = input.tagName === "TEXTAREA" ? input.value.split(/\r?\n/) : input.value;
      });
      var result = AmsExercise.grade(pageSetup, key, answers, attempt);
      attempt += 1;
      var lines = [];
      key.asks.forEach((name) => {
        var res = result.fields[name];
        var box = section.querySelector("[data-feedback-for='" + name + "']");
        var input = form.elements[name];
        box.textContent = "";
        box.className = "ams-exercise-feedback ams-verdict-" + res.verdict;
        var verdict = el("p", "ams-exercise-verdict");
        verdict.appendChild(el("span", "ams-exercise-mark", MARKS[res.verdict]));
        verdict.appendChild(document.createTextNode(" " + pageSetup.vocabulary.verdict_labels[res.verdict]));
        verdict.firstChild.setAttribute("aria-hidden", "true");
        box.appendChild(verdict);
        if (res.feedback) box.appendChild(el("p", "ams-exercise-feedback-text", res.feedback));
        if (res.hint) {
          var hint = el("p", "ams-exercise-field-hint");
          hint.appendChild(el("strong", "", words(pageSetup, "hint")));
          hint.appendChild(document.createTextNode(res.hint));
          box.appendChild(hint);
        }
        box.hidden = false;
        input.setAttribute("aria-invalid", res.verdict === "incorrect" || res.verdict === "partial" ? "true" : "false"); // not "unsure": no verdict
        lines.push(pageSetup.vocabulary.field_names[name] + ": " + pageSetup.vocabulary.verdict_labels[res.verdict].toLowerCase() + ".");
      });
      var head = words(pageSetup, "score", { score: num(result.score), max: result.max_score });
      if (result.passed) {
        status.className = "ams-exercise-status ams-verdict-correct";
        status.textContent = head + words(pageSetup, "passed");
        if (solution && !solution.open) {
          passOpening = true;
          openedByPass = true;
          solution.open = true;
        }
      } else {
        var after = "";
        if (solution && solution.open && openedByPass) {
          passOpening = true;
          openedByPass = false;
          solution.open = false;
          after = words(pageSetup, "closed_again");
        } else if (solution && solution.open) {
          after = words(pageSetup, "stays_open");
        }
        status.className = "ams-exercise-status ams-verdict-" + (result.score > 0 ? "partial" : "incorrect");
        var unsure = key.asks.some((name) => { return result.fields[name].verdict === "unsure"; });
        status.textContent = head + lines.join(" ") + words(pageSetup, "revise") +
          (unsure ? " " + pageSetup.vocabulary.unsure_note : "") + after;
      }
      lastResult = result;
      // The feedback above the button has pushed the summary down: bring it into view.
      if (!restoring) status.scrollIntoView({ block: "nearest" });
    }

    function showHint() {
      if (shown >= hintItems.length) return;
      hintItems[shown].hidden = false;
      shown += 1;
      if (shown >= hintItems.length) {
        hintButton.setAttribute("aria-disabled", "true");
        hintButton.textContent = words(pageSetup, "all_hints", { n: hintItems.length });
      } else {
        hintButton.textContent = words(pageSetup, "another_hint", { next: shown + 1, n: hintItems.length });
      }
    }
    if (hintButton) {
      hintButton.addEventListener("click", () => {
        showHint();
        changed("hint");
      });
    }

    /* Put back a saved state: answers, hints shown, the last check (graded again) and
     * whether the solution is open. Sends no change event. */
    section.amsRestore = (state) => {
      restoring = true;
      try {
        key.asks.forEach((name) => {
          if (typeof state.answers[name] === "string") form.elements[name].value = state.answers[name];
        });
        while (shown < Math.min(state.hints || 0, hintItems.length)) showHint();
        if (state.attempt > 0) {
          attempt = state.attempt - 1;
          check();
        }
        if (solution && solution.open !== !!state.solution) {
          passOpening = true;
          openedByPass = false;
          solution.open = !!state.solution;
        }
      } finally {
        restoring = false;
      }
      return lastResult;
    };
  }

  function start() {
    var pageSetup = readJSON(document.getElementById("ams-exercise-setup"));
    if (!pageSetup || !window.AmsExercise) return;
    document.querySelectorAll("section.ams-exercise").forEach((section) => {
      setup(section, pageSetup);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
