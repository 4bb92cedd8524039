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
      grading: setup.grading,
      structure: setup.structure,
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
    if (typoOf(a, b, R)) return R.threshold;
    // Adding only a word ending makes another word ("licensed" is not "license").
    if (anotherWord(a, b, R.wordEndings)) return 0.0;
    var total = a.length + b.length;
    // The length difference alone bounds the ratio: skip pairs that cannot reach it.
    if (100 * (1.0 - Math.abs(a.length - b.length) / total) < R.threshold) return 0.0;
    var score = ratio(a, b);
    return score >= R.threshold ? score : 0.0;
  }

  // Each differing word a slip a short word survives (see matching._typo_of).
  function typoOf(a, b, R) {
    var wa = a.split(" "), wb = b.split(" ");
    if (wa.length !== wb.length) return false;
    return wa.every(function (x, i) { return x === wb[i] || oneSlip(x, wb[i], R.wordEndings); });
  }

  function oneSlip(x, y, endings) {
    if (x[0] !== y[0] || anotherWord(x, y, endings)) return false;
    var short = Math.min(x.length, y.length);
    if (x.length === y.length) {
      var diff = [];
      for (var i = 0; i < x.length; i++) if (x[i] !== y[i]) diff.push(i);
      if (short >= 4 && diff.length === 2 && diff[1] === diff[0] + 1 && x[diff[0]] === y[diff[1]] &&
          x[diff[1]] === y[diff[0]]) return true;
      if (short >= 5 && x[x.length - 1] === y[y.length - 1] &&
          x.split("").sort().join("") === y.split("").sort().join("")) return true;
      return short >= 7 && diff.length === 1;
    }
    if (Math.abs(x.length - y.length) !== 1 || short < 6) return false;
    var longer = x.length > y.length ? x : y, shorter = x.length > y.length ? y : x;
    var j = 0;
    while (j < shorter.length && shorter[j] === longer[j]) j++;
    return longer.slice(0, j) + longer.slice(j + 1) === shorter;
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

  function bestMatch(toks, cands, R) {
    var words = [];
    var modifier = new Set();
    toks.forEach(function (tok) {
      if (tok === R.possessive) {
        if (words.length) modifier.add(words.length - 1);
      } else {
        words.push(tok);
      }
    });
    if (!words.length) return null;
    var whole = words.join(" ");
    // Nouns a phrase may only describe: first words of the key's phrasings, and group nouns.
    var heads = cands._heads;
    if (!heads) {
      heads = new Set(R.groupNouns);
      cands.forEach(function (c) {
        if (c.words.length && !/(ing|ed)$/.test(c.words[0]) && !R.notAfter.has(c.words[0])) {
          heads.add(c.words[0]);
        }
      });
      Object.defineProperty(cands, "_heads", { value: heads });
    }
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

  /* ---------- reading.py ---------- */
  function lowerAscii(t) {
    return t.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
  }

  function trim(t) {
    return t.replace(/^[ \t\n\r.,;:!?]+|[ \t\n\r.,;:!?]+$/g, "");
  }

  function alternatives(phrases) {
    var alts = phrases.slice().sort(function (a, b) {
      return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
    });
    var body = alts.map(function (p) {
      return p.split(/\s+/).map(function (w) { return w.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&"); })
        .join("[ \\t\\n\\r.]+");
    }).join("|");
    return "(?<![a-z0-9])(?:" + body + ")(?![a-z0-9])";
  }

  function plain(toks, R) {
    return toks.filter(function (t) { return t !== R.possessive; });
  }

  // The structure words of language.yaml, compiled once (reading.rules).
  function rules(R) {
    if (R.S) return R.S;
    var s = R.structure;
    var word = function (w) { return plain(tokens(w, R), R).join(" "); };
    var set = function (a) { return new Set(a); };
    var agents = new Map();
    s.agents.filter(function (a) { return a[2].length; }).concat(s.agents.filter(function (a) { return !a[2].length; }))
      .forEach(function (row) {
        var objects = set(row[2].map(word));
        row[1].forEach(function (v) {
          v = word(v);
          if (!agents.has(v)) agents.set(v, []);
          agents.get(v).push([word(row[0]), objects]);
        });
      });
    R.S = {
      bracket: /[(\[{]([^()\[\]{}]*)[)\]}]?/g,
      dash: /[ \t\n\r][-\u2013\u2014]+[ \t\n\r]|[:\u2013\u2014]|[ \t\n\r]--/,
      members: new RegExp(alternatives(s.members)),
      corrections: new RegExp(alternatives(s.corrections)),
      reasons: new RegExp(alternatives(s.reasons)),
      separators: new RegExp("[,;/&+]|" + alternatives(s.coordinators), "g"),
      negating: set(s.negating.map(function (p) { return p.toLowerCase().split(/\s+/).join(" "); })),
      negations: set(s.negations),
      universal: set(s.universal),
      clauseWords: set(s.clause_words.concat(s.clause_heads)),
      clauseHeads: set(s.clause_heads),
      glue: set(s.clause_glue),
      swapAfter: set(s.swap_after),
      own: set(s.own),
      results: set(s.results.map(word)),
      activityNouns: set(s.activity_nouns.map(word)),
      continuations: set(s.continuations),
      agents: agents
    };
    return R.S;
  }

  function cutReason(text, S) {
    var m = S.reasons.exec(lowerAscii(text));
    return m ? text.slice(0, m.index) : text;
  }

  function pieces(answer, joined, R) {
    var S = rules(R);
    var asides = [];
    var main = answer.replace(S.bracket, function (_, inner) { asides.push(inner); return " , "; });
    [S.dash, S.members].forEach(function (re) {
      var m = re.exec(lowerAscii(main));
      if (m) {
        asides.push(main.slice(m.index + m[0].length));
        main = main.slice(0, m.index);
      }
    });
    var out = coordinated(cutReason(main, S), "head", joined, R);
    asides.forEach(function (text) {
      var role = S.corrections.test(lowerAscii(text)) ? "head" : "aside";
      out = out.concat(coordinated(cutReason(text, S), role, joined, R));
    });
    return out;
  }

  function coordinated(text, role, joined, R) {
    var S = rules(R);
    var chunks = [];
    var sep = "", at = 0, m;
    var low = lowerAscii(text);
    S.separators.lastIndex = 0;
    while ((m = S.separators.exec(low)) !== null) {
      chunks.push([sep, at, m.index]);
      sep = m[0].split(/[ \t\n\r]+/).filter(Boolean).join(" ");
      at = m.index + m[0].length;
    }
    chunks.push([sep, at, text.length]);
    if (chunks.length > 1 && joined.size) chunks = keepPhrases(text, chunks, joined, R);
    var out = [];
    var lastFirst = "";
    chunks.forEach(function (c) {
      var toks = tokens(text.slice(c[1], c[2]), R);
      var words = plain(toks, R);
      if (!words.length) return;
      var shown = trim(text.slice(c[1], c[2]));
      var negated = S.negating.has(c[0]) || (c[0] === "but" && S.universal.has(lastFirst));
      if (out.length && S.continuations.has(words[0])) {
        out.push({ text: shown, words: toks, role: "aside" });
        return;
      }
      if (S.negations.has(words[0])) {
        negated = true;
        toks = toks.slice(1);
      }
      lastFirst = words[0];
      out.push({ text: shown, words: toks, role: negated ? "negated" : role });
    });
    return out;
  }

  function keepPhrases(text, chunks, joined, R) {
    var all = [], starts = [], joins = [];
    chunks.forEach(function (c, i) {
      if (i) {
        plain(tokens(c[0], R), R).forEach(function (w) { joins.push(all.length); all.push(w); });
      }
      starts.push(all.length);
      all.push.apply(all, plain(tokens(text.slice(c[1], c[2]), R), R));
    });
    var keep = new Set();
    all.forEach(function (w, p) {
      (joined.get(w) || []).forEach(function (phrase) {
        var n = phrase.length;
        if (all.slice(p, p + n).join(" ") === phrase.join(" ") &&
            joins.some(function (j) { return p < j && j < p + n; })) {
          for (var i = 1; i < chunks.length; i++) if (p < starts[i] && starts[i] < p + n) keep.add(i);
        }
      });
    });
    var out = [];
    chunks.forEach(function (c, i) {
      if (keep.has(i) && out.length) out[out.length - 1] = [out[out.length - 1][0], out[out.length - 1][1], c[2]];
      else out.push(c);
    });
    return out;
  }

  function clauseStart(words, S) {
    if (words.length && S.clauseHeads.has(words[0])) return 0;
    for (var i = 1; i < words.length; i++) {
      var w = words[i];
      if (S.clauseWords.has(w) || (S.agents.has(w) && /(ing|ed)$/.test(w))) return i;
    }
    return words.length;
  }

  function readings(toks, R) {
    var S = rules(R);
    var words = plain(toks, R);
    var out = [];
    var q = clauseStart(words, S);
    if (q < words.length) {
      var j = S.clauseWords.has(words[q]) ? q + 1 : q;
      var k = j;
      while (k < words.length && S.glue.has(words[k])) k++;
      var agent = agentOf(words, k, S, R);
      if (agent) out.push(agent);
      if (S.clauseWords.has(words[q]) && k < words.length) out.push(words.slice(0, q).concat(words.slice(k)));
    }
    for (var i = 1; i < Math.min(words.length - 1, 3); i++) {
      if (S.swapAfter.has(words[i])) {
        var end = i + 1;
        while (end < words.length && !S.clauseWords.has(words[end]) && !S.glue.has(words[end]) &&
               !R.notAfter.has(words[end])) end++;
        if (end > i + 1) out.push(words.slice(i + 1, end).concat(words.slice(0, i), words.slice(end)));
        break;
      }
    }
    return out;
  }

  function agentOf(words, v, S, R) {
    var free = function (w) { return !R.notAfter.has(w) && w !== "to"; };
    var rest;
    while (v < words.length && S.agents.has(words[v])) {
      rest = words.slice(v + 1);
      var obj = rest.findIndex(free);
      var hit = S.agents.get(words[v]).find(function (a) { return a[1].size && obj >= 0 && a[1].has(rest[obj]); });
      if (hit) return [hit[0]].concat(rest.slice(obj + 1));
      if (rest.length > 1 && rest[0] === "to" && S.agents.has(rest[1])) {
        v += 2;
        continue;
      }
      break;
    }
    if (v >= words.length || !S.agents.has(words[v])) return null;
    rest = words.slice(v + 1);
    var row = S.agents.get(words[v]).find(function (a) { return !a[1].size; });
    if (!row) return null;
    return rest.length && !R.notAfter.has(rest[0]) ? [row[0], "of"].concat(rest) : [row[0]].concat(rest);
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

  function q(t) {
    return "\u201c" + t + "\u201d";
  }

  // Candidates, phrasings that must not be cut, and activities, per key and field.
  function fieldOf(key, name, R) {
    key._f = key._f || {};
    if (key._f[name]) return key._f[name];
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
    var S = rules(R);
    var joined = new Map();
    var right = new Set();
    out.forEach(function (c) {
      if (c.words.length > 1) {
        if (!joined.has(c.words[0])) joined.set(c.words[0], []);
        joined.get(c.words[0]).push(c.words);
      }
      if (c.kind === "accept" || c.kind === "partial") right.add(c.text);
    });
    var acts = new Set();
    if (name === "widget") {
      out.forEach(function (c) {
        var n = c.words.length;
        if (c.kind === "accept" && n > 1 && S.results.has(c.words[n - 1])) {
          var head = c.words.slice(0, -1).join(" ");
          if (!right.has(head) || S.activityNouns.has(c.words[n - 2])) acts.add(head);
        }
      });
    }
    var f = { cands: out, joined: joined, acts: acts, judged: new Map() };
    Object.defineProperty(key._f, name, { value: f, enumerable: false });
    return f;
  }

  function part(piece, f, R) {
    var S = rules(R);
    var words = plain(piece.words, R);
    if (f.acts.has(words.join(" "))) return { piece: piece, kind: "activity", match: null };
    var found = bestMatch(piece.words, f.cands, R);
    var qs = clauseStart(words, S);
    if (found && found.candidate.kind !== "accept" && found.position >= qs) found = null;
    if (found === null || (found.candidate.kind !== "accept" && found.position >= 0 &&
        found.position + found.candidate.words.length <= qs && qs < words.length)) {
      var alts = readings(piece.words, R);
      for (var i = 0; i < alts.length; i++) {
        var other = bestMatch(alts[i], f.cands, R);
        if (other && other.candidate.kind === "accept") {
          found = other;
          break;
        }
        if (found === null && other !== null) found = other;
      }
    }
    if (found === null) return { piece: piece, kind: S.universal.has(words[0]) ? "broad" : "none", match: null };
    var kind = found.candidate.kind;
    if (kind === "accept" && S.own.has(words[0]) && !S.own.has(found.candidate.words[0])) kind = "own";
    return { piece: piece, kind: kind, match: found };
  }

  function item(answer, outcome, extra) {
    var out = { answer: answer, outcome: outcome, matched: null, recognized_as: null, trap: null, feedback: "" };
    return Object.assign(out, extra || {});
  }

  function judge(key, name, answer, R) {
    var f = fieldOf(key, name, R);
    var known = f.judged.get(answer);
    if (!known) {
      if (f.judged.size >= 4096) f.judged.clear();
      known = judgeParts(key, name, answer, f, R);
      f.judged.set(answer, known);
    }
    return known;
  }

  function judgeParts(key, name, answer, f, R) {
    var parts = pieces(answer, f.joined, R).filter(function (p) { return p.role !== "negated"; })
      .map(function (p) { return part(p, f, R); });
    var pick = function (list, test) { return list.filter(test); };
    var heads = pick(parts, function (p) { return p.piece.role === "head" && p.kind !== "none"; });
    var asides = pick(parts, function (p) { return p.piece.role === "aside" && p.kind !== "none"; });
    if (!heads.length) {
      heads = asides;
      asides = [];
    }
    var right = pick(heads, function (p) { return p.kind === "accept"; });
    var vague = pick(heads, function (p) { return p.kind === "partial"; });
    var others = pick(heads, function (p) { return p.kind !== "accept" && p.kind !== "partial"; });
    var wider = pick(asides, function (p) { return p.kind === "accept"; });
    var fk = key.fields[name];
    var label = R.vocab.field_names[name].toLowerCase();
    if (right.length && others.length) {
      var named = others.map(function (o) { return q(o.piece.text) + " is " + roleIs(key, name, o, R); }).join(", ");
      return {
        item: item(answer, "partial", {
          recognized_as: wrongItem(key, name, others[0], answer, others[0].piece.text, R).recognized_as,
          feedback: q(answer) + " names more than one group: " + q(right[0].piece.text) + " fits, but " + named + ". " +
            (R.listFields.has(name) ? "Put each group on its own line." : "The " + label + " is one group: name only that one.")
        }),
        indices: [], partial: -1 - right[0].match.candidate.index
      };
    }
    if (right.length) {
      var indices = [];
      right.forEach(function (p) {
        if (indices.indexOf(p.match.candidate.index) < 0) indices.push(p.match.candidate.index);
      });
      return { item: item(answer, "matched", { matched: fk.expected[indices[0]][0] }), indices: indices, partial: -1 };
    }
    if (wider.length && heads.length) {
      return {
        item: item(answer, "partial", {
          feedback: q(heads[0].piece.text) + " is wider than the group the exercise asks for, though it includes " +
            q(wider[0].piece.text) + ". Name only the group that fits."
        }),
        indices: [], partial: -1 - wider[0].match.candidate.index
      };
    }
    if (vague.length && !others.length) {
      var index = vague[0].match.candidate.index;
      return { item: item(answer, "partial", { feedback: fk.partial[index].feedback }), indices: [], partial: index };
    }
    if (others.length) {
      var shown = heads.length === 1 ? answer : others[0].piece.text;
      return { item: wrongItem(key, name, others[0], answer, shown, R), indices: [], partial: -1 };
    }
    return { item: item(answer, "unrecognized", { feedback: understood(name, answer, R) }), indices: [], partial: -1 };
  }

  function roleIs(key, name, p, R) {
    var role = wrongItem(key, name, p, "", "", R).recognized_as;
    if (role) return R.vocab.role_labels[role];
    return R.listFields.has(name) ? "not one of them" : "not the " + R.vocab.field_names[name].toLowerCase();
  }

  function wrongItem(key, name, p, answer, text, R) {
    var next = R.structure.next_question[name];
    if (p.kind === "activity") {
      return item(answer, "wrong", {
        recognized_as: "activity",
        feedback: q(text) + " is an activity, the work itself. The widget is what that work produces and hands over."
      });
    }
    if (p.kind === "own") {
      return item(answer, "wrong", {
        feedback: q(text) + " is someone in your own organization, who helps deliver the widget rather than using it. " + next
      });
    }
    if (p.kind === "broad") return item(answer, "wrong", { feedback: understood(name, text, R) });
    var cand = p.match.candidate;
    if (cand.kind === "wrong") {
      var wrong = key.fields[name].wrong[cand.index];
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
      feedback: "In this scenario " + q(text) + " is " + roles[cand.field] + ", not " +
        (R.listFields.has(name) ? roles[name] : "the " + R.vocab.field_names[name].toLowerCase()) + "."
    });
  }

  function understood(name, answer, R) {
    var words = new Set(tokens(answer, R));
    var kinds = R.structure.understood;
    for (var i = 0; i < kinds.length; i++) {
      if (kinds[i][0].some(function (w) { return words.has(w); })) return q(answer) + " " + kinds[i][1];
    }
    return "The grader cannot tell which group or thing " + q(answer) + " names. " + R.structure.next_question[name];
  }

  function asText(value, R) {
    if (typeof value !== "string" || strip(value).toLowerCase() === R.grading.placeholder.toLowerCase()) return null;
    return strip(Array.from(strip(value)).slice(0, R.grading.max_answer_chars).join("")) || null;
  }

  function asList(value, R) {
    if (typeof value === "string") value = [value];
    if (!Array.isArray(value)) return [];
    return value.map(function (v) { return asText(v, R); }).filter(Boolean).slice(0, R.grading.max_list_entries);
  }

  function hintFor(key, fk, attempt, R) {
    var hints = fk.hints.length ? fk.hints : key.hints;
    if (!hints.length) return null;
    return attempt >= hints.length - 1 ? hints[hints.length - 1] + R.grading.last_hint : hints[attempt];
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
      return fieldResult(name, "missing", 0, fk, null, { feedback: "No answer given.", hint: hintFor(key, fk, attempt, R) });
    }
    var it = judge(key, name, answer, R).item;
    if (it.outcome === "matched") {
      return fieldResult(name, "correct", fk.points, fk, answer, {
        matched: [it.matched || ""], feedback: fk.explanation || "Right."
      });
    }
    var partial = it.outcome === "partial";
    return fieldResult(name, partial ? "partial" : "incorrect", partial ? fk.points / 2 : 0, fk, answer, {
      recognized_as: it.recognized_as, trap: it.trap, feedback: it.feedback, hint: hintFor(key, fk, attempt, R)
    });
  }

  function counted(answer, earlier) {
    return q(answer) + " names a group already counted in " + q(earlier) + ".";
  }

  function gradeList(key, name, answers, attempt, R) {
    var fk = key.fields[name];
    if (!answers.length) {
      return fieldResult(name, "missing", 0, fk, [], {
        feedback: "No answer given.", hint: hintFor(key, fk, attempt, R), items: []
      });
    }
    var taken = new Map();
    var partialTaken = new Map();
    var items = [];
    var right = 0, partial = 0, wrong = 0;
    answers.forEach(function (answer) {
      var judged = judge(key, name, answer, R);
      var it = judged.item;
      if (it.outcome === "matched") {
        var fresh = judged.indices.filter(function (i) { return !taken.has(i); });
        if (!fresh.length) {
          it = item(answer, "duplicate", { matched: it.matched, feedback: counted(answer, taken.get(judged.indices[0])) });
        } else {
          fresh.forEach(function (i) { taken.set(i, answer); });
          right += fresh.length;
        }
      } else if (it.outcome === "partial") {
        if (partialTaken.has(judged.partial)) {
          it = item(answer, "duplicate", { feedback: counted(answer, partialTaken.get(judged.partial)) });
        } else {
          partialTaken.set(judged.partial, answer);
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
    var summary;
    if (verdict === "correct") summary = fk.explanation || "Right.";
    else if (right >= needed) summary = "Enough right entries, but not every entry is right.";
    else if (right === 0) summary = "None of these is right yet.";
    else summary = right + " of the " + needed + " needed.";
    // One remark per distinct feedback, naming the entries it is about.
    var about = new Map();
    items.forEach(function (i) {
      if (i.outcome === "matched" || !i.feedback) return;
      if (!about.has(i.feedback)) about.set(i.feedback, []);
      if (about.get(i.feedback).indexOf(i.answer) < 0) about.get(i.feedback).push(i.answer);
    });
    var notes = [];
    about.forEach(function (list, fb) {
      notes.push(list.length === 1 && fb.startsWith(q(list[0])) ? fb : list.map(q).join(", ") + ": " + fb);
    });
    return fieldResult(name, verdict, score, fk, answers, {
      matched: items.filter(function (i) { return i.outcome === "matched" && i.matched; })
        .map(function (i) { return i.matched; }),
      recognized_as: firstWrong ? firstWrong.recognized_as : null,
      trap: firstWrong ? firstWrong.trap : null,
      feedback: [summary].concat(notes).join(" "),
      hint: verdict === "correct" ? null : hintFor(key, fk, attempt, R),
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
        ? gradeList(key, name, asList(value, R), attempt, R)
        : gradeSingle(key, name, asText(value, R), attempt, R);
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
    if (solution) {
      solution.addEventListener("toggle", function () {
        if (passOpening) passOpening = false;
        else openedByPass = false; // the reader opened or closed it: theirs now
      });
    }
    form.hidden = false;
    var note = section.querySelector(".ams-exercise-noscript");
    if (note) note.hidden = true;

    form.addEventListener("submit", function (event) {
      event.preventDefault();
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
      // The feedback above the button has pushed the summary down: bring it into view.
      status.scrollIntoView({ block: "nearest" });
    });

    if (hintButton) {
      hintButton.addEventListener("click", function () {
        if (shown >= hintItems.length) return;
        hintItems[shown].hidden = false;
        shown += 1;
        if (shown >= hintItems.length) {
          hintButton.setAttribute("aria-disabled", "true");
          hintButton.textContent = "All " + hintItems.length + " hints shown";
        } else {
          hintButton.textContent = "Show another hint (" + (shown + 1) + " of " + hintItems.length + ")";
        }
      });
    }
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
