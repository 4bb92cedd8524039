/* The pre-check's and the final assessment's items (sections with data-assessment), on the
 * pages that show them. Each item is answered once: a blank field is refused before the
 * form (ams-exercise-form.js) grades anything, naming the field; once graded the item is
 * locked (fields read-only, its button gone), its feedback shows as a result, not as
 * coaching, with the solution built from the item's data (the accepted answers and why:
 * the page carries no solution before), and the focus moves to its result.
 * ams-progress.js keeps the one submission: a submitted item comes back locked, and one
 * submitted in another tab or window is locked here too, with the answers kept there.
 * After the page's last item, a panel in a live region counts the items submitted and,
 * once all are, gives the score; for the final, passed or not against the pass mark. The
 * final is not started again here: a new attempt is the trainer's decision (or the LMS's).
 * Loaded after ams-progress.js (window.AmsProgress).
 */
(function () {
  "use strict";
  var P = window.AmsProgress;
  var items = Array.prototype.slice.call(document.querySelectorAll("section.ams-exercise[data-assessment]"));
  var setupNode = document.getElementById("ams-exercise-setup");
  if (!P || !items.length || !setupNode) return;
  var setup = JSON.parse(setupNode.textContent), vocabulary = setup.vocabulary;
  var el = P.el;
  var kind = items[0].getAttribute("data-assessment");
  var panel = null;

  var ask = setup.structure.next_question;
  var ELSEWHERE = " It was already submitted in another tab or window: these are the answers kept.";

  function part(section, selector) { return section.querySelector(selector); }
  function fields(section) {
    return Array.prototype.slice.call(section.querySelectorAll("form input[name], form textarea[name]"));
  }
  function data(section) { return JSON.parse(part(section, "script.ams-exercise-data").textContent); }
  function points(n) { return n === 1 ? "1 point" : n + " points"; }
  /* A share in percent, never rounded up to the pass mark: 79.96 is "79.9". */
  function shown(a) { return String(Math.floor((a.points * 1000) / a.max) / 10); }
  function label(verdict) { return vocabulary.submitted_labels[verdict]; }

  /* The item's result, from the verdicts the form gave each field. */
  function result(section, score, max) {
    var lines = fields(section).map(function (f) {
      return vocabulary.field_names[f.name] + ": " + label(f.dataset.verdict).toLowerCase() + ".";
    });
    return "Submitted: " + score + " of " + points(max) + ". " + lines.join(" ") +
      " This answer is final. The answers the course accepts, and why, are below.";
  }

  /* The form's feedback, said as a result: no "not right yet", no question to try again. */
  function asResult(section) {
    section.querySelectorAll(".ams-exercise-field-hint").forEach(function (n) { n.remove(); });
    fields(section).forEach(function (f) {
      var box = section.querySelector("[data-feedback-for='" + f.name + "']");
      var verdict = box && part(box, ".ams-exercise-verdict"), text = box && part(box, ".ams-exercise-feedback-text");
      if (verdict && f.dataset.verdict) verdict.lastChild.textContent = " " + label(f.dataset.verdict);
      if (text && f.dataset.verdict === "unsure") text.textContent = vocabulary.submitted_unsure;
      var next = ask[f.name];
      if (text && next && text.textContent.slice(-next.length) === next) {
        text.textContent = text.textContent.slice(0, -next.length).trim();
        if (!text.textContent) text.remove();
      }
    });
  }

  function paragraphs(text, cls) {
    return text.split(/\n\s*\n/).filter(function (p) { return p.trim(); }).map(function (p) {
      return el("p", cls, p.replace(/\s+/g, " ").trim());
    });
  }

  /* The solution, from the item's data: each field's accepted answers and explanation. */
  function solution(section) {
    var key = data(section), box = el("details", "ams-exercise-solution");
    var summary = el("summary");
    summary.appendChild(el("span", "ams-when-closed", "Show the solution"));
    summary.appendChild(el("span", "ams-when-open", "Hide the solution"));
    box.appendChild(summary);
    var body = box.appendChild(el("div", "ams-exercise-solution-body"));
    var list = body.appendChild(el("dl", "ams-exercise-answers"));
    key.asks.forEach(function (name) {
      var fk = key.fields[name], dd = el("dd");
      list.appendChild(el("dt", "", vocabulary.field_names[name]));
      if (vocabulary.list_fields.indexOf(name) >= 0) {
        var ul = dd.appendChild(el("ul"));
        fk.expected.forEach(function (item) { ul.appendChild(el("li", "", item[0])); });
        if (fk.needed < fk.expected.length) {
          dd.appendChild(el("p", "ams-exercise-needed", "Any " + fk.needed + " of these is enough."));
        }
      } else {
        dd.appendChild(el("p", "ams-exercise-answer", fk.expected[0][0]));
      }
      if (fk.explanation) paragraphs(fk.explanation, "ams-exercise-explanation").forEach(function (p) { dd.appendChild(p); });
      list.appendChild(dd);
    });
    box.open = true;
    return box;
  }

  function lock(section, said, focus) {
    var status = part(section, ".ams-exercise-status");
    section.classList.add("ams-submitted");
    fields(section).forEach(function (f) { f.readOnly = true; });
    part(section, "button.ams-exercise-check").hidden = true;
    asResult(section);
    if (said) status.textContent = said;
    if (!part(section, "details.ams-exercise-solution")) {
      var form = part(section, "form.ams-exercise-form");
      form.parentNode.insertBefore(solution(section), form.nextSibling);
    }
    if (focus) status.focus({ preventScroll: true });
  }

  /* This tab's answers and verdicts gone, before the kept submission is put back. */
  function clear(section) {
    fields(section).forEach(function (f) {
      f.value = "";
      f.removeAttribute("aria-invalid");
      delete f.dataset.verdict;
    });
    section.querySelectorAll(".ams-exercise-feedback").forEach(function (box) {
      box.hidden = true;
      box.textContent = "";
    });
  }

  /* Lock `section` as its kept record says (words graded again when they were kept). */
  function lockKept(section, extra, focus) {
    var e = P.record().e[section.getAttribute("data-exercise")];
    if (!e || !(e.a > 0)) return false;
    var max = data(section).max_score;
    lock(section, (fields(section).every(function (f) { return f.dataset.verdict; })
      ? result(section, e.p, max)
      : "Submitted earlier: " + e.p + " of " + points(max) + ". Your words were not kept, only the score.") +
      (extra || ""), focus);
    return true;
  }

  /* Kept in another tab or window: this one's answers give way to the kept ones. */
  function takeKept(section, focus) {
    clear(section);
    P.restore(section);
    lockKept(section, ELSEWHERE, focus);
  }

  items.forEach(function (section) {
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
    lockKept(section); // submitted before: locked again
  });

  /* ---- the panel after the page's last item ---- */
  function statusText(a) {
    var text = a.submitted + " of " + a.total + " submitted.";
    if (!a.complete) return text + " Your score appears here when every item is submitted.";
    text += " Score: " + shown(a) + "% (" + a.points + " of " + points(a.max) + ").";
    if (kind === "pre") return text + " Not graded: your starting point.";
    if (a.passed) return text + " Passed: the pass mark is " + a.passMark + "%.";
    return text + " Not passed: the pass mark is " + a.passMark + "%. The final assessment is " +
      "answered once, so it cannot be started again here. Whether you get a new attempt is up " +
      "to your trainer or your training office. If you take the course in a learning system " +
      "(LMS), they can start a new attempt for you there.";
  }

  function update() {
    var a = P.summary()[kind];
    if (a) panel.textContent = statusText(a);
  }

  function build() {
    var box = el("section", "ams-assessment-panel");
    var title = el("h2", "", kind === "final" ? "Your final assessment score" : "Your pre-check score");
    title.id = "ams-assessment-title";
    box.setAttribute("aria-labelledby", title.id);
    var status = el("p", "ams-assessment-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    box.appendChild(title);
    box.appendChild(status);
    var last = items[items.length - 1];
    last.parentNode.insertBefore(box, last.nextSibling);
    return status;
  }

  panel = build();
  update();
  // After ams-progress.js has saved each submission (its listener was added first); one it
  // refused (already submitted elsewhere) shows the kept answers instead.
  document.addEventListener("ams-exercise-change", function (ev) {
    var section = ev.target;
    if (!section.getAttribute || section.getAttribute("data-assessment") !== kind) return;
    if (ev.detail && ev.detail.refused) takeKept(section, true);
    update();
  });
  // Another tab or window saved: lock what it submitted.
  document.addEventListener("ams-progress-reloaded", function () {
    items.forEach(function (section) {
      var e = P.record().e[section.getAttribute("data-exercise")];
      if (e && e.a > 0 && !section.classList.contains("ams-submitted")) takeKept(section, false);
    });
    update();
  });
})();
