/* Progress that lasts, for "Who Is Your Customer?": every knowledge check's answers,
 * result, hints shown and solution state, kept in this browser (localStorage) or, inside
 * the SCORM package, by the launch page that talks to the LMS (window.parent.AmsLms).
 * Restores each check on its page and marks finished chapters in the navigation; the
 * "Your progress" page is ams-progress-page.js, through window.AmsProgress. Nothing is
 * sent anywhere else.
 * The list of checks comes from ams-course.js (window.AmsCourse, written by the build),
 * with the assessments' items marked ("pre", "final") and the final's pass mark: an item
 * is submitted once (its entry's checks made > 0), and the final's share of points, against
 * the pass mark (the LMS's mastery score inside one), decides whether the course is
 * complete; practice checks never do. The stored record is read again before each save,
 * and on another tab's or window's change ("storage"), so that one tab does not undo
 * another's work and an item submitted in one cannot be submitted again in the other.
 * Record (version 1): {"v":1,"n":name,"e":{id:[state 0|1|2, best score, checks made,
 * hints shown, solution open 0|1, answers {field code: text} or 0, passed answers
 * {field code: [key item indices]}]}}. Inside an LMS it stays under 4,000 characters (what
 * SCORM 1.2 keeps for a learner); in the browser's storage under 100,000, so that the
 * words of every check are kept for "Download my answers" on the "Your progress" page.
 */
