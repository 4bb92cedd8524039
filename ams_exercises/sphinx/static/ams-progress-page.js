/* The "Your progress" page (#ams-progress): every knowledge check by chapter with its state,
 * the share passed, a control to clear everything (asked first; not inside an LMS, which
 * keeps the learner's attempts itself), and, once every check is passed, a one-page
 * printable record of completion, marked as self-reported. Reads and writes the record
 * through window.AmsProgress (ams-progress.js, loaded before this file).
 */
(function () {
  "use strict";
  var P = window.AmsProgress;
  if (!P) return;
  var el = P.el;
  var STATES = ["Not started", "Tried", "Passed"];

  function url(rel) { return new URL(rel, P.root).href; }

  function render(box) {
    var s = P.summary(), record = P.record();
    box.textContent = "";
    box.appendChild(el("p", "ams-progress-summary", "You have passed " + s.passed + " of " + s.total +
      " knowledge checks (" + s.score + "% of the points)."));
    P.course.pages.forEach(function (page) {
      var h = el("h2", "ams-progress-chapter"), link = el("a", "", page.title);
      link.href = url(page.url);
      h.appendChild(link);
      if (P.pagePassed(page)) h.appendChild(el("span", "", " \u2014 all passed"));
      box.appendChild(h);
      var list = el("ul", "ams-progress-list");
      page.checks.forEach(function (c) {
        var e = record.e[c.id], state = e ? e.s : 0, li = el("li", "ams-progress-state-" + state);
        var a = el("a", "", c.title);
        a.href = url(page.url + "#ams-exercise-" + c.id);
        li.appendChild(a);
        var text = ": " + STATES[state];
        if (state === 1) text += " (best score " + e.p + " of " + c.max + ", " + e.a + (e.a === 1 ? " check)" : " checks)");
        li.appendChild(el("span", "ams-progress-state", text));
        list.appendChild(li);
      });
      box.appendChild(list);
    });
    if (s.complete) box.appendChild(completion());
    if (!P.lms) box.appendChild(clearControl(box));
  }

  function completion() {
    var record = P.record(), part = el("div", "ams-progress-complete");
    part.appendChild(el("h2", "", "Course complete"));
    part.appendChild(el("p", "", "You have passed every knowledge check. You can print a one-page " +
      "record of completion: type your name as it should appear, then print."));
    var label = el("label", "", "Your name");
    label.setAttribute("for", "ams-record-name");
    var input = el("input");
    input.id = "ams-record-name";
    input.type = "text";
    input.maxLength = 80;
    input.autocomplete = "name";
    input.value = record.n || (P.lms && P.lms.name ? P.lms.name() : "") || "";
    var button = el("button", "ams-progress-button", "Print the record of completion");
    button.type = "button";
    var rec = el("div", "ams-record");
    rec.id = "ams-record";
    [label, input, button, rec].forEach(function (node) { part.appendChild(node); });
    function fill() {
      rec.textContent = "";
      rec.appendChild(el("p", "ams-record-title", "Record of completion"));
      rec.appendChild(el("p", "ams-record-course", P.course.title));
      rec.appendChild(el("p", "", "Name: " + (input.value.trim() || "________________")));
      rec.appendChild(el("p", "", "Date: " + new Date().toLocaleDateString("en-US",
        { year: "numeric", month: "long", day: "numeric" })));
      rec.appendChild(el("p", "", "Knowledge checks passed (" + P.summary().passed + "):"));
      var ul = el("ul");
      P.course.pages.forEach(function (page) {
        page.checks.forEach(function (c) {
          if (record.e[c.id] && record.e[c.id].s === 2) ul.appendChild(el("li", "", c.title));
        });
      });
      rec.appendChild(ul);
      rec.appendChild(el("p", "ams-record-self", "Self-reported: this record was produced by the " +
        "learner's own browser and has not been verified by a trainer."));
    }
    fill();
    input.addEventListener("input", function () {
      record.n = input.value.trim().slice(0, 80);
      P.save();
      fill();
    });
    button.addEventListener("click", function () {
      fill();
      document.body.classList.add("ams-printing-record");
      window.print();
    });
    window.addEventListener("afterprint", function () { document.body.classList.remove("ams-printing-record"); });
    return part;
  }

  function clearControl(box) {
    var part = el("div", "ams-progress-clear");
    var ask = el("button", "ams-progress-button", "Clear all saved answers\u2026");
    var confirm = el("div", "ams-progress-confirm");
    var q = el("p", "", "Remove every saved answer, result and hint of this course from this " +
      "browser? This cannot be undone.");
    var yes = el("button", "ams-progress-button", "Yes, clear everything");
    var no = el("button", "ams-progress-button", "No, keep my answers");
    ask.type = yes.type = no.type = "button";
    q.id = "ams-clear-question";
    confirm.hidden = true;
    confirm.setAttribute("role", "group");
    confirm.setAttribute("aria-labelledby", q.id);
    [q, yes, no].forEach(function (node) { confirm.appendChild(node); });
    part.appendChild(ask);
    part.appendChild(confirm);
    ask.addEventListener("click", function () { confirm.hidden = false; no.focus(); });
    no.addEventListener("click", function () { confirm.hidden = true; ask.focus(); });
    yes.addEventListener("click", function () {
      P.clear();
      render(box);
      var done = el("p", "ams-progress-notice", "All saved answers were cleared.");
      done.setAttribute("role", "status");
      box.insertBefore(done, box.firstChild);
      var summary = box.querySelector(".ams-progress-summary");
      summary.setAttribute("tabindex", "-1");
      summary.focus();
    });
    return part;
  }

  function start() {
    var box = document.getElementById("ams-progress");
    if (box) render(box);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
