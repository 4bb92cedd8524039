/* The SCORM launch page of "Who Is Your Customer?" (lms.html, the package's one SCO).
 * It finds the LMS's API by the standard discovery (this window and its parents, then the
 * opener and its parents), initializes once, and keeps that one LMS session while the
 * learner moves between chapters: the course pages load in the inner frame and talk to
 * this page through window.AmsLms (same origin). Each change is reported and committed;
 * the session ends (exit=suspend, session time, commit, finish) when this page goes away.
 * A missing, slow or failing LMS never stops the course: it then keeps progress for this
 * visit only and says once that it may not be recorded.
 */
(function () {
  "use strict";
  var doc = document.documentElement;
  var is2004 = doc.getAttribute("data-scorm") === "2004";
  var mastery = Number(doc.getAttribute("data-mastery")) || 100;
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

  /* What a course page reports after each change (see ams-progress.js). */
  function report(summary, check) {
    if (!live) return;
    set("cmi.suspend_data", record);
    set(C.score + "min", "0");
    set(C.score + "max", "100");
    set(C.score + "raw", summary.score);
    var mastered = summary.score >= mastery;
    if (is2004) {
      set("cmi.score.scaled", Math.round(summary.score * 100) / 10000);
      set("cmi.progress_measure", summary.total ? Math.round((10000 * summary.passed) / summary.total) / 10000 : 0);
      set("cmi.completion_status", summary.complete ? "completed" : "incomplete");
      if (mastered) set("cmi.success_status", "passed");
    } else {
      set("cmi.core.lesson_status", mastered ? "passed" : summary.complete ? "completed" : "incomplete");
    }
    if (check) {
      var n = Number(get("cmi.interactions._count")) || 0, at = "cmi.interactions." + n + ".";
      set(at + "id", "check-" + check.id);
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
      if (!isNaN(m)) mastery = is2004 ? m * 100 : m;
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
