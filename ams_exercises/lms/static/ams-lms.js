/* The SCORM launch page of "Who Is Your Customer?" (lms.html, the package's one SCO).
 * It finds the LMS's API by the standard discovery (this window and its parents, then the
 * opener and its parents), initializes once, and keeps that one LMS session while the
 * learner moves between chapters: the course pages load in the inner frame and talk to
 * this page through window.AmsLms (same origin). Each change is reported and committed;
 * the session ends (exit=suspend, session time, commit, finish) when this page goes away.
 * A missing, slow or failing LMS never stops the course: it then keeps progress for this
 * visit only and says once that it may not be recorded.
 * What it reports: the score is the final assessment's share of points, and passed or
 * failed is decided by the final alone, once every item of it is submitted, against the
 * mastery score (the LMS's, else the package's: the course's pass mark). Practice checks
 * and assessment items are interactions (check-, pre-, final-<id>); the pre-check and the
 * final are objectives with their own scores, so the LMS holds both ends of the course.
 */
(function () {
  "use strict";
  var doc = document.documentElement;
  var is2004 = doc.getAttribute("data-scorm") === "2004";
  var mastery = Number(doc.getAttribute("data-mastery")) || 100;
  var objectives = {}; // objective id -> its index in cmi.objectives
  var startPage = doc.getAttribute("data-start") || "index.html";
  var C = is2004 ? {
    api: "API_1484_11", init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit",
    finish: "Terminate", name: "cmi.learner_name", location: "cmi.location", exit: "cmi.exit",
    session: "cmi.session_time", score: "cmi.score.", mastery: "cmi.scaled_passing_score", wrong: "incorrect"
  } : {
    api: "API", init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
    finish: "LMSFinish", name: "cmi.core.student_name", location: "cmi.core.lesson_location",
    exit: "cmi.core.exit", session: "cmi.core.session_time", score: "cmi.core.score.",
    mastery: "cmi.student_data.mastery_score", wrong: "wrong"
  };
  /* A location the LMS hands back that the course may open: folders and a page name made of
   * letters, digits, "-" and "_"; a query of URL characters (no quotes, spaces or "<>"). */
  var SAVED_PAGE = /^[\w\-]+(\/[\w\-]+)*\.html(\?[\w\-.~!*()+,;:@\/%=&]*)?(#[\w\-]*)?$/;
  var api = null, live = false, warned = false, ended = false;
  var record = "", learner = "", began = Date.now();
  var note = document.getElementById("ams-lms-note");
  var frame = document.getElementById("ams-lms-course");

  function say(text) {
    if (warned) return;
    warned = true;
    note.textContent = text;
  }
  function trouble() {
    say("The learning management system did not answer as expected, so your progress may not be " +
      "recorded there. The course keeps working.");
  }
  function look(win) {
    for (var i = 0; win && i < 20; i++) {
      try { if (win[C.api]) return win[C.api]; } catch (e) { /* another origin */ }
      var up = null;
      try { up = win.parent; } catch (e) { up = null; }
      if (!up || up === win) break;
      win = up;
    }
    return null;
  }
  function find() {
    var found = look(window);
    if (!found) try { found = window.opener ? look(window.opener) : null; } catch (e) { found = null; }
    return found;
  }
  function call(fn, a, b) {
    if (!live) return "";
    try {
      var r = b === undefined ? api[fn](a) : api[fn](a, b);
      return r === undefined || r === null ? "" : String(r);
    } catch (e) {
      trouble();
      return "";
    }
  }
  function get(k) { return call(C.get, k); }
  function set(k, v) { if (live && call(C.set, k, String(v)) !== "true") trouble(); }
  function commit() { if (live && call(C.commit, "") !== "true") trouble(); }

  function two(n) { return (n < 10 ? "0" : "") + n; }
  function sessionTime() {
    var s = Math.max(0, Math.round((Date.now() - began) / 1000));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return is2004 ? "PT" + h + "H" + m + "M" + (s % 60) + "S" : two(h) + ":" + two(m) + ":" + two(s % 60);
  }
  function stamp() {
    var d = new Date();
    var t = two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds());
    return is2004 ? d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + "T" + t : t;
  }

  /* A score out of 100 where `at` names one (the course's, or an objective's). */
  function score(at, percent) {
    set(at + "min", "0");
    set(at + "max", "100");
    set(at + "raw", percent);
    if (is2004) set(at + "scaled", Math.round(percent * 100) / 10000);
  }

  /* The pre-check or the final as an objective, once anything of it is submitted: its score
   * when every item is, and its status (the pre-check is not graded: completed) */
  function objective(part, graded) {
    // (and after the final is started again, incomplete once more)
    if (!part || (!part.submitted && objectives[part.id] === undefined)) return;
    var n = objectives[part.id];
    if (n === undefined) n = objectives[part.id] = Number(get("cmi.objectives._count")) || 0;
    var at = "cmi.objectives." + n + ".";
    set(at + "id", part.id);
    if (part.complete) score(at + "score.", part.percent);
    var result = !part.complete ? "incomplete" : !graded ? "completed" : part.passed ? "passed" : "failed";
    if (!is2004) return set(at + "status", result);
    set(at + "completion_status", part.complete ? "completed" : "incomplete");
    set(at + "success_status", result === "passed" || result === "failed" ? result : "unknown");
  }

  /* What a course page reports after each change (see ams-progress.js). The course is
   * done when the final is submitted (without a final in the book: every check passed). */
  function report(summary, check) {
    if (!live) return;
    set("cmi.suspend_data", record);
    var final = summary.final, done = final ? final.complete : summary.complete;
    if (done) score(C.score, final ? final.percent : summary.score);
    var result = !done ? "incomplete" : (final ? final.passed : summary.complete) ? "passed" : "failed";
    if (is2004) {
      set("cmi.progress_measure", summary.progress);
      set("cmi.completion_status", done ? "completed" : "incomplete");
      set("cmi.success_status", done ? result : "unknown");
    } else {
      set("cmi.core.lesson_status", result);
    }
    objective(summary.pre, false);
    objective(final, true);
    if (check) {
      var n = Number(get("cmi.interactions._count")) || 0, at = "cmi.interactions." + n + ".";
      set(at + "id", check.kind + "-" + check.id);
      set(at + "type", "fill-in");
      set(at + (is2004 ? "timestamp" : "time"), stamp());
      set(at + "result", check.passed ? "correct" : check.unsure ? "unanticipated" : C.wrong);
    }
    set(C.exit, "suspend");
    set(C.session, sessionTime());
    commit();
  }

  window.AmsLms = {
    load: function () { return record; },
    // the share of the final's points that passes: the LMS's mastery score, else the package's
    mastery: function () { return mastery; },
    save: function (text, summary, check) {
      record = text || "";
      report(summary, check);
    },
    name: function () { return learner; }
  };

  function end() {
    if (ended || !live) return;
    ended = true;
    set(C.exit, "suspend");
    set(C.session, sessionTime());
    commit();
    call(C.finish, "");
    live = false;
  }

  function where() {
    try {
      var base = new URL(".", location.href).href, href = frame.contentWindow.location.href;
      return href.indexOf(base) === 0 ? href.slice(base.length) : "";
    } catch (e) {
      return "";
    }
  }

  function begin() {
    if (api) {
      live = true;
      if (call(C.init, "") !== "true") {
        live = false;
        trouble();
      }
    } else {
      say("No learning management system was found, so your progress may not be recorded: it is " +
        "kept only until you close this window.");
    }
    var resume = "";
    if (live) {
      record = get("cmi.suspend_data");
      resume = get(C.location);
      var raw = get(C.name).trim(), parts = raw.split(",");
      learner = parts.length === 2 ? (parts[1].trim() + " " + parts[0].trim()).trim() : raw;
      var m = parseFloat(get(C.mastery));
      if (!isNaN(m)) mastery = is2004 ? Math.round(m * 10000) / 100 : m;
      // Objectives kept from an earlier session keep their places.
      var count = Number(get("cmi.objectives._count")) || 0;
      for (var i = 0; i < count; i++) objectives[get("cmi.objectives." + i + ".id")] = i;
      var status = get(is2004 ? "cmi.completion_status" : "cmi.core.lesson_status");
      if (status === "" || status === "not attempted" || status === "unknown") {
        set(is2004 ? "cmi.completion_status" : "cmi.core.lesson_status", "incomplete");
      }
      set(C.exit, "suspend");
      commit();
    }
    // Only a page of this package: a relative .html path (never another host, "//host/...",
    // or a folder up), with the query it had (a search page's words) and an anchor.
    if (!SAVED_PAGE.test(resume)) resume = startPage;
    frame.addEventListener("load", function () {
      var here = where();
      if (live && here && here.length < 255) {
        set(C.location, here.split("#")[0]);
        commit();
      }
    });
    frame.src = resume;
  }

  window.addEventListener("pagehide", end);
  window.addEventListener("beforeunload", end);

  // An LMS may attach its API a moment after the page loads: look again for two seconds.
  var tries = 0;
  (function seek() {
    api = find();
    if (api || tries++ >= 8) begin();
    else setTimeout(seek, 250);
  })();
})();
