/* The pre-check's and the final assessment's items (sections with data-assessment), on the
 * pages that show them. Each item is answered once: a blank field is refused before the
 * form (ams-exercise-form.js) grades anything, naming the field; once graded the item is
 * locked (fields read-only, its button gone), its feedback and solution show and the focus
 * moves to its result. ams-progress.js keeps the one submission, so a submitted item comes
 * back locked. After the page's last item, a panel in a live region counts the items
 * submitted and, once all are, gives the score; for the final, passed or not against the
 * pass mark, and, when not passed, "Start the assessment again" (asked first), which
 * clears the final's items only. Loaded after ams-progress.js (window.AmsProgress).
 */
(function () {
  "use strict";
  var P = window.AmsProgress;
  var items = Array.prototype.slice.call(document.querySelectorAll("section.ams-exercise[data-assessment]"));
  var setupNode = document.getElementById("ams-exercise-setup");
  if (!P || !items.length || !setupNode) return;
  var vocabulary = JSON.parse(setupNode.textContent).vocabulary;
  var el = P.el;
  var kind = items[0].getAttribute("data-assessment");
  var panel = null;

  function part(section, selector) { return section.querySelector(selector); }
  function fields(section) {
    return Array.prototype.slice.call(section.querySelectorAll("form input[name], form textarea[name]"));
  }
  function points(n) { return n === 1 ? "1 point" : n + " points"; }
  /* A share in percent, never rounded up to the pass mark: 79.96 is "79.9". */
  function shown(a) { return String(Math.floor((a.points * 1000) / a.max) / 10); }

  /* The item's result, from the verdicts the form gave each field. */
  function result(section, score, max) {
    var lines = fields(section).map(function (f) {
      return vocabulary.field_names[f.name] + ": " + vocabulary.verdict_labels[f.dataset.verdict].toLowerCase() + ".";
    });
    return "Submitted. Score " + score + " of " + max + ". " + lines.join(" ") +
      " The solution is open below. This answer is final and can no longer be changed.";
  }

  function lock(section, said, focus) {
    var status = part(section, ".ams-exercise-status"), solution = part(section, "details.ams-exercise-solution");
    section.classList.add("ams-submitted");
    fields(section).forEach(function (f) { f.readOnly = true; });
    part(section, "button.ams-exercise-check").hidden = true;
    // The form's hints are for another try: there is none.
    section.querySelectorAll(".ams-exercise-field-hint").forEach(function (n) { n.remove(); });
    if (said) status.textContent = said;
    if (solution) {
      solution.hidden = false;
      solution.open = true;
    }
    if (focus) status.focus({ preventScroll: true });
  }

  function unlock(section) {
    var status = part(section, ".ams-exercise-status"), solution = part(section, "details.ams-exercise-solution");
    section.classList.remove("ams-submitted");
    fields(section).forEach(function (f) {
      f.value = "";
      f.readOnly = false;
      f.removeAttribute("aria-invalid");
      delete f.dataset.verdict;
    });
    section.querySelectorAll(".ams-exercise-feedback").forEach(function (box) {
      box.hidden = true;
      box.textContent = "";
    });
    status.textContent = "";
    status.className = "ams-exercise-status";
    part(section, "button.ams-exercise-check").hidden = false;
    if (solution) {
      solution.open = false;
      solution.hidden = true;
    }
  }

  items.forEach(function (section) {
    var id = section.getAttribute("data-exercise");
    // Before the form grades: nothing again once submitted, nothing with a field blank.
    section.addEventListener("submit", function (ev) {
      var empty = fields(section).filter(function (f) { return !f.value.trim(); })[0];
      if (!section.classList.contains("ams-submitted") && !empty) return;
      ev.preventDefault();
      ev.stopImmediatePropagation();
      if (!empty || section.classList.contains("ams-submitted")) return;
      var status = part(section, ".ams-exercise-status");
      status.className = "ams-exercise-status ams-verdict-incorrect";
      status.textContent = "Not submitted yet: " + vocabulary.field_names[empty.name] +
        " is blank. Write an answer there first; a best guess is fine.";
      empty.setAttribute("aria-invalid", "true");
      empty.focus();
    }, true);
    section.addEventListener("input", function (ev) {
      if (ev.target.value.trim() && !ev.target.dataset.verdict) ev.target.removeAttribute("aria-invalid");
    });
    section.addEventListener("ams-exercise-change", function (ev) {
      var d = ev.detail;
      if (d.kind === "check" && d.result) lock(section, result(section, d.result.score, d.result.max_score), true);
    });
    // Submitted before: locked again (graded again by the form when its words were kept).
    var e = P.record().e[id];
    if (!e || !(e.a > 0)) return;
    var max = JSON.parse(part(section, "script.ams-exercise-data").textContent).max_score;
    lock(section, fields(section).every(function (f) { return f.dataset.verdict; })
      ? result(section, e.p, max)
      : "Submitted earlier. Score " + e.p + " of " + max + ". Your words were not kept, only the score.");
  });

  /* ---- the panel after the page's last item ---- */
  function ids() {
    var out = [];
    P.course.pages.forEach(function (page) {
      page.checks.forEach(function (c) { if (c.assessment === kind) out.push(c.id); });
    });
    return out;
  }

  function statusText(a) {
    var text = a.submitted + " of " + a.total + " submitted.";
    if (!a.complete) return text + " Your score appears here when every item is submitted.";
    text += " Score: " + shown(a) + "% (" + a.points + " of " + points(a.max) + ").";
    if (kind === "pre") return text + " Not graded: your starting point.";
    return text + (a.passed ? " Passed: the pass mark is " + a.passMark + "%."
      : " Not passed yet, pass mark " + a.passMark + "%.");
  }

  function update() {
    var a = P.summary()[kind];
    if (!a) return;
    panel.status.textContent = statusText(a);
    panel.again.hidden = !(kind === "final" && a.complete && !a.passed);
    if (panel.again.hidden) panel.confirm.hidden = true;
  }

  function build() {
    var box = el("section", "ams-assessment-panel");
    var title = el("h2", "", kind === "final" ? "Your final assessment score" : "Your pre-check score");
    title.id = "ams-assessment-title";
    box.setAttribute("aria-labelledby", title.id);
    var status = el("p", "ams-assessment-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var again = P.asking("ams-again-question", "Start the assessment again",
      "Start the final assessment again? Your answers and score on " +
      (ids().length === 1 ? "its item are" : "all " + ids().length + " of its items are") +
      " removed, and you answer each item once more. Your practice checks and your " +
      "pre-check stay as they are.", "Yes, start again", "No, keep my answers",
      function () {
        P.forget(ids());
        items.forEach(unlock);
        update();
        fields(items[0])[0].focus();
      });
    again.part.className = "ams-assessment-again";
    [title, status, again.part].forEach(function (node) { box.appendChild(node); });
    var last = items[items.length - 1];
    last.parentNode.insertBefore(box, last.nextSibling);
    return { status: status, again: again.part, confirm: again.group };
  }

  panel = build();
  update();
  // After ams-progress.js has saved each submission (its listener was added first).
  document.addEventListener("ams-exercise-change", function (ev) {
    if (ev.target.getAttribute && ev.target.getAttribute("data-assessment") === kind) update();
  });
})();