(function () {
  "use strict";
  var COURSE = window.AmsCourse;
  if (!COURSE || typeof document === "undefined") return;
  var KEY = "ams-progress", VERSION = 1, LMS_BUDGET = 4000, SITE_BUDGET = 100000;
  var ROOT = new URL("..", document.currentScript.src).href;
  var checks = {};
  COURSE.pages.forEach(function (page) {
    page.checks.forEach(function (c) { checks[c.id] = { page: page, check: c, codes: c.fields.map(code) }; });
  });

  function code(name) {
    return name.split("_").map(function (w) { return w[0]; }).join("");
  }

  /* ---- where the record lives ---- */
  var lms = null, storage = null, memory = "";
  try { if (window.parent !== window && window.parent.AmsLms) lms = window.parent.AmsLms; } catch (e) { lms = null; }
  if (!lms) {
    try {
      storage = window.localStorage;
      storage.setItem(KEY + "-probe", "1");
      storage.removeItem(KEY + "-probe");
    } catch (e) { storage = null; }
  }
  function readText() {
    if (lms) return lms.load();
    return storage ? storage.getItem(KEY) : memory;
  }
  function writeText(text, check) {
    if (lms) return lms.save(text, summary(), check);
    memory = text;
    if (!storage) return;
    try {
      if (text) storage.setItem(KEY, text); else storage.removeItem(KEY);
    } catch (e) {
      storage = null;
      unsaved();
    }
  }

  /* ---- the record: read, checked entry by entry, written within the budget ---- */
  function isInt(x, max) { return typeof x === "number" && x % 1 === 0 && x >= 0 && x <= max; }
  function onlyCodes(obj, codes, ok) {
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) return false;
    return Object.keys(obj).every(function (k) { return codes.indexOf(k) >= 0 && ok(obj[k]); });
  }
  function entryFrom(id, raw) {
    var c = checks[id];
    if (!c || !Array.isArray(raw) || raw.length < 6 || raw.length > 7) return null;
    var e = { s: raw[0], p: raw[1], a: raw[2], h: raw[3], o: raw[4], f: raw[5] || null, m: raw[6] || null };
    if (!isInt(e.s, 2) || typeof e.p !== "number" || !(e.p >= 0 && e.p <= c.check.max) ||
        !isInt(e.a, 1e6) || !isInt(e.h, 50) || !isInt(e.o, 1)) return null;
    if (e.f && !onlyCodes(e.f, c.codes, function (v) { return typeof v === "string" && v.length < 4000; })) return null;
    if (e.m && !onlyCodes(e.m, c.codes, function (v) {
      return Array.isArray(v) && v.every(function (i) { return isInt(i, 99); });
    })) return null;
    return e;
  }
  function load() {
    var rec = { e: {}, n: "" }, dropped = 0, raw = null, text = null;
    try { text = readText(); } catch (e) { text = null; }
    if (!text) return { rec: rec, dropped: 0 };
    try { raw = JSON.parse(text); } catch (e) { raw = null; }
    if (!raw || raw.v !== VERSION || !raw.e || typeof raw.e !== "object") return { rec: rec, dropped: -1 };
    Object.keys(raw.e).forEach(function (id) {
      var e = entryFrom(id, raw.e[id]);
      if (e) rec.e[id] = e; else dropped += 1;
    });
    if (typeof raw.n === "string") rec.n = raw.n.slice(0, 80);
    return { rec: rec, dropped: dropped };
  }
  function serialize(rec, keep) {
    var ids = Object.keys(rec.e), drop = {}, bare = {};
    function build() {
      var out = { v: VERSION, e: {} };
      if (rec.n) out.n = rec.n;
      ids.forEach(function (id) {
        var e = rec.e[id], arr = [e.s, e.p, e.a, e.h, e.o, drop[id] || !e.f ? 0 : e.f];
        if (e.m && !bare[id]) arr.push(e.m);
        out.e[id] = arr;
      });
      return JSON.stringify(out);
    }
    var text = build();
    // Too long: drop whole answers, longest first; passed checks go first, as they keep
    // which key items they matched and come back with the key's words.
    // Practice checks' words go before an assessment's, whose items cannot be answered again,
    // and the words of the check just made (`keep`) go last of all.
    function size(id) {
      return JSON.stringify(rec.e[id].f).length + (rec.e[id].m ? 1e5 : 0) +
        (checks[id].check.assessment ? 0 : 2e5) - (id === keep ? 1e6 : 0);
    }
    var order = ids.filter(function (id) { return rec.e[id].f; }).sort(function (a, b) { return size(b) - size(a); });
    var budget = lms ? LMS_BUDGET : SITE_BUDGET;
    while (text.length > budget && order.length) {
      drop[order.shift()] = true;
      text = build();
    }
    // Still too long (a course of many checks): passed practice checks keep only that
    // they were passed, not which key items they matched.
    var matched = ids.filter(function (id) { return rec.e[id].m && !checks[id].check.assessment; });
    while (text.length > budget && matched.length) {
      bare[matched.pop()] = true;
      text = build();
    }
    return text;
  }

  /* The record as stored now (another tab or window may have written it); kept as it is
   * here when the stored one cannot be read. */
  function reread() {
    if (!lms && !storage) return;
    var fresh = load();
    if (fresh.dropped >= 0) record = fresh.rec;
  }

  var loaded = load();
  var record = loaded.rec;
  if (loaded.dropped) save();
  var complete = summary().complete;

  function save(check) {
    var empty = !Object.keys(record.e).length && !record.n;
    writeText(empty ? "" : serialize(record, check && check.id), check);
  }

  function percent(points, max) { return max ? Math.round((10000 * points) / max) / 100 : 0; }
  /* The practice checks (total, passed, score: percent of their points), each assessment
   * the book has (pre, final: items, submitted, points, max, percent, complete; the
   * final's passMark and passed), and whether the course is complete: the final passed
   * (without a final, every check passed). progress: the share of checks done. */
  function summary() {
    var out = { total: 0, passed: 0, points: 0, max: 0, done: 0, all: 0 };
    Object.keys(COURSE.assessments || {}).forEach(function (kind) {
      out[kind] = { id: COURSE.assessments[kind].id, total: 0, submitted: 0, points: 0, max: 0 };
    });
    Object.keys(checks).forEach(function (id) {
      var e = record.e[id], c = checks[id].check, part = c.assessment ? out[c.assessment] : out;
      out.all += 1;
      part.total += 1;
      part.max += c.max;
      if (c.assessment && e && e.a > 0) {
        part.submitted += 1;
        part.points += Math.min(e.p, c.max);
        out.done += 1;
      } else if (!c.assessment && e) {
        part.points += Math.min(e.p, c.max);
        if (e.s === 2) part.passed += 1;
      }
    });
    out.done += out.passed;
    out.progress = out.all ? Math.round((10000 * out.done) / out.all) / 10000 : 0;
    out.score = percent(out.points, out.max);
    ["pre", "final"].forEach(function (kind) {
      var a = out[kind];
      if (!a) return;
      a.complete = a.total > 0 && a.submitted === a.total;
      a.percent = percent(a.points, a.max);
    });
    var f = out.final;
    if (f) {
      f.passMark = passMark();
      f.passed = f.complete && f.points * 100 >= f.passMark * f.max;
    }
    out.practiceDone = out.total > 0 && out.passed === out.total;
    out.complete = f ? f.passed : out.practiceDone;
    return out;
  }
  /* The final's pass mark: the LMS's mastery score inside one, else the book's. */
  function passMark() {
    var m = lms && lms.mastery ? Number(lms.mastery()) : NaN;
    return isNaN(m) ? COURSE.assessments.final.pass_mark : m;
  }

  /* ---- notices: once per page ---- */
  var said = {};
  function notice(kind, text) {
    if (said[kind]) return;
    said[kind] = true;
    var p = el("p", "ams-progress-notice", text);
    p.setAttribute("role", "status");
    var box = document.getElementById("ams-progress");
    if (box) return box.parentNode.insertBefore(p, box);
    var where = document.querySelector("main article, main") || document.body;
    where.insertBefore(p, where.firstChild);
  }
  function unsaved() {
    notice("unsaved", "This browser is not letting the course save anything (a private window or " +
      "blocked storage), so your answers work here but are not kept when you leave the page.");
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }
  /* A button that asks first (`ask`): a group with the `question`, then `yes` (which runs
   * `done`) and `no`. Asking moves the focus to "no"; "no" hides the group and moves it back. */
  function asking(id, ask, question, yes, no, done) {
    var part = el("div"), button = el("button", "ams-progress-button", ask);
    var group = el("div", "ams-progress-confirm"), q = el("p", "", question);
    var yesButton = el("button", "ams-progress-button", yes), noButton = el("button", "ams-progress-button", no);
    button.type = yesButton.type = noButton.type = "button";
    q.id = id;
    group.hidden = true;
    group.setAttribute("role", "group");
    group.setAttribute("aria-labelledby", q.id);
    [q, yesButton, noButton].forEach(function (node) { group.appendChild(node); });
    part.appendChild(button);
    part.appendChild(group);
    button.addEventListener("click", function () { group.hidden = false; noButton.focus(); });
    noButton.addEventListener("click", function () { group.hidden = true; button.focus(); });
    yesButton.addEventListener("click", done);
    return { part: part, group: group };
  }

  /* ---- the checks on this page ---- */
  function keyOf(section) {
    var data = section.querySelector("script.ams-exercise-data");
    try { return data ? JSON.parse(data.textContent) : null; } catch (e) { return null; }
  }
  /* A check's saved state back on its page. An assessment item whose words were not kept
   * comes back unanswered here; ams-assessment.js locks it from the record. */
  function restore(section) {
    var id = section.getAttribute("data-exercise"), e = record.e[id], c = checks[id];
    if (!e || !c || typeof section.amsRestore !== "function") return;
    var key = keyOf(section), answers = {}, have = false;
    c.check.fields.forEach(function (name) {
      var k = code(name);
      if (e.f && typeof e.f[k] === "string") {
        answers[name] = e.f[k];
        have = true;
      } else if (e.m && e.m[k] && key && key.fields[name]) {
        answers[name] = e.m[k].map(function (i) {
          var item = key.fields[name].expected[i];
          return item ? item[0] : "";
        }).join("\n");
        have = true;
      }
    });
    section.amsRestore({ answers: answers, attempt: have ? e.a : 0, hints: e.h, solution: e.o === 1 });
  }
  document.addEventListener("ams-exercise-change", function (ev) {
    var d = ev.detail, c = d && checks[d.exercise];
    if (!c) return;
    reread(); // another tab or window may have saved since this page read the record
    var e = record.e[d.exercise] || { s: 0, p: 0, a: 0, h: 0, o: 0, f: null, m: null };
    // An assessment item keeps only its one submission: a second (from another tab or
    // window) is refused, and ams-assessment.js shows the kept one.
    if (c.check.assessment && d.kind === "check" && e.a > 0) d.refused = true;
    if (c.check.assessment && (d.kind !== "check" || e.a > 0)) return;
    e.h = d.hints;
    e.o = d.solution ? 1 : 0;
    var check = null;
    if (d.kind === "check" && d.result) {
      e.a = d.attempt;
      e.f = {};
      c.check.fields.forEach(function (name) { e.f[code(name)] = String(d.answers[name] || ""); });
      e.s = Math.max(e.s, d.result.passed ? 2 : 1);
      e.p = Math.max(e.p, Math.min(d.result.score, c.check.max));
      if (d.result.passed) {
        e.m = {};
        c.check.fields.forEach(function (name) {
          var res = d.result.fields[name], expected = d.key.fields[name].expected;
          e.m[code(name)] = (res ? res.matched : []).map(function (text) {
            return expected.findIndex(function (item) { return item[0] === text; });
          }).filter(function (i) { return i >= 0; });
        });
      }
      check = {
        id: d.exercise, passed: !!d.result.passed, kind: c.check.assessment || "check",
        // an answer without a verdict: the LMS records "unanticipated", not "wrong"
        unsure: Object.keys(d.result.fields).some(function (n) { return d.result.fields[n].verdict === "unsure"; })
      };
    }
    record.e[d.exercise] = e;
    save(check);
    mark();
    if (check && !complete && (complete = summary().complete)) {
      var done = el("p", "ams-progress-notice", (COURSE.assessments && COURSE.assessments.final
        ? "You passed the final assessment: the course is complete. "
        : "That was the last knowledge check: the course is complete. "));
      var link = el("a", "", "See your progress and print a record of completion");
      link.href = new URL("book/progress.html", ROOT).href;
      done.appendChild(link);
      done.setAttribute("role", "status");
      ev.target.appendChild(done);
    }
  });

  /* ---- navigation: chapters whose checks are all passed (an assessment's: submitted) ---- */
  function pagePassed(page) {
    return page.checks.every(function (c) {
      var e = record.e[c.id];
      return e && (c.assessment ? e.a > 0 : e.s === 2);
    });
  }
  function mark() {
    COURSE.pages.forEach(function (page) {
      var url = new URL(page.url, ROOT).href, done = pagePassed(page);
      document.querySelectorAll(".bd-sidebar a[href], nav.bd-links a[href]").forEach(function (a) {
        if (a.href.split("#")[0] !== url) return;
        var m = a.querySelector(".ams-progress-done");
        if (done && !m) {
          m = el("span", "ams-progress-done");
          var tick = el("span", "", " \u2713");
          tick.setAttribute("aria-hidden", "true");
          m.appendChild(tick);
          m.appendChild(el("span", "ams-progress-sr", page.checks[0].assessment ? " (all submitted)" : " (all checks passed)"));
          a.appendChild(m);
        } else if (!done && m) {
          m.remove();
        }
      });
    });
  }

  /* What the "Your progress" page (ams-progress-page.js) uses. */
  window.AmsProgress = {
    course: COURSE, root: ROOT, lms: lms, el: el, asking: asking, summary: summary, pagePassed: pagePassed,
    code: code,
    record: function () { return record; },
    // whether anything is kept between pages (not with storage blocked)
    kept: function () { return !!(lms || storage); },
    save: save,
    // Put a check's saved state back on its page (ams-assessment.js: one kept elsewhere).
    restore: restore,
    clear: function () {
      record = { e: {}, n: "" };
      loaded.dropped = 0;
      save();
      mark();
    }
  };

  // Another tab or window saved: read the record again, and tell the page.
  window.addEventListener("storage", function (ev) {
    if (!storage || (ev.key !== KEY && ev.key !== null)) return;
    reread();
    mark();
    document.dispatchEvent(new CustomEvent("ams-progress-reloaded"));
  });

  function start() {
    var box = document.getElementById("ams-progress");
    var sections = document.querySelectorAll("section.ams-exercise[data-exercise]");
    if (loaded.dropped) {
      notice("damaged", loaded.dropped < 0
        ? "Saved progress could not be read (it was damaged or from another version of the course) and was removed."
        : "Saved answers for " + loaded.dropped + (loaded.dropped === 1 ? " check" : " checks") +
          " could not be read (damaged or from an older version of the course) and were removed.");
    }
    if (!lms && !storage && (box || sections.length)) unsaved();
    sections.forEach(restore);
    mark();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
