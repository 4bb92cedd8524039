/* In-page exercises for "Who Is Your Customer?": check answers in the reader's browser.
 *
 * Part 1, the checker, is a faithful port of the Python grader (normalize.py, matching.py,
 * grading.py): same rules, same verdicts, same feedback. Shared test vectors replay the
 * Python grader's results against it under Node and in Chromium. It needs no DOM, so
 * Node can load this file too (it then only defines globalThis.AmsExercise).
 * Part 2 wires each exercise on the page (section.ams-exercise) to the checker.
 * No dependencies, nothing fetched: the key and the rules are embedded in the page.
 */
(function (root) {
  "use strict";

  /* ---------- normalize.py ---------- */
  var APOSTROPHES = /[\u2018\u2019\u201b\u2032`]/g;
  var POSSESSIVE_RE = /(?<=[a-z0-9])'s?(?![a-z0-9])/g;
  var INNER_APOSTROPHE_RE = /(?<=[a-z0-9])'(?=[a-z0-9])/g;
  var TOKEN_RE = /[a-z0-9]+|\x01/g;
  // Python's str.strip() whitespace (str.isspace), which differs a little from JS trim().
  var SPACE = "[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var STRIP_RE = new RegExp("^" + SPACE + "+|" + SPACE + "+$", "g");

  function strip(text) {
    return text.replace(STRIP_RE, "");
  }

  /* Everything derived once from the page setup (language rules, constants, vocabulary). */
  function prepare(setup) {
    if (setup._ready) return setup._ready;
    var lang = setup.language;
    var parts = lang.combining.map(function (r) {
      var a = "\\u{" + r[0].toString(16) + "}";
      return r[0] === r[1] ? a : a + "-\\u{" + r[1].toString(16) + "}";
    });
    var ready = {
      articles: new Set(lang.articles),
      spellings: new Map(Object.entries(lang.spellings)),
      homoglyphs: new Map(Object.entries(lang.homoglyphs)),
      homoglyphRe: new RegExp("[" + Object.keys(lang.homoglyphs).join("") + "]", "gu"),
      keepS: new Set(lang.keep_s),
      notAfter: new Set(lang.not_after),
      groupNouns: lang.group_nouns,
      acronyms: Object.keys(lang.acronyms).map(function (a) {
        return [new RegExp("(?<![A-Za-z0-9])" + a + "(?![A-Za-z0-9])", "g"), " " + lang.acronyms[a] + " "];
      }),
      acronymWords: new Map(Object.keys(lang.acronyms).map(function (a) {
        return [a, lang.acronyms[a].toLowerCase().match(TOKEN_RE) || []];
      })),
      acronymBefore: new Map(Object.keys(lang.acronym_before).map(function (k) {
        return [k, new Set(lang.acronym_before[k])];
      })),
      wordEndings: new Set(lang.word_endings),
      possessive: lang.possessive,
      combining: new RegExp("[" + parts.join("") + "]", "gu"),
      threshold: setup.matching.threshold,
      minFuzzy: setup.matching.min_fuzzy_chars,
      kindRank: setup.matching.kind_rank,
      penalty: setup.grading.wrong_item_penalty,
      vocab: setup.vocabulary,
      listFields: new Set(setup.vocabulary.list_fields),
      tokenCache: new Map()
    };
    Object.defineProperty(setup, "_ready", { value: ready });
    return ready;
  }

  function singular(word, keepS) {
    if (word.length <= 3 || keepS.has(word) || !word.endsWith("s")) return word;
    if (word.endsWith("ies") && word.length > 4) return word.slice(0, -3) + "y";
    if (/(sses|xes|ches|shes|zzes)$/.test(word)) return word.slice(0, -2);
    if (/(ss|us|is)$/.test(word)) return word;
    return word.slice(0, -1);
  }

  // A lower-case acronym ("it") reads as its meaning when the next word shows it is one.
  function expandAcronyms(toks, R) {
    var out = [];
    for (var i = 0; i < toks.length; i++) {
      var before = R.acronymBefore.get(toks[i]);
      if (before && i + 1 < toks.length && before.has(toks[i + 1])) {
        out.push.apply(out, R.acronymWords.get(toks[i].toUpperCase()));
      } else {
        out.push(toks[i]);
      }
    }
    return out;
  }

  function tokens(text, R) {
    var cached = R.tokenCache.get(text);
    if (cached) return cached;
    var t = text.normalize("NFKD").replace(R.combining, "");
    t = t.replace(R.homoglyphRe, function (ch) { return R.homoglyphs.get(ch); });
    R.acronyms.forEach(function (rule) {
      t = t.replace(rule[0], function () { return rule[1]; });
    });
    t = t.toLowerCase().replace(APOSTROPHES, "'").split("&").join(" and ");
    t = t.replace(POSSESSIVE_RE, " \x01 ").replace(INNER_APOSTROPHE_RE, "");
    var out = [];
    var found = t.match(TOKEN_RE) || [];
    for (var i = 0; i < found.length; i++) {
      var tok = found[i];
      if (tok === "\x01") {
        if (out.length && out[out.length - 1] !== R.possessive) out.push(R.possessive);
        continue;
      }
      if (R.articles.has(tok)) continue;
      tok = singular(tok, R.keepS);
      out.push(R.spellings.has(tok) ? R.spellings.get(tok) : tok);
    }
    out = expandAcronyms(out, R);
    if (R.tokenCache.size > 4096) R.tokenCache.clear();
    R.tokenCache.set(text, out);
    return out;
  }

  /* ---------- matching.py ---------- */
  function candidate(phrase, kind, index, field, R) {
    var words = tokens(phrase, R).filter(function (t) { return t !== R.possessive; });
    return { words: words, text: words.join(" "), kind: kind, index: index, field: field };
  }

  // rapidfuzz fuzz.ratio: 100 * (1 - indel / (len1 + len2)), indel = len1 + len2 - 2 * LCS.
  // The LCS is counted bit-parallel (Hyyro 2004), 32 positions of b per word.
  var MASKS = new Map();

  function masks(b) {
    var pm = MASKS.get(b);
    if (pm) return pm;
    pm = { words: (b.length + 31) >>> 5, chars: new Map() };
    for (var i = 0; i < b.length; i++) {
      var m = pm.chars.get(b.charCodeAt(i));
      if (!m) pm.chars.set(b.charCodeAt(i), (m = new Uint32Array(pm.words)));
      m[i >>> 5] |= 1 << (i & 31);
    }
    if (MASKS.size > 4096) MASKS.clear();
    MASKS.set(b, pm);
    return pm;
  }

  function popcount(x) {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }

  function lcs(a, b) {
    var pm = masks(b);
    var v = new Uint32Array(pm.words).fill(0xffffffff);
    for (var i = 0; i < a.length; i++) {
      var m = pm.chars.get(a.charCodeAt(i));
      if (!m) continue;
      var carry = 0;
      for (var w = 0; w < pm.words; w++) {
        var x = v[w];
        var u = (x & m[w]) >>> 0;
        var sum = x + u + carry;
        carry = sum > 0xffffffff ? 1 : 0;
        v[w] = sum | (x & ~u);
      }
    }
    var length = 0;
    for (var k = 0; k < pm.words; k++) {
      var bits = Math.min(32, b.length - 32 * k);
      var zeros = ~v[k] >>> 0;
      if (bits < 32) zeros &= (1 << bits) - 1;
      length += popcount(zeros >>> 0);
    }
    return length;
  }

  function ratio(a, b) {
    var total = a.length + b.length;
    return 100 * (1.0 - (total - 2 * lcs(a, b)) / total);
  }

  function similar(a, b, R) {
    if (a === b) return 100.0;
    if (b.length < R.minFuzzy || !a || a[0] !== b[0]) return 0.0;
    // Adding only a word ending makes another word ("licensed" is not "license").
    if (anotherWord(a, b, R.wordEndings)) return 0.0;
    var total = a.length + b.length;
    // The length difference alone bounds the ratio: skip pairs that cannot reach it.
    if (100 * (1.0 - Math.abs(a.length - b.length) / total) < R.threshold) return 0.0;
    var score = ratio(a, b);
    return score >= R.threshold ? score : 0.0;
  }

  // a and b differ by a word ending, as a whole or in one of their words.
  function anotherWord(a, b, endings) {
    var pairs = [[a, b]];
    var wa = a.split(" ");
    var wb = b.split(" ");
    if (wa.length === wb.length) {
      for (var i = 0; i < wa.length; i++) if (wa[i] !== wb[i]) pairs.push([wa[i], wb[i]]);
    }
    return pairs.some(function (p) {
      var longer = p[0].length > p[1].length ? p[0] : p[1];
      var shorter = p[0].length > p[1].length ? p[1] : p[0];
      return longer.startsWith(shorter) && endings.has(longer.slice(shorter.length));
    });
  }

  function lessThan(x, y) {
    for (var i = 0; i < x.length; i++) {
      if (x[i] !== y[i]) return x[i] < y[i];
    }
    return false;
  }

  function bestMatch(answer, cands, R) {
    var words = [];
    var modifier = new Set();
    tokens(answer, R).forEach(function (tok) {
      if (tok === R.possessive) {
        if (words.length) modifier.add(words.length - 1);
      } else {
        words.push(tok);
      }
    });
    if (!words.length) return null;
    var whole = words.join(" ");
    // Nouns a phrase may only describe: first words of the key's phrasings, and group nouns.
    var heads = new Set(R.groupNouns);
    cands.forEach(function (c) {
      if (c.words.length && !/(ing|ed)$/.test(c.words[0]) && !R.notAfter.has(c.words[0])) {
        heads.add(c.words[0]);
      }
    });
    var best = null;
    var bestFound = null;
    var bestRight = null;
    var bestRightFound = null;
    for (var order = 0; order < cands.length; order++) {
      var cand = cands[order];
      var n = cand.words.length;
      if (!n) continue;
      var found = null;
      var sim = similar(whole, cand.text, R);
      if (sim) {
        found = { candidate: cand, position: sim >= 100.0 ? -1 : 0, similarity: sim };
      } else {
        for (var start = 0; start < words.length - n + 1; start++) {
          var end = start + n - 1;
          if (start && R.notAfter.has(words[start - 1])) continue;
          if (modifier.has(end) && end !== words.length - 1) continue;
          // A compound names its last noun; not "reviewing permit ..." or "... by ...".
          if (end + 1 < words.length && heads.has(words[end + 1]) && !/(ing|ed)$/.test(words[start]) &&
              !words.slice(start, end).some(function (w) { return R.notAfter.has(w); })) continue;
          sim = similar(words.slice(start, end + 1).join(" "), cand.text, R);
          if (sim) {
            found = { candidate: cand, position: start, similarity: sim };
            break;
          }
        }
      }
      if (!found) continue;
      var rank = [found.position, -n, R.kindRank[cand.kind], -found.similarity, order];
      if (best === null || lessThan(rank, best)) {
        best = rank;
        bestFound = found;
      }
      if (cand.kind === "accept" && (bestRight === null || lessThan(rank, bestRight))) {
        bestRight = rank;
        bestRightFound = found;
      }
    }
    // A partly right (vague) head gives way to a right phrasing after it.
    if (bestFound !== null && bestFound.candidate.kind === "partial" && bestFound.position >= 0 &&
        bestRightFound !== null &&
        bestRightFound.position >= bestFound.position + bestFound.candidate.words.length) {
      return bestRightFound;
    }
    return bestFound;
  }

  /* ---------- grading.py ---------- */
  // Python's round(x, 2): correctly rounded, exact ties to even. toFixed is exact too,
  // but sends ties up, so an exact tie (only a few binary fractions) is settled here.
  function round2(x) {
    var digits = x.toFixed(100).split(".");
    var frac = digits[1];
    if (frac[2] === "5" && /^0*$/.test(frac.slice(3)) && Number(frac[1]) % 2 === 0) {
      return Number(digits[0] + "." + frac.slice(0, 2));
    }
    return Number(x.toFixed(2));
  }

  function candidatesFor(key, name, R) {
    key._cands = key._cands || {};
    if (key._cands[name]) return key._cands[name];
    var fk = key.fields[name];
    var out = [];
    fk.expected.forEach(function (item, i) {
      item.forEach(function (p) { out.push(candidate(p, "accept", i, name, R)); });
    });
    fk.partial.forEach(function (part, i) {
      part.answers.forEach(function (p) { out.push(candidate(p, "partial", i, name, R)); });
    });
    fk.wrong.forEach(function (w, i) {
      w.answers.forEach(function (p) { out.push(candidate(p, "wrong", i, name, R)); });
    });
    Object.keys(key.fields).forEach(function (other) {
      if (other === name) return;
      key.fields[other].expected.forEach(function (item, i) {
        item.forEach(function (p) { out.push(candidate(p, "elsewhere", i, other, R)); });
      });
    });
    Object.defineProperty(key._cands, name, { value: out, enumerable: false });
    return out;
  }

  function asText(value) {
    return typeof value === "string" ? strip(value) || null : null;
  }

  function asList(value) {
    if (typeof value === "string") value = [value];
    if (!Array.isArray(value)) return [];
    return value.filter(function (v) { return typeof v === "string" && strip(v); }).map(strip);
  }

  function hintFor(key, fk, attempt) {
    var hints = fk.hints.length ? fk.hints : key.hints;
    return hints.length ? hints[Math.min(attempt, hints.length - 1)] : null;
  }

  function item(answer, outcome, extra) {
    var out = { answer: answer, outcome: outcome, matched: null, recognized_as: null, trap: null, feedback: "" };
    return Object.assign(out, extra || {});
  }

  function fieldLabel(name, R) {
    return R.vocab.field_names[name].toLowerCase();
  }

  function judge(key, name, answer, match, R) {
    var fk = key.fields[name];
    var label = fieldLabel(name, R);
    if (match === null) {
      return item(answer, "unrecognized", {
        feedback: "\u201c" + answer + "\u201d is not one of the answers the key has for " + label + "."
      });
    }
    var cand = match.candidate;
    if (cand.kind === "accept") return item(answer, "matched", { matched: fk.expected[cand.index][0] });
    if (cand.kind === "partial") return item(answer, "partial", { feedback: fk.partial[cand.index].feedback });
    if (cand.kind === "wrong") {
      var wrong = fk.wrong[cand.index];
      return item(answer, "wrong", {
        recognized_as: wrong.recognized_as,
        trap: wrong.trap,
        feedback: wrong.feedback + (wrong.trap ? " Trap: " + R.vocab.traps[wrong.trap] + "." : "")
      });
    }
    // In the learner's own words: the key's phrasing would give another field's answer away.
    var roles = R.vocab.role_labels;
    return item(answer, "wrong", {
      recognized_as: cand.field,
      feedback: "In this scenario \u201c" + answer + "\u201d is " + roles[cand.field] + ", not " +
        (R.listFields.has(name) ? roles[name] : "the " + label) + "."
    });
  }

  function fieldResult(name, verdict, score, fk, answer, extra) {
    var out = {
      verdict: verdict, score: score, max_score: fk.points, answer: answer, matched: [],
      recognized_as: null, trap: null, feedback: "", hint: null
    };
    return Object.assign(out, extra || {});
  }

  function gradeSingle(key, name, answer, attempt, R) {
    var fk = key.fields[name];
    if (answer === null) {
      return fieldResult(name, "missing", 0, fk, null, { feedback: "No answer given.", hint: hintFor(key, fk, attempt) });
    }
    var it = judge(key, name, answer, bestMatch(answer, candidatesFor(key, name, R), R), R);
    if (it.outcome === "matched") {
      return fieldResult(name, "correct", fk.points, fk, answer, {
        matched: [it.matched || ""], feedback: fk.explanation || "Right."
      });
    }
    var partial = it.outcome === "partial";
    return fieldResult(name, partial ? "partial" : "incorrect", partial ? fk.points / 2 : 0, fk, answer, {
      recognized_as: it.recognized_as, trap: it.trap, feedback: it.feedback, hint: hintFor(key, fk, attempt)
    });
  }

  function gradeList(key, name, answers, attempt, R) {
    var fk = key.fields[name];
    if (!answers.length) {
      return fieldResult(name, "missing", 0, fk, [], {
        feedback: "No answer given.", hint: hintFor(key, fk, attempt), items: []
      });
    }
    var cands = candidatesFor(key, name, R);
    var taken = new Set();
    var partialTaken = new Set();
    var items = [];
    var right = 0, partial = 0, wrong = 0;
    answers.forEach(function (answer) {
      var match = bestMatch(answer, cands, R);
      var it = judge(key, name, answer, match, R);
      var index = match ? match.candidate.index : -1;
      if (it.outcome === "matched") {
        if (taken.has(index)) {
          it = item(answer, "duplicate", { matched: it.matched, feedback: "Already counted: \u201c" + it.matched + "\u201d." });
        } else {
          taken.add(index);
          right += 1;
        }
      } else if (it.outcome === "partial") {
        if (partialTaken.has(index)) {
          it = item(answer, "duplicate", { feedback: "Already counted." });
        } else {
          partialTaken.add(index);
          partial += 1;
        }
      } else {
        wrong += 1;
      }
      items.push(it);
    });
    var needed = fk.needed;
    var credit = Math.min(right + 0.5 * partial, needed) - R.penalty * wrong;
    var score = round2(fk.points * (Math.max(0.0, credit) / needed));
    var verdict = right >= needed && wrong === 0 ? "correct" : score === 0 ? "incorrect" : "partial";
    var firstWrong = items.find(function (i) { return i.outcome === "wrong"; }) || null;
    var notes = items.filter(function (i) { return i.outcome !== "matched" && i.feedback; })
      .map(function (i) { return i.feedback; });
    var summary;
    if (verdict === "correct") summary = fk.explanation || "Right.";
    else if (right >= needed) summary = "Enough right entries, but not every entry is right.";
    else if (right === 0) summary = "None of these is right yet.";
    else summary = right + " of the " + needed + " needed.";
    return fieldResult(name, verdict, score, fk, answers, {
      matched: items.filter(function (i) { return i.outcome === "matched" && i.matched; })
        .map(function (i) { return i.matched; }),
      recognized_as: firstWrong ? firstWrong.recognized_as : null,
      trap: firstWrong ? firstWrong.trap : null,
      feedback: [summary].concat(notes).join(" "),
      hint: verdict === "correct" ? null : hintFor(key, fk, attempt),
      items: items
    });
  }

  /* grade(setup, key, answers, attempt): the same object as CheckResult.to_dict(). */
  function grade(setup, key, answers, attempt) {
    var R = prepare(setup);
    attempt = attempt || 0;
    var fields = {};
    var total = 0;
    key.asks.forEach(function (name) {
      var value = answers[name];
      fields[name] = R.listFields.has(name)
        ? gradeList(key, name, asList(value), attempt, R)
        : gradeSingle(key, name, asText(value), attempt, R);
      total += fields[name].score;
    });
    var passed = key.asks.every(function (name) { return fields[name].verdict === "correct"; });
    return { exercise: key.id, title: key.title, score: round2(total), max_score: key.max_score, passed: passed, fields: fields };
  }

  var api = { grade: grade, tokens: function (setup, text) { return tokens(text, prepare(setup)); }, ratio: ratio, round2: round2 };
  root.AmsExercise = api;

  /* ---------- the page ---------- */
  if (typeof document === "undefined") return;

  var MARKS = { correct: "\u2713", partial: "\u007e", incorrect: "\u2717", missing: "?" };
  var WORDS = { correct: "Correct", partial: "Partly right", incorrect: "Not right yet", missing: "No answer yet" };

  function readJSON(el) {
    return el ? JSON.parse(el.textContent) : null;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function num(x) {
    return String(Math.round(x * 100) / 100);
  }

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
      key.asks.forEach(function (name) { answers[name] = form.elements[name].value; });
      section.dispatchEvent(new CustomEvent("ams-exercise-change", { bubbles: true, detail: {
        kind: kind, exercise: key.id, key: key, answers: answers, attempt: attempt, hints: shown,
        solution: !!(solution && solution.open), result: lastResult
      } }));
    }
    if (solution) {
      solution.addEventListener("toggle", function () {
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

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      check();
      changed("check");
    });

    function check() {
      var answers = {};
      key.asks.forEach(function (name) {
        var input = form.elements[name];
        answers[name] = input.tagName === "TEXTAREA" ? input.value.split(/\r?\n/) : input.value;
      });
      var result = grade(pageSetup, key, answers, attempt);
      attempt += 1;
      var lines = [];
      key.asks.forEach(function (name) {
        var res = result.fields[name];
        var box = section.querySelector("[data-feedback-for='" + name + "']");
        var input = form.elements[name];
        box.textContent = "";
        box.className = "ams-exercise-feedback ams-verdict-" + res.verdict;
        var verdict = el("p", "ams-exercise-verdict");
        verdict.appendChild(el("span", "ams-exercise-mark", MARKS[res.verdict]));
        verdict.appendChild(document.createTextNode(" " + WORDS[res.verdict]));
        verdict.firstChild.setAttribute("aria-hidden", "true");
        box.appendChild(verdict);
        if (res.feedback) box.appendChild(el("p", "ams-exercise-feedback-text", res.feedback));
        if (res.hint) {
          var hint = el("p", "ams-exercise-field-hint");
          hint.appendChild(el("strong", "", "Hint: "));
          hint.appendChild(document.createTextNode(res.hint));
          box.appendChild(hint);
        }
        box.hidden = false;
        input.setAttribute("aria-invalid", res.verdict === "incorrect" || res.verdict === "partial" ? "true" : "false");
        lines.push(pageSetup.vocabulary.field_names[name] + ": " + WORDS[res.verdict].toLowerCase() + ".");
      });
      var head = "Score " + num(result.score) + " of " + result.max_score + ". ";
      if (result.passed) {
        status.className = "ams-exercise-status ams-verdict-correct";
        status.textContent = head + "All fields correct. Well done! The solution is now open below.";
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
          after = " The solution is closed again until every field is right.";
        } else if (solution && solution.open) {
          after = " The solution stays open because you opened it.";
        }
        status.className = "ams-exercise-status ams-verdict-" + (result.score > 0 ? "partial" : "incorrect");
        status.textContent = head + lines.join(" ") + " Read the feedback under each answer, revise and check again." + after;
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
        hintButton.textContent = "All " + hintItems.length + " hints shown";
      } else {
        hintButton.textContent = "Show another hint (" + (shown + 1) + " of " + hintItems.length + ")";
      }
    }
    if (hintButton) {
      hintButton.addEventListener("click", function () {
        showHint();
        changed("hint");
      });
    }

    /* Put back a saved state: answers, hints shown, the last check (graded again) and
     * whether the solution is open. Sends no change event. */
    section.amsRestore = function (state) {
      restoring = true;
      try {
        key.asks.forEach(function (name) {
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
    if (!pageSetup) return;
    document.querySelectorAll("section.ams-exercise").forEach(function (section) {
      setup(section, pageSetup);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof globalThis !== "undefined" ? globalThis : this);
