/* In-page exercises for "Who Is Your Customer?": check answers in the reader's browser.
 * Part 1, the checker, ports the Python grader (grader/normalize, matching, reading,
 * grading.py) with the same data; shared test vectors prove them equal (Node, Chromium).
 * It needs no DOM: Node loads it too. Part 2 wires each section.ams-exercise to it. */
(function (root) {
"use strict";

/* ---------- normalize.py ---------- */
var TOKEN_RE = /[a-z0-9]+|\x01/g;
var strip = (t, R) => t.replace(R.space, "");
var set = (a) => new Set(a);
var ends = (w) => /(ing|ed)$/.test(w);

// Everything derived once from the page setup.
function prepare(setup) {
  if (setup._ready) return setup._ready;
  var lang = setup.language;
  var keys = Object.keys;
  var range = lang.combining.map((r) => "\\u{" + r[0].toString(16) + "}" + (r[0] === r[1] ? "" : "-\\u{" + r[1].toString(16) + "}"));
  var R = {
    articles: set(lang.articles),
    spellings: new Map(Object.entries(lang.spellings)),
    homoglyphs: new Map(Object.entries(lang.homoglyphs)),
    homoglyphRe: new RegExp("[" + keys(lang.homoglyphs).join("") + "]", "gu"),
    keepS: set(lang.keep_s),
    notAfter: set(lang.not_after),
    groupNouns: lang.group_nouns,
    acronyms: keys(lang.acronyms).map((a) => [new RegExp("(?<![A-Za-z0-9])" + a + "(?![A-Za-z0-9])", "g"), " " + lang.acronyms[a] + " "]),
    acronymWords: new Map(keys(lang.acronyms).map((a) => [a, lang.acronyms[a].toLowerCase().match(TOKEN_RE) || []])),
    acronymBefore: new Map(keys(lang.acronym_before).map((k) => [k, set(lang.acronym_before[k])])),
    wordEndings: set(lang.word_endings),
    possessive: lang.possessive,
    combining: new RegExp("[" + range.join("") + "]", "gu"),
    threshold: setup.matching.threshold,
    minFuzzy: setup.matching.min_fuzzy_chars,
    kindRank: setup.matching.kind_rank,
    G: setup.grading,
    vocab: setup.vocabulary,
    listFields: set(setup.vocabulary.list_fields),
    tokenCache: new Map(),
    // Python's str.strip() whitespace, not JS trim()'s
    space: new RegExp("^[" + lang.space + "]+|[" + lang.space + "]+$", "g")
  };
  Object.defineProperty(setup, "_ready", { value: R });
  R.S = rules(setup.structure, R);
  return R;
}

function singular(w, keepS) {
  if (w.length <= 3 || keepS.has(w) || !w.endsWith("s")) return w;
  if (w.endsWith("ies") && w.length > 4) return w.slice(0, -3) + "y";
  if (/(sses|xes|ches|shes|zzes)$/.test(w)) return w.slice(0, -2);
  return /(ss|us|is)$/.test(w) ? w : w.slice(0, -1);
}

function tokens(text, R) {
  var cached = R.tokenCache.get(text);
  if (cached) return cached;
  var t = text.normalize("NFKD").replace(R.combining, "").replace(R.homoglyphRe, (ch) => R.homoglyphs.get(ch));
  R.acronyms.forEach((rule) => { t = t.replace(rule[0], () => rule[1]); });
  t = t.toLowerCase().replace(/[\u2018\u2019\u201b\u2032`]/g, "'").split("&").join(" and ");
  t = t.replace(/(?<=[a-z0-9])'s?(?![a-z0-9])/g, " \x01 ").replace(/(?<=[a-z0-9])'(?=[a-z0-9])/g, "");
  var toks = [];
  (t.match(TOKEN_RE) || []).forEach((tok) => {
    if (tok === "\x01") {
      if (toks.length && toks[toks.length - 1] !== R.possessive) toks.push(R.possessive);
    } else if (!R.articles.has(tok)) {
      tok = singular(tok, R.keepS);
      toks.push(R.spellings.has(tok) ? R.spellings.get(tok) : tok);
    }
  });
  // "it" is IT when the next word shows it.
  var out = [];
  toks.forEach((tok, i) => {
    var before = R.acronymBefore.get(tok);
    if (before && before.has(toks[i + 1])) out.push(...R.acronymWords.get(tok.toUpperCase()));
    else out.push(tok);
  });
  if (R.tokenCache.size > 4096) R.tokenCache.clear();
  R.tokenCache.set(text, out);
  return out;
}

var plain = (toks, R) => toks.filter((t) => t !== R.possessive);

/* ---------- matching.py ---------- */
function candidate(phrase, kind, index, field, R) {
  var words = plain(tokens(phrase, R), R);
  return { words: words, text: words.join(" "), kind: kind, index: index, field: field };
}

// rapidfuzz fuzz.ratio: 100 * (1 - indel / (len1 + len2)), indel = len1 + len2 - 2 * LCS,
// the LCS counted bit-parallel (Hyyro 2004), 32 positions of b per word.
var MASKS = new Map();

function ratio(a, b) {
  var pm = MASKS.get(b);
  if (!pm) {
    pm = { n: (b.length + 31) >>> 5, chars: new Map() };
    for (var i = 0; i < b.length; i++) {
      var m = pm.chars.get(b.charCodeAt(i));
      if (!m) pm.chars.set(b.charCodeAt(i), (m = new Uint32Array(pm.n)));
      m[i >>> 5] |= 1 << (i & 31);
    }
    if (MASKS.size > 4096) MASKS.clear();
    MASKS.set(b, pm);
  }
  var v = new Uint32Array(pm.n).fill(0xffffffff);
  for (i = 0; i < a.length; i++) {
    m = pm.chars.get(a.charCodeAt(i));
    for (var w = 0, carry = 0; m && w < pm.n; w++) {
      var x = v[w], u = (x & m[w]) >>> 0, sum = x + u + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      v[w] = sum | (x & ~u);
    }
  }
  var lcs = 0;
  for (var k = 0; k < pm.n; k++) {
    var bits = Math.min(32, b.length - 32 * k);
    var z = ~v[k] >>> 0;
    if (bits < 32) z &= (1 << bits) - 1;
    z -= (z >>> 1) & 0x55555555;
    z = (z & 0x33333333) + ((z >>> 2) & 0x33333333);
    lcs += (((z + (z >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return 100 * (1.0 - (a.length + b.length - 2 * lcs) / (a.length + b.length));
}

function similar(a, b, R) {
  if (a === b) return 100.0;
  if (b.length < R.minFuzzy || !a || a[0] !== b[0]) return 0.0;
  var total = a.length + b.length;
  if (100 * (1.0 - Math.abs(a.length - b.length) / total) < R.threshold) return 0.0;
  var wa = a.split(" "), wb = b.split(" ");
  // matching._typo_of
  if (wa.length === wb.length && wa.every((x, i) => x === wb[i] || oneSlip(x, wb[i], R.wordEndings))) return R.threshold;
  if (anotherWord(a, b, R.wordEndings)) return 0.0;
  var score = ratio(a, b);
  return score >= R.threshold ? score : 0.0;
}

function oneSlip(x, y, endings) {
  if (x[0] !== y[0] || anotherWord(x, y, endings)) return false;
  var short = Math.min(x.length, y.length);
  var sorted = (s) => s.split("").sort().join("");
  if (x.length === y.length) {
    var d = [];
    for (var i = 0; i < x.length; i++) if (x[i] !== y[i]) d.push(i);
    if (short >= 4 && d.length === 2 && d[1] === d[0] + 1 && x[d[0]] === y[d[1]] && x[d[1]] === y[d[0]]) return true;
    if (short >= 5 && x.slice(-1) === y.slice(-1) && sorted(x) === sorted(y)) return true;
    return short >= 7 && d.length === 1;
  }
  if (Math.abs(x.length - y.length) !== 1 || short < 6) return false;
  var long = x.length > y.length ? x : y, shorter = x.length > y.length ? y : x;
  var j = 0;
  while (j < shorter.length && shorter[j] === long[j]) j++;
  return long.slice(0, j) + long.slice(j + 1) === shorter;
}

function anotherWord(a, b, endings) {
  var pairs = [[a, b]];
  var wa = a.split(" "), wb = b.split(" ");
  if (wa.length === wb.length) wa.forEach((x, i) => { if (x !== wb[i]) pairs.push([x, wb[i]]); });
  return pairs.some((p) => {
    var long = p[0].length > p[1].length ? p[0] : p[1];
    var short = long === p[0] ? p[1] : p[0];
    return long.startsWith(short) && endings.has(long.slice(short.length));
  });
}

function lessThan(x, y) {
  for (var i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i];
  return false;
}

function bestMatch(toks, cands, R) {
  var words = [];
  var modifier = new Set();
  toks.forEach((tok) => {
    if (tok !== R.possessive) words.push(tok);
    else if (words.length) modifier.add(words.length - 1);
  });
  if (!words.length) return null;
  var whole = words.join(" ");
  var heads = cands.heads;
  var best = null, bestAt = null, rightRank = null, rightAt = null;
  for (var order = 0; order < cands.length; order++) {
    var cand = cands[order];
    var n = cand.words.length;
    if (!n) continue;
    var found = null;
    var sim = similar(whole, cand.text, R);
    if (sim) found = { c: cand, at: sim >= 100.0 ? -1 : 0, sim: sim };
    else {
      for (var start = 0; start < words.length - n + 1; start++) {
        var end = start + n - 1;
        if (start && R.notAfter.has(words[start - 1])) continue;
        if (modifier.has(end) && end !== words.length - 1) continue;
        // a compound names its last noun
        if (end + 1 < words.length && heads.has(words[end + 1]) && !ends(words[start]) &&
            !words.slice(start, end).some((w) => R.notAfter.has(w))) continue;
        sim = similar(words.slice(start, end + 1).join(" "), cand.text, R);
        if (sim) {
          found = { c: cand, at: start, sim: sim };
          break;
        }
      }
    }
    if (!found) continue;
    var rank = [found.at, -n, R.kindRank[cand.kind], -found.sim, order];
    if (best === null || lessThan(rank, best)) {
      best = rank;
      bestAt = found;
    }
    if (cand.kind === "accept" && (rightRank === null || lessThan(rank, rightRank))) {
      rightRank = rank;
      rightAt = found;
    }
  }
  if (bestAt && bestAt.c.kind === "partial" && bestAt.at >= 0 && rightAt &&
      rightAt.at >= bestAt.at + bestAt.c.words.length) return rightAt;
  return bestAt;
}

/* ---------- reading.py ---------- */
// A to Z only: positions stay put.
var lower = (t) => t.replace(/[A-Z]/g, (c) => c.toLowerCase());
var trim = (t) => t.replace(/^[ \t\n\r.,;:!?]+|[ \t\n\r.,;:!?]+$/g, "");

function alternatives(phrases) {
  var alts = phrases.slice().sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return "(?<![a-z0-9])(?:" + alts.map((p) => p.split(/\s+/).join("[ \\t\\n\\r.]+")).join("|") + ")(?![a-z0-9])";
}

function rules(s, R) {
  var word = (w) => plain(tokens(w, R), R).join(" ");
  var re = (list, flags) => new RegExp(alternatives(list), flags);
  var agents = new Map();
  s.agents.filter((a) => a[2].length).concat(s.agents.filter((a) => !a[2].length)).forEach((row) => {
    var objects = set(row[2].map(word));
    row[1].map(word).forEach((v) => {
      if (!agents.has(v)) agents.set(v, []);
      agents.get(v).push([word(row[0]), objects]);
    });
  });
  var S = {
    members: re(s.members),
    corrections: re(s.corrections),
    reasons: re(s.reasons),
    separators: new RegExp("[,;/&+]|" + alternatives(s.coordinators), "g"),
    negating: set(s.negating.map((p) => p.toLowerCase().split(/\s+/).join(" "))),
    clauseWords: set(s.clause_words.concat(s.clause_heads)),
    results: set(s.results.map(word)),
    activityNouns: set(s.activity_nouns.map(word)),
    understood: s.understood,
    ask: s.next_question,
    say: s.messages,
    agents: agents
  };
  ["negations", "universal", "own", "continuations"].forEach((k) => { S[k] = set(s[k]); });
  [["clauseHeads", "clause_heads"], ["glue", "clause_glue"], ["swapAfter", "swap_after"]].forEach((k) => { S[k[0]] = set(s[k[1]]); });
  return S;
}

function cutReason(text, S) {
  var m = S.reasons.exec(lower(text));
  return m ? text.slice(0, m.index) : text;
}

function pieces(answer, joined, R) {
  var S = R.S;
  var asides = [];
  var main = answer.replace(/[(\[{]([^()\[\]{}]*)[)\]}]?/g, (_, inner) => { asides.push(inner); return " , "; });
  [/[ \t\n\r][-\u2013\u2014]+[ \t\n\r]|[:\u2013\u2014]|[ \t\n\r]--/, S.members].forEach((re) => {
    var m = re.exec(lower(main));
    if (m) {
      asides.push(main.slice(m.index + m[0].length));
      main = main.slice(0, m.index);
    }
  });
  var out = coordinated(cutReason(main, S), "head", joined, R);
  asides.forEach((text) => {
    var m = S.corrections.exec(lower(text));
    if (m) text = text.slice(m.index + m[0].length);
    out = out.concat(coordinated(cutReason(text, S), m ? "head" : "aside", joined, R));
  });
  return out;
}

function coordinated(text, role, joined, R) {
  var S = R.S;
  var chunks = [];
  var sep = "", at = 0, m;
  var low = lower(text);
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
  chunks.forEach((c) => {
    var toks = tokens(text.slice(c[1], c[2]), R);
    var words = plain(toks, R);
    if (!words.length) return;
    var piece = { text: trim(text.slice(c[1], c[2])), words: toks, role: "aside" };
    var negated = S.negating.has(c[0]) || (c[0] === "but" && S.universal.has(lastFirst));
    if (!out.length || !S.continuations.has(words[0])) {
      if (S.negations.has(words[0])) {
        negated = true;
        piece.words = toks.slice(1);
      }
      lastFirst = words[0];
      piece.role = negated ? "negated" : role;
    }
    out.push(piece);
  });
  return out;
}

function keepPhrases(text, chunks, joined, R) {
  var all = [], starts = [], joins = [];
  chunks.forEach((c, i) => {
    if (i) plain(tokens(c[0], R), R).forEach((w) => { joins.push(all.length); all.push(w); });
    starts.push(all.length);
    all.push(...plain(tokens(text.slice(c[1], c[2]), R), R));
  });
  var keep = new Set();
  all.forEach((w, p) => {
    (joined.get(w) || []).forEach((phrase) => {
      var n = phrase.length;
      if (all.slice(p, p + n).join(" ") === phrase.join(" ") && joins.some((j) => p < j && j < p + n)) {
        starts.forEach((s, i) => { if (i && p < s && s < p + n) keep.add(i); });
      }
    });
  });
  var out = [];
  chunks.forEach((c, i) => {
    if (keep.has(i) && out.length) out[out.length - 1] = [out[out.length - 1][0], out[out.length - 1][1], c[2]];
    else out.push(c);
  });
  return out;
}

function clauseStart(words, S) {
  if (words.length && S.clauseHeads.has(words[0])) return 0;
  for (var i = 1; i < words.length; i++) {
    if (S.clauseWords.has(words[i]) || (S.agents.has(words[i]) && ends(words[i]))) return i;
  }
  return words.length;
}

function readings(toks, R) {
  var S = R.S;
  var words = plain(toks, R);
  var out = [];
  var q = clauseStart(words, S);
  if (q < words.length) {
    var k = S.clauseWords.has(words[q]) ? q + 1 : q;
    while (k < words.length && S.glue.has(words[k])) k++;
    var agent = agentOf(words, k, R);
    if (agent) out.push(agent);
    if (S.clauseWords.has(words[q]) && k < words.length) out.push(words.slice(0, q).concat(words.slice(k)));
  }
  for (var i = 1; i < Math.min(words.length - 1, 3); i++) {
    if (S.swapAfter.has(words[i])) {
      var end = i + 1;
      while (end < words.length && !S.clauseWords.has(words[end]) && !S.glue.has(words[end]) && !R.notAfter.has(words[end])) end++;
      if (end > i + 1) out.push(words.slice(i + 1, end).concat(words.slice(0, i), words.slice(end)));
      break;
    }
  }
  return out;
}

function agentOf(words, v, R) {
  var A = R.S.agents;
  var rest;
  while (v < words.length && A.has(words[v])) {
    rest = words.slice(v + 1);
    var obj = rest.findIndex((w) => !R.notAfter.has(w) && w !== "to");
    var hit = A.get(words[v]).find((a) => a[1].size && obj >= 0 && a[1].has(rest[obj]));
    if (hit) return [hit[0]].concat(rest.slice(obj + 1));
    if (rest.length < 2 || rest[0] !== "to" || !A.has(rest[1])) break;
    v += 2;
  }
  if (v >= words.length || !A.has(words[v])) return null;
  rest = words.slice(v + 1);
  var row = A.get(words[v]).find((a) => !a[1].size);
  if (!row) return null;
  return [row[0]].concat(rest.length && !R.notAfter.has(rest[0]) ? ["of"] : [], rest);
}

/* ---------- grading.py ---------- */
// Python's round(x, 2): exact ties go to even.
function round2(x) {
  var digits = x.toFixed(100).split(".");
  var frac = digits[1];
  if (frac[2] === "5" && /^0*$/.test(frac.slice(3)) && Number(frac[1]) % 2 === 0) {
    return Number(digits[0] + "." + frac.slice(0, 2));
  }
  return Number(x.toFixed(2));
}

var q = (t) => "\u201c" + t + "\u201d";
var say = (R, m, v) => R.S.say[m].replace(/\{(\w+)\}/g, (_, k) => v[k]);
var label = (R, name) => R.vocab.field_names[name].toLowerCase();

function fieldOf(key, name, R) {
  key._f = key._f || {};
  if (key._f[name]) return key._f[name];
  var fk = key.fields[name];
  var cands = [];
  var add = (kind, field) => (p, i) => p.forEach((t) => cands.push(candidate(t, kind, i, field, R)));
  fk.expected.forEach(add("accept", name));
  fk.partial.forEach((p, i) => add("partial", name)(p.answers, i));
  fk.wrong.forEach((w, i) => add("wrong", name)(w.answers, i));
  Object.keys(key.fields).forEach((o) => { if (o !== name) key.fields[o].expected.forEach(add("elsewhere", o)); });
  var S = R.S;
  var joined = new Map();
  var right = new Set();
  var acts = new Set();
  cands.heads = set(R.groupNouns);
  cands.forEach((c) => {
    var w = c.words;
    if (w.length && !ends(w[0]) && !R.notAfter.has(w[0])) cands.heads.add(w[0]);
    if (w.length > 1) {
      if (!joined.has(w[0])) joined.set(w[0], []);
      joined.get(w[0]).push(w);
    }
    if (c.kind === "accept" || c.kind === "partial") right.add(c.text);
  });
  cands.forEach((c) => {
    var n = c.words.length;
    var head = c.words.slice(0, -1).join(" ");
    if (name === "widget" && c.kind === "accept" && n > 1 && S.results.has(c.words[n - 1]) &&
        (!right.has(head) || S.activityNouns.has(c.words[n - 2]))) acts.add(head);
  });
  var f = { cands: cands, joined: joined, acts: acts, judged: new Map() };
  Object.defineProperty(key._f, name, { value: f });
  return f;
}

function part(piece, f, R) {
  var S = R.S;
  var words = plain(piece.words, R);
  if (f.acts.has(words.join(" "))) return { piece: piece, kind: "activity" };
  var found = bestMatch(piece.words, f.cands, R);
  var at = clauseStart(words, S);
  if (found && found.c.kind !== "accept" && found.at >= at) found = null;
  if (!found || (found.c.kind !== "accept" && found.at >= 0 &&
      found.at + found.c.words.length <= at && at < words.length)) {
    var alts = readings(piece.words, R);
    for (var i = 0; i < alts.length; i++) {
      var other = bestMatch(alts[i], f.cands, R);
      if (other && other.c.kind === "accept") {
        found = other;
        break;
      }
      if (!found && other) found = other;
    }
  }
  if (!found) return { piece: piece, kind: S.universal.has(words[0]) ? "broad" : "none" };
  var kind = found.c.kind;
  if (kind === "accept" && S.own.has(words[0]) && !S.own.has(found.c.words[0])) kind = "own";
  return { piece: piece, kind: kind, match: found };
}

function item(answer, outcome, extra) {
  return Object.assign({ answer: answer, outcome: outcome, matched: null, recognized_as: null, trap: null, feedback: "" }, extra);
}

function judge(key, name, answer, R) {
  var f = fieldOf(key, name, R);
  var known = f.judged.get(answer);
  if (!known) {
    if (f.judged.size >= 4096) f.judged.clear();
    f.judged.set(answer, (known = judgeParts(key, name, answer, f, R)));
  }
  return known;
}

function judgeParts(key, name, answer, f, R) {
  var parts = pieces(answer, f.joined, R).filter((p) => p.role !== "negated").map((p) => part(p, f, R));
  var heads = parts.filter((p) => p.piece.role === "head" && p.kind !== "none");
  var asides = parts.filter((p) => p.piece.role === "aside" && p.kind !== "none");
  if (!heads.length) {
    heads = asides;
    asides = [];
  }
  var right = heads.filter((p) => p.kind === "accept");
  var vague = heads.filter((p) => p.kind === "partial");
  var others = heads.filter((p) => p.kind !== "accept" && p.kind !== "partial");
  var wider = asides.filter((p) => p.kind === "accept");
  var fk = key.fields[name];
  var judged = (it, partial, indices) => ({ item: it, partial: partial, indices: indices || [] });
  if (right.length && others.length) {
    var list = R.listFields.has(name);
    return judged(item(answer, list ? "wrong" : "partial", {
      recognized_as: wrongItem(key, name, others[0], answer, "", R).recognized_as,
      feedback: say(R, "several", {
        answer: q(answer),
        right: q(right[0].piece.text),
        named: others.map((o) => q(o.piece.text) + " " + roleIs(key, name, o, R)).join(", "),
        one: list ? say(R, "one_line", {}) : say(R, "one_group", { field: label(R, name) })
      })
    }), -1 - right[0].match.c.index, list ? indexes(right) : []);
  }
  if (right.length) {
    var indices = indexes(right);
    return judged(item(answer, "matched", { matched: fk.expected[indices[0]][0] }), -1, indices);
  }
  if (wider.length && heads.length) {
    return judged(item(answer, "partial", {
      feedback: say(R, "wider", { head: q(heads[0].piece.text), aside: q(wider[0].piece.text) })
    }), -1 - wider[0].match.c.index);
  }
  if (vague.length && !others.length) {
    var index = vague[0].match.c.index;
    return judged(item(answer, "partial", { feedback: fk.partial[index].feedback }), index);
  }
  if (others.length) {
    return judged(wrongItem(key, name, others[0], answer, heads.length === 1 ? answer : others[0].piece.text, R), -1);
  }
  return judged(item(answer, "unrecognized", { feedback: understood(name, answer, R) }), -1);
}

var indexes = (parts) => [...new Set(parts.map((p) => p.match.c.index))];

function roleIs(key, name, p, R) {
  var role = wrongItem(key, name, p, "", "", R).recognized_as;
  if (role !== name && key.asks.includes(role)) return say(R, "another", {});
  if (role) return "is " + R.vocab.role_labels[role];
  return R.listFields.has(name) ? say(R, "not_listed", {}) : say(R, "not_the", { field: label(R, name) });
}

function wrongItem(key, name, p, answer, text, R) {
  var next = R.S.ask[name];
  if (p.kind === "activity") return item(answer, "wrong", { recognized_as: "activity", feedback: say(R, "activity", { text: q(text) }) });
  if (p.kind === "own") return item(answer, "wrong", { feedback: say(R, "own", { text: q(text), next: next }) });
  if (p.kind === "broad") return item(answer, "wrong", { feedback: understood(name, text, R) });
  var cand = p.match.c;
  if (cand.kind === "wrong") {
    var wrong = key.fields[name].wrong[cand.index];
    return item(answer, "wrong", {
      recognized_as: wrong.recognized_as,
      trap: wrong.trap,
      feedback: wrong.feedback + (wrong.trap ? " Trap: " + R.vocab.traps[wrong.trap] + "." : "")
    });
  }
  var roles = R.vocab.role_labels;
  return item(answer, "wrong", {
    recognized_as: cand.field,
    feedback: say(R, key.asks.includes(cand.field) ? "elsewhere_asked" : "elsewhere", {
      text: q(text), role: roles[cand.field], field: R.listFields.has(name) ? roles[name] : "the " + label(R, name), next: next
    })
  });
}

function understood(name, answer, R) {
  var words = set(tokens(answer, R));
  var kind = R.S.understood.find((u) => u[0].some((w) => words.has(w)));
  return kind ? q(answer) + " " + kind[1] : say(R, "unknown", { answer: q(answer), next: R.S.ask[name] });
}

function asText(value, R) {
  if (typeof value !== "string" || strip(value, R).toLowerCase() === R.G.placeholder.toLowerCase()) return null;
  return strip(Array.from(strip(value, R)).slice(0, R.G.max_answer_chars).join(""), R) || null;
}

function asList(value, R) {
  if (typeof value === "string") value = [value];
  if (!Array.isArray(value)) return [];
  return value.map((v) => asText(v, R)).filter(Boolean).slice(0, R.G.max_list_entries);
}

function hintFor(key, fk, attempt, R) {
  var hints = fk.hints.length ? fk.hints : key.hints;
  if (!hints.length) return null;
  return attempt >= hints.length - 1 ? hints[hints.length - 1] + R.G.last_hint : hints[attempt];
}

function fieldResult(verdict, score, fk, answer, extra) {
  return Object.assign({
    verdict: verdict, score: score, max_score: fk.points, answer: answer, matched: [],
    recognized_as: null, trap: null, feedback: "", hint: null
  }, extra);
}

function gradeSingle(key, name, answer, attempt, R) {
  var fk = key.fields[name];
  var hint = hintFor(key, fk, attempt, R);
  if (answer === null) return fieldResult("missing", 0, fk, null, { feedback: "No answer given.", hint: hint });
  var it = judge(key, name, answer, R).item;
  if (it.outcome === "matched") {
    return fieldResult("correct", fk.points, fk, answer, { matched: [it.matched || ""], feedback: fk.explanation || "Right." });
  }
  var partial = it.outcome === "partial";
  return fieldResult(partial ? "partial" : "incorrect", partial ? fk.points / 2 : 0, fk, answer, {
    recognized_as: it.recognized_as, trap: it.trap, feedback: it.feedback, hint: hint
  });
}

function gradeList(key, name, answers, attempt, R) {
  var fk = key.fields[name];
  var hint = hintFor(key, fk, attempt, R);
  if (!answers.length) return fieldResult("missing", 0, fk, [], { feedback: "No answer given.", hint: hint, items: [] });
  var taken = new Map(), partialTaken = new Map();
  var items = [];
  var right = 0, partial = 0, wrong = 0;
  var counted = (answer, earlier) => say(R, "counted", { answer: q(answer), earlier: q(earlier) });
  answers.forEach((answer) => {
    var judged = judge(key, name, answer, R);
    var it = judged.item, o = it.outcome;
    var fresh = judged.indices.filter((i) => !taken.has(i));
    fresh.forEach((i) => taken.set(i, answer));
    right += fresh.length;
    if (o === "matched" && !fresh.length) {
      it = item(answer, "duplicate", { matched: it.matched, feedback: counted(answer, taken.get(judged.indices[0])) });
    } else if (o === "partial" && partialTaken.has(judged.partial)) {
      it = item(answer, "duplicate", { feedback: counted(answer, partialTaken.get(judged.partial)) });
    } else if (o === "partial") {
      partialTaken.set(judged.partial, answer);
      partial += 1;
    } else if (o !== "matched") wrong += 1; // a hedge's right group counts, the other costs
    items.push(it);
  });
  var needed = fk.needed;
  var credit = Math.min(right + 0.5 * partial, needed) - R.G.wrong_item_penalty * wrong;
  var score = round2(fk.points * (Math.max(0.0, credit) / needed));
  var verdict = right >= needed && wrong === 0 ? "correct" : score === 0 ? "incorrect" : "partial";
  var firstWrong = items.find((i) => i.outcome === "wrong");
  var summary = verdict === "correct" ? fk.explanation || "Right."
    : right >= needed ? "Enough right entries, but not every entry is right."
    : right === 0 ? "None of these is right yet." : right + " of the " + needed + " needed.";
  var about = new Map();
  items.forEach((i) => {
    if (i.outcome !== "matched" && i.feedback) about.set(i.feedback, [...new Set(about.get(i.feedback)).add(i.answer)]);
  });
  var notes = [summary];
  about.forEach((list, fb) => notes.push(list.length === 1 && fb.startsWith(q(list[0])) ? fb : list.map(q).join(", ") + ": " + fb));
  return fieldResult(verdict, score, fk, answers, {
    matched: items.filter((i) => i.outcome === "matched" && i.matched).map((i) => i.matched),
    recognized_as: firstWrong ? firstWrong.recognized_as : null,
    trap: firstWrong ? firstWrong.trap : null,
    feedback: notes.join(" "),
    hint: verdict === "correct" ? null : hint,
    items: items
  });
}

// A wrong answer the lexicon added arrives as its group ("g"), the group's phrasings it
// leaves out ("x") and its own feedback if any: rebuilt once, as the key has it in Python.
function whole(key, lexicon) {
  if (key._whole) return;
  Object.values(key.fields).forEach((fk) => {
    fk.wrong = fk.wrong.map((w) => {
      if (!w.g) return w;
      var group = lexicon[w.g], out = w.x || [];
      return { answers: group.phrasings.filter((_, i) => !out.includes(i)), recognized_as: w.recognized_as, trap: w.trap, feedback: w.feedback || group.feedback };
    });
  });
  Object.defineProperty(key, "_whole", { value: true });
}

/* grade(setup, key, answers, attempt): the same object as CheckResult.to_dict(). */
function grade(setup, key, answers, attempt) {
  var R = prepare(setup);
  whole(key, setup.lexicon);
  attempt = attempt || 0;
  var fields = {};
  var total = 0;
  key.asks.forEach((name) => {
    var value = answers[name];
    fields[name] = R.listFields.has(name)
      ? gradeList(key, name, asList(value, R), attempt, R)
      : gradeSingle(key, name, asText(value, R), attempt, R);
    total += fields[name].score;
  });
  var passed = key.asks.every((name) => fields[name].verdict === "correct");
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
