/* The "Your progress" page (#ams-progress): every knowledge check by chapter with its state,
 * the share passed, "Download my answers" (one YAML file, named after the name the reader
 * types, with the course's version and the last answers checked in each check, which a
 * trainer's `ams-exercises grade` reads like a worksheet: ams_exercises/classroom/
 * site_answers.py), a control to clear everything (asked first; not inside an LMS, which
 * keeps the learner's attempts itself), the pre-check's and the final assessment's scores
 * (the final's against its pass mark), and, once the final is passed, a one-page printable
 * record of completion with the final's score and the course's time (the full course's
 * when every practice check is passed, else the core path's), marked as self-reported.
 * Reads and writes the record through window.AmsProgress (ams-progress.js, loaded before).
 */
(function () {
  "use strict";
  var P = window.AmsProgress;
  if (!P) return;
  var el = P.el;
  var STATES = ["Not started", "Tried", "Passed"];
  var NAMES = { pre: "Pre-check", final: "Final assessment" };
  var names = []; // the page's name fields, which all show the one name kept

  function url(rel) { return new URL(rel, P.root).href; }

  /* A labelled field for the reader's name, kept with their progress; typing in one of the
   * page's name fields updates the others. changed() runs when the name changes. */
  function nameField(id, changed) {
    var label = el("label", "ams-progress-label", "Your name");
    label.setAttribute("for", id);
    var input = el("input", "ams-progress-name");
    input.id = id;
    input.type = "text";
    input.maxLength = 80;
    input.autocomplete = "name";
    input.value = P.record().n || (P.lms && P.lms.name ? P.lms.name() : "") || "";
    var me = { input: input, changed: changed || function () {} };
    names.push(me);
    input.addEventListener("input", function () {
      P.record().n = input.value.trim().slice(0, 80);
      P.save();
      names.forEach(function (other) {
        if (other !== me) other.input.value = input.value;
        other.changed();
      });
    });
    return [label, input];
  }

  /* The name field's label, then the field and its button side by side (wrapped on a phone). */
  function withButton(field, button) {
    var row = el("div", "ams-progress-row");
    row.appendChild(field[1]);
    row.appendChild(button);
    return [field[0], row];
  }

  function points(n) { return n === 1 ? "1 point" : n + " points"; }

  /* An assessment's line: what is submitted, or its score (the final's against its pass
   * mark). The share is never rounded up to the pass mark: 79.96 is "79.9%". */
  function scoreOf(kind, a) {
    if (!a.complete) return NAMES[kind] + ": " + a.submitted + " of " + a.total + " submitted.";
    var text = NAMES[kind] + ": " + Math.floor((a.points * 1000) / a.max) / 10 + "% (" +
      a.points + " of " + points(a.max) + ")";
    if (kind === "pre") return text + "; not graded: your starting point.";
    return text + (a.passed ? "; passed (pass mark " + a.passMark + "%)."
      : "; not passed yet, pass mark " + a.passMark + "%.");
  }

  function render(box) {
    var s = P.summary(), record = P.record();
    names = [];
    box.textContent = "";
    box.appendChild(el("p", "ams-progress-summary", "You have passed " + s.passed + " of " + s.total +
      " knowledge checks (" + s.score + "% of the points)."));
    ["pre", "final"].forEach(function (kind) {
      if (s[kind]) box.appendChild(el("p", "ams-progress-assessment", scoreOf(kind, s[kind])));
    });
    P.course.pages.forEach(function (page) {
      var h = el("h2", "ams-progress-chapter"), link = el("a", "", page.title);
      link.href = url(page.url);
      h.appendChild(link);
      var assessed = page.checks[0].assessment;
      if (P.pagePassed(page)) h.appendChild(el("span", "", assessed ? " \u2014 all submitted" : " \u2014 all passed"));
      box.appendChild(h);
      var list = el("ul", "ams-progress-list");
      page.checks.forEach(function (c) {
        var e = record.e[c.id], state = e ? e.s : 0, li = el("li", "ams-progress-state-" + state);
        var a = el("a", "", c.title);
        a.href = url(page.url + "#ams-exercise-" + c.id);
        li.appendChild(a);
        var text = ": " + STATES[state];
        if (c.assessment) text = e && e.a > 0 ? ": Submitted (score " + e.p + " of " + c.max + ")" : ": Not submitted";
        else if (state === 1) text += " (best score " + e.p + " of " + c.max + ", " + e.a + (e.a === 1 ? " check)" : " checks)");
        li.appendChild(el("span", "ams-progress-state", text));
        list.appendChild(li);
      });
      box.appendChild(list);
    });
    box.appendChild(download());
    if (s.complete) box.appendChild(completion());
    if (!P.lms) box.appendChild(clearControl(box));
  }

  /* ---- "Download my answers" ---- */

  /* What can go in the file: each check's last checked words ("words"), and the checks
   * passed whose words the record no longer keeps ("bare": only that they were passed). */
  function answered() {
    var record = P.record(), words = [], bare = [];
    P.course.pages.forEach(function (page) {
      page.checks.forEach(function (c) {
        var e = record.e[c.id];
        if (e && e.f) words.push({ check: c, f: e.f });
        else if (e && e.s === 2) bare.push(c);
      });
    });
    return { words: words, bare: bare };
  }

  /* Text as a YAML double-quoted string: JSON's escapes, which YAML reads alike, and \\u
   * escapes for what YAML would not keep as typed (control and line-break characters). */
  function quoted(text) {
    var s = text.toWellFormed ? text.toWellFormed() : text;
    return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  /* An answer as the grader takes it: trimmed, at most max_answer_chars characters. */
  function cut(text) {
    return Array.from(text.trim()).slice(0, P.course.max_answer_chars).join("");
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  /* The file: comments for whoever opens it, the settings, then one worksheet per check. */
  function answersFile(name, found) {
    var C = P.course, lines = [
      "# Answers typed on the course site " + quoted(C.title) + ": the last answers checked",
      "# in each knowledge check. For a trainer: put this file in the class folder (or in",
      "# the learner's own folder there) and run:  ams-exercises grade CLASS-FOLDER",
      "format_version: 1",
      "learner: " + quoted(name),
      "course: " + quoted(C.title),
      "course_version: " + quoted(C.course_version || ""),
      "saved: " + quoted(today()),
      "answers:"
    ];
    found.words.forEach(function (item) {
      lines.push("  - exercise: " + item.check.id);
      item.check.fields.forEach(function (field) {
        var text = String(item.f[P.code(field)] || "");
        if (C.list_fields.indexOf(field) < 0) {
          lines.push("    " + field + ": " + quoted(cut(text)));
          return;
        }
        var entries = text.split(/\r?\n/).map(cut).filter(Boolean).slice(0, C.max_list_entries);
        lines.push("    " + field + ":" + (entries.length ? "" : " []"));
        entries.forEach(function (entry) { lines.push("      - " + quoted(entry)); });
      });
    });
    if (found.bare.length) {
      lines.push("# Passed on the site, but this browser kept only that they were passed,");
      lines.push("# not the words:");
      found.bare.forEach(function (c) { lines.push("#   " + c.id); });
    }
    return lines.join("\n") + "\n";
  }

  /* The file's name: the reader's name in lower case, words joined by dashes. */
  function fileName(name) {
    var other;
    try { other = new RegExp("[^\\p{L}\\p{N}]+", "gu"); } catch (e) { other = /[^a-z0-9]+/g; }
    var base = name.normalize("NFKC").toLowerCase().replace(other, "-").replace(/^-+|-+$/g, "");
    return (Array.from(base).slice(0, 60).join("").replace(/-+$/, "") || "my-answers") + ".yaml";
  }

  function offer(name, text) {
    var link = el("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/yaml;charset=utf-8" }));
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
  }

  function checks(n) { return n + (n === 1 ? " knowledge check" : " knowledge checks"); }

  function download() {
    var part = el("div", "ams-progress-download"), found = answered();
    part.appendChild(el("h2", "", "Download my answers"));
    if (!P.kept()) {
      part.appendChild(el("p", "", "There is nothing to download: this browser is not letting " +
        "the course keep your answers (a private window, or blocked storage), so none were " +
        "saved. To hand your answers to a trainer, open the course in a regular window that " +
        "lets this site store data, and check your answers again."));
      return part;
    }
    if (!found.words.length) {
      part.appendChild(el("p", "", found.bare.length
        ? "There is nothing to download: this browser kept only that you passed " +
          checks(found.bare.length) + ", not the answers you typed. To hand your answers to " +
          "a trainer, check them again on their pages, then come back here."
        : "There is nothing to download yet: you have not checked any answers in this " +
          "browser. Answer a knowledge check, select \u201cCheck my answers\u201d, then " +
          "come back here."));
      return part;
    }
    var lost = found.bare.length ? " Not in the file: " + checks(found.bare.length) +
      " you passed whose answers this browser no longer keeps (it kept only that you passed)." : "";
    part.appendChild(el("p", "", "If a trainer grades your work, download your answers and " +
      "send them the file. It holds your name, the course version, and the last answers you " +
      "checked in each knowledge check you tried (" + found.words.length + " so far)." + lost));
    var form = el("form", "ams-progress-form");
    var field = nameField("ams-download-name", function () {
      if (input.value.trim() && input.getAttribute("aria-invalid")) {
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
        said.textContent = "";
      }
    }), input = field[1];
    var button = el("button", "ams-progress-button", "Download my answers");
    button.type = "submit";
    var said = el("p", "ams-progress-said");
    said.id = "ams-download-said";
    said.setAttribute("role", "status");
    withButton(field, button).forEach(function (node) { form.appendChild(node); });
    part.appendChild(form);
    part.appendChild(said);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var name = input.value.trim();
      if (!name) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", said.id);
        said.textContent = "Type your name first: the file is named after it, so your " +
          "trainer knows whose answers these are.";
        input.focus();
        return;
      }
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
      var now = answered(), file = fileName(name);
      offer(file, answersFile(name, now));
      said.textContent = "Your answers to " + checks(now.words.length) + " are in the file " +
        file + ", in your browser's downloads. Send that file to your trainer.";
    });
    return part;
  }

  function completion() {
    var record = P.record(), part = el("div", "ams-progress-complete"), s = P.summary();
    part.appendChild(el("h2", "", "Course complete"));
    part.appendChild(el("p", "", (s.final ? "You passed the final assessment. " : "You have passed every knowledge check. ") +
      "You can print a one-page record of completion: type your name as it should appear, then print."));
    var field = nameField("ams-record-name", function () { fill(); }), input = field[1];
    var button = el("button", "ams-progress-button", "Print the record of completion");
    button.type = "button";
    var rec = el("div", "ams-record");
    rec.id = "ams-record";
    withButton(field, button).concat([rec]).forEach(function (node) { part.appendChild(node); });
    function fill() {
      rec.textContent = "";
      rec.appendChild(el("p", "ams-record-title", "Record of completion"));
      rec.appendChild(el("p", "ams-record-course", P.course.title));
      rec.appendChild(el("p", "", "Name: " + (input.value.trim() || "________________")));
      rec.appendChild(el("p", "", "Date: " + new Date().toLocaleDateString("en-US",
        { year: "numeric", month: "long", day: "numeric" })));
      var now = P.summary();
      ["final", "pre"].forEach(function (kind) {
        if (now[kind] && now[kind].complete) rec.appendChild(el("p", "", scoreOf(kind, now[kind])));
      });
      // Every practice check passed: the full course; else the core path.
      var time = now.practiceDone || !P.course.core_time ? P.course.time : P.course.core_time;
      if (time) {
        rec.appendChild(el("p", "", "Course time: " + time + (P.course.core_time
          ? (time === P.course.time ? ", the full course" : ", the core path") : "")));
      }
      rec.appendChild(el("p", "", "Knowledge checks passed (" + now.passed + " of " + now.total + "):"));
      var ul = el("ul");
      P.course.pages.forEach(function (page) {
        page.checks.forEach(function (c) {
          if (!c.assessment && record.e[c.id] && record.e[c.id].s === 2) ul.appendChild(el("li", "", c.title));
        });
      });
      rec.appendChild(ul);
      rec.appendChild(el("p", "ams-record-self", "Self-reported: this record was produced by the " +
        "learner's own browser and has not been verified by a trainer."));
    }
    fill();
    button.addEventListener("click", function () {
      fill();
      document.body.classList.add("ams-printing-record");
      window.print();
    });
    window.addEventListener("afterprint", function () { document.body.classList.remove("ams-printing-record"); });
    return part;
  }

  function clearControl(box) {
    var control = P.asking("ams-clear-question", "Clear all saved answers\u2026",
      "Remove every saved answer, result and hint of this course from this browser? This " +
      "cannot be undone.", "Yes, clear everything", "No, keep my answers", function () {
        P.clear();
        render(box);
        var done = el("p", "ams-progress-notice", "All saved answers were cleared.");
        done.setAttribute("role", "status");
        box.insertBefore(done, box.firstChild);
        var summary = box.querySelector(".ams-progress-summary");
        summary.setAttribute("tabindex", "-1");
        summary.focus();
      });
    control.part.className = "ams-progress-clear";
    return control.part;
  }

  function start() {
    var box = document.getElementById("ams-progress");
    if (box) render(box);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
