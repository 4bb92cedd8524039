/* Progress that lasts, for "Who Is Your Customer?": every knowledge check's answers,
 * result, hints shown and solution state, kept in this browser (localStorage) or, inside
 * the SCORM package, by the launch page that talks to the LMS (window.parent.AmsLms).
 * Restores each check on its page and marks finished chapters in the navigation; the
 * "Your progress" page is ams-progress-page.js, through window.AmsProgress. Nothing is
 * sent anywhere else.
 * The list of checks comes from ams-course.js (window.AmsCourse, written by the build).
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
  function serialize(rec) {
    var ids = Object.keys(rec.e), drop = {};
    function build() {
      var out = { v: VERSION, e: {} };
      if (rec.n) out.n = rec.n;
      ids.forEach(function (id) {
        var e = rec.e[id], arr = [e.s, e.p, e.a, e.h, e.o, drop[id] || !e.f ? 0 : e.f];
        if (e.m) arr.push(e.m);
        out.e[id] = arr;
      });
      return JSON.stringify(out);
    }
    var text = build();
    // Too long: drop whole answers, longest first; passed checks go first, as they keep
    // which key items they matched and come back with the key's words.
    function size(id) { return JSON.stringify(rec.e[id].f).length + (rec.e[id].m ? 1e5 : 0); }
    var order = ids.filter(function (id) { return rec.e[id].f; }).sort(function (a, b) { return size(b) - size(a); });
    var budget = lms ? LMS_BUDGET : SITE_BUDGET;
    while (text.length > budget && order.length) {
      drop[order.shift()] = true;
      text = build();
    }
    return text;
  }

  var loaded = load();
  var record = loaded.rec;
  if (loaded.dropped) save();
  var complete = summary().complete;

  function save(check) {
    var empty = !Object.keys(record.e).length && !record.n;
    writeText(empty ? "" : serialize(record), check);
  }

  function summary() {
    var total = 0, passed = 0, points = 0, max = 0;
    Object.keys(checks).forEach(function (id) {
      var e = record.e[id], c = checks[id].check;
      total += 1;
      max += c.max;
      if (e) {
        points += Math.min(e.p, c.max);
        if (e.s === 2) passed += 1;
      }
    });
    return { total: total, passed: passed, score: max ? Math.round((10000 * points) / max) / 100 : 0,
      complete: total > 0 && passed === total };
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

  /* ---- the checks on this page ---- */
  function keyOf(section) {
    var data = section.querySelector("script.ams-exercise-data");
    try { return data ? JSON.parse(data.textContent) : null; } catch (e) { return null; }
  }
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
    var e = record.e[d.exercise] || { s: 0, p: 0, a: 0, h: 0, o: 0, f: null, m: null };
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
        id: d.exercise, passed: !!d.result.passed,
        // an answer without a verdict: the LMS records "unanticipated", not "wrong"
        unsure: Object.keys(d.result.fields).some(function (n) { return d.result.fields[n].verdict === "unsure"; })
      };
    }
    record.e[d.exercise] = e;
    save(check);
    mark();
    if (check && check.passed && !complete && (complete = summary().complete)) {
      var done = el("p", "ams-progress-notice", "That was the last knowledge check: the course is complete. ");
      var link = el("a", "", "See your progress and print a record of completion");
      link.href = new URL("book/progress.html", ROOT).href;
      done.appendChild(link);
      done.setAttribute("role", "status");
      ev.target.appendChild(done);
    }
  });

  /* ---- navigation: chapters whose checks are all passed ---- */
  function pagePassed(page) {
    return page.checks.every(function (c) { return record.e[c.id] && record.e[c.id].s === 2; });
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
          m.appendChild(el("span", "ams-progress-sr", " (all checks passed)"));
          a.appendChild(m);
        } else if (!done && m) {
          m.remove();
        }
      });
    });
  }

  /* What the "Your progress" page (ams-progress-page.js) uses. */
  window.AmsProgress = {
    course: COURSE, root: ROOT, lms: lms, el: el, summary: summary, pagePassed: pagePassed,
    code: code,
    record: function () { return record; },
    // whether anything is kept between pages (not with storage blocked)
    kept: function () { return !!(lms || storage); },
    save: save,
    clear: function () {
      record = { e: {}, n: "" };
      loaded.dropped = 0;
      save();
      mark();
    }
  };

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
