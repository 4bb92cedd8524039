/* In-page exercises for "Who Is Your Customer?": the checker, which grades answers in the
 * reader's browser. It ports the Python grader (grader/normalize, matching, reading, heads,
 * grading.py) and reads the same data; shared test vectors prove the two equal (Node,
 * Chromium). It needs no DOM, so Node loads it too. ams-exercise-form.js, loaded after it,
 * drives each exercise's form on the page through window.AmsExercise.grade. */
(function (root) {
"use strict";

/* ---------- helpers ---------- */
var set = (a) => new Set(a);
var map = (a) => new Map(a);
var keys = Object.keys, assign = Object.assign;
// a property JSON never sees: what the checker works out once and keeps with its object
var remember = (owner, name, value) => (Object.defineProperty(owner, name, { value: value }), value);
// an object as a Map, each value passed through convert if given
var mapOf = (object, convert) => map(Object.entries(object).map((e) => [e[0], convert ? convert(e[1]) : e[1]]));
var lower = (t) => t.replace(/[A-Z]/g, (c) => c.toLowerCase()); // A to Z only: positions stay
var strip = (t, rules) => t.replace(rules.space, "");
// the characters given, as the inside of a regular expression's class
var charClass = (chars) => chars.replace(/[\\\]^-]/g, "\\$&");
var trim = (t, reading) => t.replace(reading.trim, ""); // reading: the reading rules
function less(x, y) {
  for (var i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i];
  return false;
}
function memo(map, key, make) {
  var v = map.get(key);
  if (v === undefined) {
    if (map.size >= 4096) map.clear();
    v = make();
    map.set(key, v);
  }
  return v;
}

/* ---------- normalize.py ---------- */
var TOKEN_RE = /[a-z0-9]+|\x01|\x02/g;

function prepare(setup) {
  if (setup._ready) return setup._ready;
  var lang = setup.language, matching = setup.matching, grading = setup.grading;
  var mark = (name, flags) => new RegExp(lang.marks[name], flags);
  var lookAlikes = map(), digits = keys(lang.digits_in_words).join("");
  keys(lang.look_alikes).forEach((l) => Array.from(lang.look_alikes[l]).forEach((ch) => lookAlikes.set(ch, l)));
  var rules = {
    articles: set(lang.articles), spellings: mapOf(lang.spellings), keepS: set(lang.keep_s),
    homoglyphs: lookAlikes, homoglyphRe: new RegExp("[" + [...lookAlikes.keys()].join("") + "]", "gu"),
    digitsInWords: lang.digits_in_words, digitRe: digits ? new RegExp("(?<=[a-z])[" + digits + "](?=[a-z])", "g") : null,
    acronyms: keys(lang.acronyms).map((a) => [new RegExp("(?<![A-Za-z0-9])" + a + "(?![A-Za-z0-9])", "g"), " " + lang.acronyms[a] + " "]),
    acronymWords: map(keys(lang.acronyms).map((a) => [a, lang.acronyms[a].toLowerCase().match(/[a-z0-9]+/g) || []])),
    acronymBefore: map(keys(lang.acronym_before).map((k) => [k, set(lang.acronym_before[k])])),
    abbreviations: mapOf(lang.abbreviations), wordEndings: set(lang.word_endings),
    possessive: lang.markers[0], article: lang.markers[1], hyphen: lang.markers[2], markers: set(lang.markers),
    combining: new RegExp("[" + lang.combining + "]", "gu"),
    threshold: matching.threshold, minFuzzy: matching.min_fuzzy_chars, classEndings: set(matching.class_endings),
    grading: grading, vocab: setup.vocabulary, lexicon: setup.lexicon, listFields: set(setup.vocabulary.list_fields),
    pairCache: map(), simCache: map(),
    entries: { entryBreak: new RegExp(grading.entry_break), bullet: new RegExp(grading.bullet), firstNumber: new RegExp(grading.first_number), nextNumber: new RegExp(grading.next_number) },
    space: new RegExp("^[" + lang.space + "]+|[" + lang.space + "]+$", "g"), // Python's str.strip(), not trim()
    singular: lang.singular, typos: lang.typos,
    marks: { apostrophes: mark("apostrophes", "g"), possessive: mark("possessive", "g"), innerApostrophe: mark("inner_apostrophe", "g"),
      innerHyphen: mark("inner_hyphen", "g") }
  };
  remember(setup, "_ready", rules);
  rules.reading = readingRules(setup.structure, setup.patterns, lang);
  rules.lexis = readLexis(setup.lexis, lang);
  return rules;
}

// a plural as its singular: the first of the rule's endings that fits is replaced
function singular(w, rules) {
  var rule = rules.singular;
  if (w.length <= rule.longer_than || rules.keepS.has(w) || !w.endsWith("s")) return w;
  var fits = rule.endings.find((e) => w.endsWith(e[0]) && w.length > e[2]);
  return fits ? w.slice(0, w.length - fits[0].length) + fits[1] : w;
}

// [[token, the word as typed]...], articles, hyphens and possessives as markers
function pairs(text, rules) {
  return memo(rules.pairCache, text, () => {
    var look = (s) => s.replace(rules.homoglyphRe, (ch) => rules.homoglyphs.get(ch));
    var t = look(look(text).normalize("NFKD").replace(rules.combining, "")); // before and after decomposing
    rules.acronyms.forEach((rule) => { t = t.replace(rule[0], () => rule[1]); });
    t = t.toLowerCase().replace(rules.marks.apostrophes, "'").split("&").join(" and ");
    if (rules.digitRe) t = t.replace(rules.digitRe, (d) => rules.digitsInWords[d]);
    t = t.replace(rules.marks.possessive, " \x01 ").replace(rules.marks.innerApostrophe, "");
    t = t.replace(rules.marks.innerHyphen, " \x02 ");
    var out = [];
    (t.match(TOKEN_RE) || []).forEach((tok) => {
      if (tok === "\x01") {
        if (out.length && out[out.length - 1][0] !== rules.possessive) out.push([rules.possessive, rules.possessive]);
      } else if (tok === "\x02") out.push([rules.hyphen, rules.hyphen]);
      else if (rules.articles.has(tok)) out.push([rules.article, rules.article]);
      else {
        var expanded = rules.abbreviations.has(tok) ? rules.abbreviations.get(tok) : tok;
        (expanded.match(/[a-z0-9]+/g) || []).forEach((word) => {
          var norm = singular(word, rules);
          out.push([rules.spellings.has(norm) ? rules.spellings.get(norm) : norm, word]);
        });
      }
    });
    // "it" is IT when the next word shows it
    var res = [];
    out.forEach((p, i) => {
      var before = rules.acronymBefore.get(p[0]);
      if (before && out[i + 1] && before.has(out[i + 1][0])) rules.acronymWords.get(p[0].toUpperCase()).forEach((w) => res.push([w, w]));
      else res.push(p);
    });
    return res;
  });
}
var markedTokens = (text, rules) => pairs(text, rules).map((p) => p[0]);
var rawWords = (text, rules) => pairs(text, rules).map((p) => p[1]);
var tokens = (text, rules) => markedTokens(text, rules).filter((t) => t !== rules.article && t !== rules.hyphen);
var plain = (toks, rules) => toks.filter((t) => t !== rules.possessive);
var wordsOf = (m, rules) => m.filter((t) => t !== rules.article && t !== rules.hyphen);

/* ---------- matching.py ---------- */
function candidate(phrase, kind, index, field, actor, rules) {
  var words = plain(tokens(phrase, rules), rules);
  return { words: words, text: words.join(" "), kind: kind, index: index, field: field, actor: actor === undefined ? null : actor };
}

// rapidfuzz fuzz.ratio: 100 * (1 - indel / (len1 + len2)), indel = len1 + len2 - 2 * LCS,
// the LCS counted bit-parallel (Hyyro 2004), 32 positions of b per word.
var MASKS = map();
function ratio(a, b) {
  if (!a.length && !b.length) return 100;
  var pm = MASKS.get(b);
  if (!pm) {
    pm = { n: (b.length + 31) >>> 5, chars: map() };
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

function similar(a, b, rules) {
  return memo(rules.simCache, a + "\n" + b, () => {
    if (a === b) return 100.0;
    if (b.length < rules.minFuzzy || !a || a[0] !== b[0]) return 0.0;
    if (200.0 * Math.min(a.length, b.length) < rules.threshold * (a.length + b.length)) return 0.0;
    var wa = a.split(" "), wb = b.split(" ");
    if (wa.length === wb.length && wa.every((x, i) => x === wb[i] || oneSlip(x, wb[i], rules))) return rules.threshold;
    if (anotherWord(a, b, rules)) return 0.0;
    var score = ratio(a, b);
    return score >= rules.threshold ? score : 0.0;
  });
}

function oneSlip(x, y, rules) {
  if (x[0] !== y[0] || anotherWord(x, y, rules)) return false;
  var short = Math.min(x.length, y.length), typos = rules.typos;
  var sorted = (s) => s.split("").sort().join("");
  if (x.length === y.length) {
    var d = [];
    for (var i = 0; i < x.length; i++) if (x[i] !== y[i]) d.push(i);
    if (short >= typos.swapped && d.length === 2 && d[1] === d[0] + 1 && x[d[0]] === y[d[1]] && x[d[1]] === y[d[0]]) return true;
    if (short >= typos.same_letters && x.slice(-1) === y.slice(-1) && sorted(x) === sorted(y)) return true;
    return short >= typos.one_wrong && d.length === 1;
  }
  if (Math.abs(x.length - y.length) !== 1 || short < typos.one_more) return false;
  var long = x.length > y.length ? x : y, shorter = x.length > y.length ? y : x;
  var j = 0;
  while (j < shorter.length && shorter[j] === long[j]) j++;
  return long.slice(0, j) + long.slice(j + 1) === shorter;
}

function anotherWord(a, b, rules) {
  var pairs_ = [[a, b]];
  var wa = a.split(" "), wb = b.split(" ");
  if (wa.length === wb.length) wa.forEach((x, i) => { if (x !== wb[i]) pairs_.push([x, wb[i]]); });
  return pairs_.some((p) => {
    var long = p[0].length > p[1].length ? p[0] : p[1];
    var short = long === p[0] ? p[1] : p[0];
    return (long.startsWith(short) && rules.wordEndings.has(long.slice(short.length))) || otherEnding(p[0], p[1], rules);
  });
}

function otherEnding(x, y, rules) {
  var list = [...rules.wordEndings].filter((e) => rules.classEndings.has(e));
  return list.some((ex) => x.endsWith(ex) && x.length - ex.length >= 4 &&
    list.some((ey) => ey !== ex && y === x.slice(0, -ex.length) + ey));
}

// the candidates filed by (number of words or 0, first letter), sorted by length
function prepared(cands, rules) {
  var filed = map();
  cands.forEach((c, order) => {
    if (!c.words.length) return;
    [c.words.length, 0].forEach((n) => {
      var k = n + " " + c.text[0];
      if (!filed.has(k)) filed.set(k, []);
      filed.get(k).push([c.text.length, order, c]);
    });
  });
  filed.forEach((g) => g.sort((x, y) => x[0] - y[0] || x[1] - y[1]));
  return { cands: cands, byShape: filed, threshold: rules.threshold };
}

function near(filed, n, text) {
  var g = filed.byShape.get(n + " " + text[0]);
  if (!g) return [];
  var lo = text.length * filed.threshold / (200.0 - filed.threshold) - 1e-9, hi = text.length * (200.0 - filed.threshold) / filed.threshold + 1e-9;
  var a = 0, b = g.length;
  while (a < b) { var mid = (a + b) >> 1; if (g[mid][0] < lo) a = mid + 1; else b = mid; }
  var c = a, d = g.length;
  while (c < d) { mid = (c + d) >> 1; if (g[mid][0] <= hi) c = mid + 1; else d = mid; }
  return g.slice(a, c).map((e) => [e[1], e[2]]);
}

/* ---------- reading.py ---------- */
// the reading rules: their regular expressions come written by Python (payload.py)
function readingRules(s, x, lang) {
  var re = (k, state) => new RegExp(x[k], state), marks = lang.marks, trimmed = charClass(lang.trim);
  var reading = {
    withShorthand: new RegExp(marks.with_shorthand, "g"), emphasis: new RegExp(marks.emphasis, "g"), possessor: new RegExp(marks.possessor),
    trim: new RegExp("^[" + trimmed + "]+|[" + trimmed + "]+$", "g"),
    bracket: new RegExp(marks.bracket, "g"), dash: new RegExp(marks.dash), members: re("members"), corrections: re("corrections", "g"),
    reasons: re("reasons"), separators: re("separators", "g"), leadIns: re("lead_ins"), etcetera: re("etcetera", "g"),
    negating: set(x.negating),
    understood: s.understood, ask: s.next_question, say: s.messages
  };
  ["negations", "universal", "own", "continuations", "clause_words"].forEach((k) => { reading[k] = set(s[k]); });
  return reading;
}

function cutReason(text, reading) {
  var m = reading.reasons.exec(lower(text));
  return m ? text.slice(0, m.index) : text;
}

function withoutLeadIn(text, reading) {
  for (;;) {
    var m = reading.leadIns.exec(lower(text));
    if (!m || !m[0].trim()) return text;
    var rest = text.slice(m[0].length);
    if (!rest.trim() || text.replace(/^\s+/, "").startsWith("IT")) return text;
    text = rest;
  }
}

function cleaned(answer, reading) {
  var text = answer.replace(reading.withShorthand, "with ").replace(reading.emphasis, " ");
  var kept = "", at = 0, last = null;
  for (var m of lower(text).matchAll(reading.etcetera)) { kept += text.slice(at, m.index); at = m.index + m[0].length; }
  text = kept + text.slice(at);
  for (m of lower(text).matchAll(reading.corrections)) if (trim(text.slice(m.index + m[0].length), reading)) last = m.index + m[0].length;
  if (last !== null) text = text.slice(last);
  return withoutLeadIn(text, reading);
}

function pieces(answer, joined, info, rules) {
  var reading = rules.reading;
  var asides = [];
  reading.bracket.lastIndex = 0;
  var main = cleaned(answer, reading).replace(reading.bracket, (_, inner) => { asides.push(inner); return " , "; });
  [reading.dash, reading.members].forEach((re) => {
    var m = re.exec(lower(main));
    if (m) {
      asides.push(main.slice(m.index + m[0].length));
      main = main.slice(0, m.index);
    }
  });
  var out = coordinated(cutReason(main, reading), "head", joined, info, rules);
  asides.forEach((t) => { out = out.concat(coordinated(cutReason(t, reading), "aside", joined, info, rules)); });
  return out;
}

function coordinated(text, role, joined, info, rules) {
  var reading = rules.reading;
  var chunks = [], sep = "", at = 0;
  for (var m of lower(text).matchAll(reading.separators)) {
    chunks.push([sep, at, m.index]);
    sep = m[0].split(/[ \t\n\r]+/).filter(Boolean).join(" ");
    at = m.index + m[0].length;
  }
  chunks.push([sep, at, text.length]);
  if (chunks.length > 1 && joined.size) chunks = keepPhrases(text, chunks, joined, rules);
  var parts = [], comma = false;
  chunks.forEach((c) => {
    comma = comma || c[0] === "," || c[0] === ";";
    var raw = text.slice(c[1], c[2]);
    if (parts.length && !reading.possessor.test(lower(raw))) raw = withoutLeadIn(raw, reading); // "its" is not "it's"
    var marked = markedTokens(raw, rules);
    if (!plain(wordsOf(marked, rules), rules).length) return;
    parts.push([c[0], raw, marked, comma]);
    comma = false;
  });
  var named = parts.map((p) => (info ? info(p[2])[0] : true));
  var out = [], lastFirst = "", openQualifier = false, inClause = false, describing = false;
  parts.forEach((p, n) => {
    var sp = p[0], raw = p[1], marked = p[2], cm = p[3];
    var typed = rawWords(raw, rules), toks = wordsOf(marked, rules), words = plain(toks, rules), shown = trim(raw, reading);
    var piece = (role) => ({ text: shown, words: toks, role: role, marked: marked, raw: typed });
    var negated = reading.negating.has(sp) || (sp === "but" && reading.universal.has(lastFirst));
    if (out.length && !negated && (reading.continuations.has(words[0]) || (describing && !cm))) {
      out.push(piece("describes"));
      describing = true;
      return;
    }
    describing = false;
    if (out.length && !negated && reading.possessor.test(lower(raw))) {
      out.push(piece("aside"));
      return;
    }
    if (reading.negations.has(words[0])) {
      negated = true;
      var k = marked.indexOf(words[0]);
      marked = marked.slice(k + 1);
      typed = typed.slice(k + 1);
      toks = wordsOf(marked, rules);
      if (!toks.length) return; // a bare "no" names nobody
    }
    // "people who register or renew their registration": one clause, two verbs
    var verbGoesOn = inClause && marked[0] !== rules.article && !!info && !info(marked)[2];
    if (out.length && openQualifier && !negated && (!named[n] || !named.slice(n).every(Boolean) || verbGoesOn)) {
      var prev = out[out.length - 1];
      prev.text = (prev.text + " " + sp + " " + shown).trim();
      prev.words = prev.words.concat(toks);
      prev.marked = prev.marked.concat(marked);
      prev.raw = prev.raw.concat(typed);
      return;
    }
    lastFirst = words[0];
    out.push(piece(negated ? "negated" : role));
    openQualifier = !!info && info(marked)[1];
    inClause = words.slice(1).some((w) => reading.clause_words.has(w));
  });
  return out;
}

function keepPhrases(text, chunks, joined, rules) {
  var all = [], starts = [], joins = [];
  var w = (t) => plain(wordsOf(markedTokens(t, rules), rules), rules);
  chunks.forEach((c, i) => {
    if (i) w(c[0]).forEach((x) => { joins.push(all.length); all.push(x); });
    starts.push(all.length);
    all.push(...w(text.slice(c[1], c[2])));
  });
  var unbroken = set(); // chunks not to cut before
  all.forEach((x, p) => {
    (joined.get(x) || []).forEach((phrase) => {
      var n = phrase.length;
      if (all.slice(p, p + n).join(" ") === phrase.join(" ") && joins.some((j) => p < j && j < p + n)) {
        starts.forEach((s, i) => { if (i && p < s && s < p + n) unbroken.add(i); });
      }
    });
  });
  var out = [];
  chunks.forEach((c, i) => {
    if (unbroken.has(i) && out.length) out[out.length - 1] = [out[out.length - 1][0], out[out.length - 1][1], c[2]];
    else out.push(c);
  });
  return out;
}

/* ---------- heads.py ---------- */

// the reader's tables, worked out once by Python (payload.py)
function readLexis(x, lang) {
  var lexis = { present: lang.participles.present, past: lang.participles.past, participleLongerThan: lang.participles.longer_than, stemEndings: lang.stem_endings };
  keys(x).forEach((k) => {
    var v = x[k];
    lexis[k] = !Array.isArray(v) ? mapOf(v) : k === "relational" || k === "falsifiers" ? v : set(v);
  });
  lexis.agents.forEach((rows, k) => lexis.agents.set(k, rows.map((r) => [r[0], set(r[1])])));
  return lexis;
}

// a word that may be a participle ("applying", "covered"), or one in -ing ("representing")
var participle = (w, lexis) => (w.endsWith(lexis.present) || w.endsWith(lexis.past)) && w.length > lexis.participleLongerThan;
var presentParticiple = (w, lexis) => w.endsWith(lexis.present) && w.length > lexis.participleLongerThan;
var adverb = (w, lexis) => w.endsWith("ly") && w.length > 4 && !lexis.notAdverbs.has(w);

function stem(word, lexis) {
  if (lexis.irregular.has(word)) word = lexis.irregular.get(word);
  var cut = lexis.stemEndings.find((e) => word.endsWith(e[0]) && word.length > e[1]);
  if (cut) word = word.slice(0, -cut[0].length);
  var n = word.length;
  if (n > 3 && word[n - 1] === word[n - 2] && !"aeiousl".includes(word[n - 1])) word = word.slice(0, -1);
  if (word.endsWith("e") && word.length > 3) word = word.slice(0, -1);
  if (word.endsWith("y") && word.length > 3) word = word.slice(0, -1) + "i";
  if (word.endsWith("ll") && word.length > 4) word = word.slice(0, -1);
  return word;
}

function split(marked, rules) {
  var g = { words: [], det: [], poss: [], glued: [] }, article = false, hyphen = false;
  marked.forEach((t) => {
    if (t === rules.article) article = true;
    else if (t === rules.hyphen) hyphen = true;
    else if (t === rules.possessive) { if (g.poss.length) g.poss[g.poss.length - 1] = true; }
    else {
      g.words.push(t); g.det.push(article); g.poss.push(false);
      g.glued.push(hyphen && g.words.length > 1);
      article = hyphen = false;
    }
  });
  return g;
}
var bare = (words) => ({ words: words, det: words.map(() => false), poss: words.map(() => false), glued: [] });

// x: what Python's Index derives from the phrasings (the verbs they use done, the words in
// -ing of their names, names "X and Y" by each word), sent with the field (payload.py)
function buildIndex(filed, rules, x) {
  var lexis = rules.lexis, inner = (w) => lexis.prep.has(w) || lexis.clause.has(w) || lexis.det.has(w);
  var index = {
    filed: filed, byLast: map(), crossing: [], starts: set(), ofActor: map(), acted: set(x.acted), ingNames: set(x.ing),
    conjuncts: mapOf(x.conjuncts, (i) => filed.cands[i])
  };
  filed.cands.forEach((c, order) => {
    var w = c.words;
    if (!w.length) return;
    if (!index.byLast.has(w[w.length - 1])) index.byLast.set(w[w.length - 1], []);
    index.byLast.get(w[w.length - 1]).push([order, c]);
    if (w.length > 1) {
      index.starts.add(w[0] + " " + w[1]);
      if (w.slice(1).some(inner)) index.crossing.push([order, c]);
    }
    if (c.actor !== null && !index.ofActor.has(c.actor)) index.ofActor.set(c.actor, [order, c]);
  });
  return index;
}

function content(words, lexis) {
  var out = set();
  for (var i = 0; i < words.length; i++) {
    var w = words[i];
    if (lexis.sub.has(w)) break;
    if (lexis.stop.has(w) || lexis.prep.has(w)) continue;
    var st = stem(w, lexis);
    if (lexis.synonyms.has(st)) st = lexis.synonyms.get(st);
    if (!lexis.stopStems.has(st)) out.add(st);
  }
  return out;
}

// the scenario's people as the reader sees them, worked out by Python (payload.py)
function readScene(x) {
  return {
    primary: x.primary, serves: mapOf(x.serves), producers: set(x.producers), population: set(x.population),
    described: x.described.map((d) => [d[0], set(d[1])]), roles: mapOf(x.roles), members: mapOf(x.members, set)
  };
}

// words the question knows, and its words as written, to read a typo against
function vocabulary(phrases, rules) {
  var known = set(), typed = map();
  phrases.forEach((p) => {
    pairs(p, rules).forEach((x) => {
      if (rules.markers.has(x[0])) return;
      known.add(x[0]);
      if (x[1].length >= rules.typos.word && /^[a-z]+$/.test(x[1])) {
        if (!typed.has(x[1][0])) typed.set(x[1][0], map());
        typed.get(x[1][0]).set(x[1], x[0]);
      }
    });
  });
  typed.forEach((byWord, letter) => typed.set(letter, [...byWord.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))));
  return { known: known, typed: typed };
}

function corrected(marked, raw, known, rules) {
  if (raw.length !== marked.length) return marked;
  return marked.map((tok, i) => {
    var t = raw[i];
    if (rules.markers.has(tok) || known.known.has(tok) || t.length < rules.typos.word || !/^[a-z]+$/.test(t)) return tok;
    var lexis = rules.lexis;
    if (lexis.stop.has(tok) || lexis.prep.has(tok) || lexis.verbs.has(stem(tok, lexis))) return tok; // "filed" is not "field"
    var best = null, tie = false;
    (known.typed.get(t[0]) || []).forEach((e) => {
      if (Math.abs(e[0].length - t.length) > rules.typos.length_gap) return;
      var score = oneSlip(t, e[0], rules) ? 100.0 : ratio(t, e[0]);
      if (score < rules.typos.similar || anotherWord(t, e[0], rules)) return;
      if (best === null || score > best[0]) { best = [score, e[1]]; tie = false; }
      else if (score === best[0] && e[1] !== best[1]) tie = true;
    });
    return best !== null && !tie ? best[1] : tok;
  });
}

var RANK = { accept: 0, partial: 1, wrong: 2, elsewhere: 3 };
var FALSIFIED = { words: [], text: "", kind: "falsified", index: -1, field: "", actor: null };
var match = (candidate, at, sim) => ({ candidate: candidate, at: at, sim: sim });

// "children on Medicaid", "citizens served by the purchases": who "people ..." are
function asPerson(qualifier, index, rules) {
  var words = ["person"].concat(qualifier);
  return crossing(words, 1, index, rules) || crossing(reduced(words, 1, rules.lexis), 1, index, rules);
}

// "people who are getting out of prison" read as "people getting out of prison"
function reduced(words, b, lexis) {
  if (b >= words.length || !lexis.clause.has(words[b])) return words;
  var k = b + 1;
  while (k < words.length && lexis.glue.has(words[k])) k++;
  return k > b + 1 ? words.slice(0, b).concat(words.slice(k)) : words;
}

function readGroup(marked, index, scene, widget, antecedent, rules) {
  var lexis = rules.lexis, g = split(marked, rules);
  if (!g.words.length) return { match: null, how: "none" };
  var whole = wholeMatch(g.words, index, rules);
  if (whole) return { match: whole, how: "name" };
  var b = judgement.boundary(g, index, rules), head = g.words.slice(0, b), qualifier = g.words.slice(b);
  if (lexis.transparent.has(head[head.length - 1]) && qualifier[0] === "of" && qualifier.length > 1) {
    // "a short list of the recommendations that matter most": the recommendations
    var at = marked.indexOf("of", marked.indexOf(head[head.length - 1]));
    return readGroup(marked.slice(at + 1), index, scene, widget, antecedent, rules);
  }
  var cross = crossing(g.words, b, index, rules) || crossing(reduced(g.words, b, lexis), b, index, rules);
  if (cross) {
    var end = cross.at + cross.candidate.words.length;
    if (scene.population.has(cross.candidate.actor) && end < g.words.length) {
      // "members of the public with cases": the qualifier after the name decides
      var after = byQualifier(g, end, index, scene, true, antecedent, rules);
      if (after && after.candidate.actor !== cross.candidate.actor) return { match: after, how: "qualifier" };
    }
    var narrow = narrowed(cross, g, end, index, scene, antecedent, rules);
    if (narrow) return { match: narrow, how: "qualifier" };
    return { match: cross, how: "name" };
  }
  if (widget && head[0].endsWith(lexis.present) && (lexis.verbs.has(stem(head[0], lexis)) || index.acted.has(stem(head[0], lexis)))) {
    var thing = headMatch(head, index, rules);
    if (thing && thing.candidate.kind === "wrong" && thing.at === 0) return { match: thing, how: "name" };
    var nm = nameAt(head, 0, index);
    if (!nm[1] || (nm[1].kind !== "accept" && nm[1].kind !== "partial")) return { match: null, how: "activity" };
  }
  var last = head[head.length - 1];
  // "families enrolled in Medicaid" where the key does not know families: as for "people"
  var kind = lexis.person.has(last) && !wholeMatch(head, index, rules) && !headMatch(head, index, rules);
  if (qualifier.length && (lexis.generic.has(last) || kind)) {
    var byQ = byQualifier(g, b, index, scene, false, antecedent, rules);
    if (byQ) return { match: byQ, how: "qualifier" };
    var asP = asPerson(qualifier, index, rules);
    if (asP) return { match: asP, how: "qualifier" };
  }
  var rel = relational(g, b, index, scene, rules);
  if (rel) return { match: rel, how: "qualifier" };
  var found = headMatch(head, index, rules);
  if (!found && qualifier.length && !functionWords(qualifier, lexis) && !verbIng(qualifier[0], index, lexis)) found = headMatch(g.words, index, rules);
  if (!found && qualifier.length && lexis.swap.has(qualifier[0])) {
    var rest = qualifier.slice(1), obj = rest.slice(0, judgement.boundary(bare(rest), index, rules));
    if (obj.length) {
      var swapped = headMatch(obj.concat(head), index, rules);
      if (swapped && swapped.candidate.kind !== "falsified") found = swapped;
    }
  }
  if (found && found.candidate.kind === "falsified") return { match: null, how: "falsified" };
  if (found && qualifier.length && scene.population.has(found.candidate.actor)) {
    var other = byQualifier(g, b, index, scene, true, antecedent, rules) || asPerson(qualifier, index, rules);
    if (other && other.candidate.actor !== found.candidate.actor) return { match: other, how: "qualifier" };
  }
  if (!found) return { match: null, how: "none" };
  var narrowedFound = narrowed(found, g, b, index, scene, antecedent, rules);
  return narrowedFound ? { match: narrowedFound, how: "qualifier" } : { match: found, how: "name" };
}

// a partly right name that what follows narrows to the same actor's right group:
// "people stuck in traffic during rush hour" are the rush-hour commuters
function narrowed(found, g, end, index, scene, antecedent, rules) {
  var c = found.candidate;
  if (c.kind !== "partial" || c.actor === null || end >= g.words.length) return null;
  var other = byQualifier(g, end, index, scene, false, antecedent, rules);
  if (other && other.candidate.actor === c.actor) return other.candidate.kind === "accept" ? other : null;
  var rest = g.words.slice(end);
  for (var i = 0; i < rest.length; i++) {
    var name = nameAt(rest, i, index)[1];
    if (name && name.kind === "accept" && name.actor === c.actor) return match(name, end + i, rules.threshold);
  }
  return null;
}

var verbIng = (word, index, lexis) => presentParticiple(word, lexis) && !index.ingNames.has(word);
var functionWords = (words, lexis) => words.some((w) => lexis.prep.has(w) || lexis.clause.has(w) || lexis.det.has(w) || lexis.always.has(w));
var sameNoun = (a, b, rules) => a === b || similar(a, b, rules) >= rules.threshold;

function wholeMatch(words, index, rules) {
  var text = words.join(" "), best = null, found = null;
  near(index.filed, 0, text).forEach((e) => {
    var c = e[1], sim = similar(text, c.text, rules);
    // a typo may not change the head, nor add a head in front ("critics of a license")
    if (sim && sim < 100.0 && !(sameNoun(words[words.length - 1], c.words[c.words.length - 1], rules) && sameNoun(words[0], c.words[0], rules))) return;
    if (sim) {
      var rank = [-sim, RANK[c.kind], e[0]];
      if (best === null || less(rank, best)) { best = rank; found = match(c, sim >= 100.0 ? -1 : 0, sim); }
    }
  });
  return found;
}

function boundary(g, index, rules) {
  var lexis = rules.lexis, w = g.words, n = w.length, inside = 0;
  for (var i = 1; i < n; i++) {
    var word = w[i];
    if (i < inside || g.glued[i]) continue;
    if (g.det[i]) return i;
    if (g.poss[i - 1]) continue;
    if (lexis.clause.has(word) || lexis.prep.has(word) || lexis.det.has(word) || lexis.post.has(word)) return i;
    if (adverb(w[i - 1], lexis)) continue;
    if (lexis.always.has(word)) return i;
    var nxt = i + 1 < n ? w[i + 1] : null;
    var clauseNext = nxt !== null && (g.det[i + 1] || lexis.det.has(nxt) || lexis.clause.has(nxt));
    var knownBefore = index.byLast.has(w[i - 1]) || lexis.generic.has(w[i - 1]);
    if (participle(word, lexis) || lexis.irregular.has(word)) {
      if (nxt === null) {
        if (!word.endsWith(lexis.present) || (knownBefore && lexis.verbs.has(stem(word, lexis)))) return i;
        continue;
      }
      if (clauseNext || lexis.prep.has(nxt) || adverb(nxt, lexis)) return i;
      if (index.starts.has(word + " " + nxt)) {
        var len = nameAt(w, i, index)[0];
        if (len) { inside = i + len; continue; }
      }
      if (nxt === "and" || nxt === "or") continue;
      if (word.endsWith(lexis.present) && !index.ingNames.has(word)) return i; // "lawyers | representing taxpayers"
      if (knownBefore) return i;
      if (lexis.verbs.has(stem(word, lexis)) && !index.byLast.has(nxt)) return i;
      continue;
    }
    if (lexis.verbs.has(stem(word, lexis)) && (clauseNext || lexis.generic.has(w[i - 1]))) return i;
  }
  return n;
}

function nameAt(words, i, index) {
  for (var k = words.length - i; k > 1; k--) {
    var text = words.slice(i, i + k).join(" ");
    var hit = near(index.filed, k, text).find((e) => e[1].text === text);
    if (hit) return [k, hit[1]];
  }
  return [0, null];
}

function crossing(words, b, index, rules) {
  if (b >= words.length) return null;
  var best = null, found = null;
  index.crossing.forEach((e) => {
    var c = e[1], n = c.words.length;
    for (var start = 0; start < Math.min(b, 3); start++) {
      var end = start + n;
      if (end <= b || end > words.length) continue;
      var sim = similar(words.slice(start, end).join(" "), c.text, rules);
      if (sim) {
        var rank = [start, -n, RANK[c.kind], -sim, e[0]];
        if (best === null || less(rank, best)) { best = rank; found = match(c, start, sim); }
      }
    }
  });
  return found;
}

function headMatch(head, index, rules) {
  var best = null, found = null;
  for (var start = 0; start < head.length; start++) {
    var text = head.slice(start).join(" ");
    near(index.filed, head.length - start, text).forEach((e) => {
      var c = e[1], sim = similar(text, c.text, rules);
      if (sim && sim < 100.0 && !sameNoun(head[head.length - 1], c.words[c.words.length - 1], rules)) return;
      if (sim) {
        var rank = [start, RANK[c.kind], -sim, e[0]];
        if (best === null || less(rank, best)) { best = rank; found = match(c, start, sim); }
      }
    });
    if (found) break;
  }
  (index.byLast.get(head[head.length - 1]) || []).forEach((e) => {
    var c = e[1], n = c.words.length;
    if (n < 2 || n > head.length || (found && found.candidate.words.length >= n)) return;
    if (inOrder(c.words.slice(0, -1), head.slice(0, -1))) found = match(c, head.indexOf(c.words[0]), rules.threshold);
  });
  if (!found && index.conjuncts.has(head[head.length - 1])) found = match(index.conjuncts.get(head[head.length - 1]), head.length - 1, rules.threshold);
  if (!found) return null;
  return falsified(head.slice(0, Math.max(found.at, 0)), rules.lexis) ? match(FALSIFIED, 0, 0.0) : found;
}

function inOrder(needles, hay) {
  var at = 0;
  for (var i = 0; i < needles.length; i++) {
    var k = hay.indexOf(needles[i], at);
    if (k < 0) return false;
    at = k + 1;
  }
  return true;
}

function falsified(before, lexis) {
  return lexis.falsifiers.some((state) => {
    for (var i = 0; i + state.length <= before.length; i++) if (before.slice(i, i + state.length).join(" ") === state.join(" ")) return true;
    return false;
  });
}

function byQualifier(g, b, index, scene, population, antecedent, rules) {
  var actor = qualifiedActor(g, b, index, scene, population, antecedent, rules);
  var entry = actor === null ? null : index.ofActor.get(actor);
  return entry ? match(entry[1], b, rules.threshold) : null;
}

function qualifiedActor(g, b, index, scene, population, antecedent, rules) {
  var lexis = rules.lexis, qualifier = g.words.slice(b);
  var served = serving(g, b, index, scene, population, antecedent, rules);
  if (served !== null) return served;
  if (b && lexis.staff.has(g.words[b - 1]) && ["in", "at", "of", "from"].includes(qualifier[0])) {
    // "staff in the state offices", "employees of the vendor": that group's people
    var where = groupActor(upToVerb(qualifier.slice(1), lexis), index, rules);
    if (where !== null && where !== "widget") return where;
  }
  if (serveVerb(qualifier, lexis) !== null) return null;
  if (wantsTheWidget(qualifier, index, rules)) return one(scene.primary);
  var d = described(qualifier, scene, rules), agent = agentActor(qualifier, index, rules);
  // "the person applying to become a school bus driver": the verb makes an applicant
  if (d !== null && agent !== null && !leads(qualifier, d, scene, rules)) return agent;
  return d !== null ? d : agent;
}

function serving(g, b, index, scene, population, antecedent, rules) {
  var lexis = rules.lexis, qualifier = g.words.slice(b), v = serveVerb(qualifier, lexis);
  if (v === null) return null;
  if (v + 1 < qualifier.length && qualifier[v + 1] === "by") {
    var by = qualifier.slice(v + 2);
    return one(servedBy(by[0] === "what" ? "widget" : groupActor(upToVerb(by, lexis), index, rules), scene, population));
  }
  var lead = qualifier.length && lexis.clause.has(qualifier[0]) ? 1 : 0;
  while (lead < v && lexis.glue.has(qualifier[lead])) lead++;
  if ((v === 0 && qualifier[v].endsWith(lexis.present)) || (v === lead && lead >= 1 && lexis.clause.has(qualifier[0]))) {
    var target = groupActor(qualifier.slice(v + 1), index, rules);
    if (target === null) return null;
    return one([...scene.serves.entries()].filter((e) => e[1].includes(target)).map((e) => e[0]));
  }
  var words = upToVerb(qualifier.slice(lead, v), lexis), agent;
  var j = words.join(" ");
  if (j === "we" || j === "us") agent = "we";
  else if (j === "they" || j === "them") agent = antecedent;
  else agent = groupActor(words, index, rules);
  return one(servedBy(agent, scene, population));
}

function wantsTheWidget(qualifier, index, rules) {
  var lexis = rules.lexis;
  for (var v = 0; v < Math.min(qualifier.length, 4); v++) {
    if (lexis.want.has(stem(qualifier[v], lexis))) {
      var rest = qualifier.slice(v + 1).filter((w) => !lexis.prep.has(w) && w !== "to");
      for (var end = rest.length; end > 0; end--) if (groupActor(rest.slice(0, end), index, rules) === "widget") return true;
      return false;
    }
  }
  return false;
}

function serveVerb(qualifier, lexis) {
  for (var i = 0; i < qualifier.length; i++) if (lexis.serve.has(stem(qualifier[i], lexis)) && !(i && lexis.prep.has(qualifier[i - 1]) && qualifier[i - 1] !== "to")) return i;
  return null;
}

function upToVerb(words, lexis) {
  for (var i = 1; i < words.length; i++) {
    var w = words[i];
    if (lexis.always.has(w) || lexis.glue.has(w) || w === "to" || lexis.clause.has(w)) return words.slice(0, i);
  }
  return words;
}

function servedBy(agent, scene, population) {
  if (agent === null || agent === undefined) return [];
  if (agent === "widget") return scene.primary;
  if (agent === "we" || scene.producers.has(agent)) return population ? [] : scene.primary;
  return scene.serves.get(agent) || [];
}

var one = (actors) => (new Set(actors).size === 1 ? actors[0] : null);

function groupActor(words, index, rules) {
  if (!words.length) return null;
  var found = wholeMatch(words, index, rules);
  if (!found) {
    var b = judgement.boundary(bare(words), index, rules);
    found = crossing(words, b, index, rules) || headMatch(words.slice(0, b), index, rules);
  }
  return !found || found.candidate.kind === "falsified" ? null : found.candidate.actor;
}

function relational(g, b, index, scene, rules) {
  var lexis = rules.lexis, head = g.words.slice(0, b);
  for (var k = 0; k < lexis.relational.length; k++) {
    var r = lexis.relational[k], n = r.length;
    if (head.slice(-n).join(" ") !== r.join(" ") || head.length < n) continue;
    var owner = head.slice(0, -n);
    if (!owner.length && b < g.words.length && g.words[b] === "of") {
      var rest = g.words.slice(b + 1);
      owner = rest.slice(0, judgement.boundary(bare(rest), index, rules));
    }
    if (!owner.length) return null;
    var served = one(servedBy(groupActor(owner, index, rules), scene, false));
    if (served === null) return null;
    var entry = index.ofActor.get(served);
    return entry ? match(entry[1], 0, rules.threshold) : null;
  }
  return null;
}

function described(qualifier, scene, rules) {
  var lexis = rules.lexis, said = content(qualifier, lexis);
  if (!said.size) return null;
  var lead = leadWord(qualifier, lexis), best = null, winners = [];
  var close = (a, b) => closeWords(a, b, rules);
  scene.described.forEach((e) => {
    var actor = e[0], does = [...e[1]];
    var hit = does.filter((d) => said.has(d) || [...said].some((s) => close(d, s))).length;
    var led = lead === null || e[1].has(lead) || does.some((d) => close(d, lead));
    if (!led && hit < 3) return;
    if (hit < Math.min(2, does.length) || 2 * hit < does.length) return;
    var score = [hit, hit / does.length];
    if (best === null || less(best, score)) { best = score; winners = [actor]; }
    else if (!less(score, best) && !winners.includes(actor)) winners.push(actor);
  });
  if (!winners.length) return null;
  var ends_ = winners.filter((a) => !(scene.serves.get(a) || []).some((t) => winners.includes(t)));
  winners = ends_.length ? ends_ : winners;
  return new Set(winners.map((a) => scene.roles.get(a))).size === 1 ? winners[0] : null;
}

// one word with a typo ("refnd", "refund"), not a word and a longer one ("grant", "grantee")
var closeWords = (a, b, rules) => a.length >= rules.typos.word && b.length >= rules.typos.word && a[0] === b[0] && !a.startsWith(b) && !b.startsWith(a) &&
  ratio(a, b) >= rules.typos.described;

// the first word that carries meaning is in one of the actor's descriptions
function leads(qualifier, actor, scene, rules) {
  var lead = leadWord(qualifier, rules.lexis);
  var close = (a, b) => closeWords(a, b, rules);
  return lead === null || scene.described.some((e) => e[0] === actor && (e[1].has(lead) || [...e[1]].some((d) => close(d, lead))));
}

function leadWord(qualifier, lexis) {
  for (var i = 0; i < qualifier.length; i++) {
    var w = qualifier[i];
    if (lexis.sub.has(w)) return null;
    if (lexis.stop.has(w) || lexis.prep.has(w) || lexis.glue.has(w) || adverb(w, lexis)) continue;
    var st = stem(w, lexis);
    if (lexis.synonyms.has(st)) st = lexis.synonyms.get(st);
    if (lexis.stopStems.has(st)) continue;
    return st;
  }
  return null;
}

function agentActor(qualifier, index, rules) {
  var lexis = rules.lexis, k = qualifier.length && lexis.clause.has(qualifier[0]) ? 1 : 0;
  while (k < qualifier.length && lexis.glue.has(qualifier[k])) k++;
  var agent = agentOf(qualifier, k, lexis);
  return agent === null ? null : groupActor(agent, index, rules);
}

function agentOf(words, v, lexis) {
  var A = lexis.agents, rest;
  while (v < words.length && A.has(words[v])) {
    rest = words.slice(v + 1);
    var obj = rest.findIndex((w) => !lexis.prep.has(w) && w !== "to");
    var hit = A.get(words[v]).find((a) => a[1].size && obj >= 0 && a[1].has(rest[obj]));
    if (hit) return [hit[0]].concat(rest.slice(obj + 1));
    if (rest.length > 1 && rest[0] === "to" && A.has(rest[1])) { v += 2; continue; }
    break;
  }
  if (v >= words.length || !A.has(words[v])) return null;
  var row = A.get(words[v]).find((a) => !a[1].size);
  return row ? [row[0]] : null;
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

var quote = (rules, t) => say(rules, "quoted", { text: t });
var say = (rules, m, v) => rules.reading.say[m].replace(/\{(\w+)\}/g, (_, k) => v[k]); // v: the blanks, if any
var label = (rules, name) => rules.vocab.field_names[name].toLowerCase();

function fieldOf(key, name, rules) {
  key._f = key._f || {};
  if (key._f[name]) return key._f[name];
  if (!key._scene) remember(key, "_scene", readScene(key.read));
  var fieldKey = key.fields[name], cands = [], widget = name === "widget";
  var right = widget ? ["widget"] : fieldKey.actors;
  fieldKey.expected.forEach((item, i) => item.forEach((p, j) => {
    var owner = fieldKey.owners ? fieldKey.owners[j] : right[i];
    cands.push(candidate(p, "accept", i, name, owner === undefined ? null : owner, rules));
  }));
  fieldKey.partial.forEach((p, i) => p.answers.forEach((t) => cands.push(candidate(t, "partial", i, name, p.actor || (widget ? "widget" : null), rules))));
  fieldKey.wrong.forEach((w, i) => w.answers.forEach((t) => cands.push(candidate(t, "wrong", i, name, w.actor, rules))));
  var joined = map(), acts = set(fieldKey.activities || []); // activities: worked out by Python
  cands.forEach((c) => {
    if (c.words.length > 1) {
      if (!joined.has(c.words[0])) joined.set(c.words[0], []);
      joined.get(c.words[0]).push(c.words);
    }
  });
  var phrases = [];
  fieldKey.expected.forEach((item) => phrases.push(...item));
  fieldKey.partial.concat(fieldKey.wrong).forEach((e) => phrases.push(...e.answers));
  key.scene.forEach((a) => phrases.push(...a.does));
  keys(rules.lexicon).forEach((id) => { if (!key.scene.some((a) => a.ref === id)) phrases.push(...rules.lexicon[id].does); });
  var filed = prepared(cands, rules);
  var state = { joined: joined, acts: acts, index: buildIndex(filed, rules, fieldKey.index), scene: key._scene, vocabulary: vocabulary(phrases, rules), widget: widget, judged: map(), parts: map(), infos: map() };
  state.info = (marked) => memo(state.infos, marked.join("\x00"), () => {
    var g = split(marked, rules), b = g.words.length ? judgement.boundary(g, state.index, rules) : 0;
    var named = readGroup(marked, state.index, state.scene, state.widget, null, rules);
    var generic = g.words.length > 0 && rules.lexis.generic.has(g.words[Math.max(b, 1) - 1]);
    var actor = named.match ? named.match.candidate.actor : null;
    return [named.match !== null || generic, b < g.words.length, named.match !== null && named.match.at <= 0];
  });
  Object.defineProperty(key._f, name, { value: state });
  return state;
}

function part(piece, state, antecedent, rules) {
  var known = memo(state.parts, piece.marked.join("\x00") + "\x01" + antecedent, () => readPart(piece, state, antecedent, rules));
  return { piece: piece, kind: known[0], match: known[1] };
}

function readPart(piece, state, antecedent, rules) {
  var reading = rules.reading, words = plain(piece.words, rules);
  if (state.acts.has(words.join(" "))) return ["activity", null];
  var marked = corrected(piece.marked, piece.raw, state.vocabulary, rules);
  var named = readGroup(marked, state.index, state.scene, state.widget, antecedent, rules);
  if (named.how === "activity") return ["activity", null];
  var found = named.match;
  if (!found) return [reading.universal.has(words[0]) ? "broad" : "none", null];
  var kind = found.candidate.kind;
  if (kind === "accept" && reading.own.has(words[0]) && !reading.own.has(found.candidate.words[0])) kind = "own";
  return [kind, found];
}

function item(answer, outcome, extra) {
  return assign({ answer: answer, outcome: outcome, matched: null, recognized_as: null, trap: null, feedback: "" }, extra);
}

function judge(key, name, answer, rules) {
  var state = fieldOf(key, name, rules);
  return memo(state.judged, answer, () => judgeParts(key, name, answer, state, rules));
}

function judgeParts(key, name, answer, state, rules) {
  var parts = [], antecedent = null;
  pieces(answer, state.joined, state.info, rules).forEach((p) => {
    if (p.role !== "head" && p.role !== "aside" && p.role !== "negated") return;
    var pt = part(p, state, antecedent, rules);
    if (pt.match && pt.match.candidate.actor) antecedent = pt.match.candidate.actor;
    if (p.role !== "negated") parts.push(pt);
  });
  // a group named beside the others that the grader cannot place ("the facility and the mayor")
  var unknown = parts.filter((p) => name !== "widget" && p.piece.role === "head" && p.kind === "none" && judgement.namesAGroup(p, rules));
  var heads = parts.filter((p) => p.piece.role === "head" && p.kind !== "none");
  var asides = parts.filter((p) => p.piece.role === "aside" && p.kind !== "none");
  if (!heads.length) { heads = asides; asides = []; }
  var isRight = (p) => p.kind === "accept" || p.kind === "partial";
  var right = heads.filter((p) => p.kind === "accept");
  var vague = heads.filter((p) => p.kind === "partial");
  var others = heads.filter((p) => !isRight(p));
  var wider = asides.filter((p) => p.kind === "accept");
  if (right.length || vague.length) {
    var named = new Set(right.concat(vague).filter((p) => p.match).map((p) => p.match.candidate.actor));
    var kinds = set();
    named.forEach((a) => { if (a) (state.scene.members.get(a) || set()).forEach((m) => kinds.add(m)); });
    asides.forEach((p) => {
      if (!isRight(p) && p.match && p.match.candidate.actor !== null && p.match.candidate.actor !== "widget" && !named.has(p.match.candidate.actor) &&
          !kinds.has(plain(p.piece.words, rules).join(" ")) && playsARole(key, name, p)) others.push(p);
    });
  }
  var fieldKey = key.fields[name];
  var judged = (it, partial, indices) => ({ item: it, partial: partial, indices: indices || [] });
  var indexes = (ps) => [...new Set(ps.map((p) => p.match.candidate.index))];
  if (judgement.hedged(right, others, unknown)) {
    var list = rules.listFields.has(name);
    var all = others.concat(unknown).sort((a, b) => parts.indexOf(a) - parts.indexOf(b));
    return judged(item(answer, list ? "wrong" : "partial", {
      recognized_as: others.length ? wrongItem(key, name, others[0], answer, others[0].piece.text, rules).recognized_as : null,
      feedback: say(rules, "several", {
        answer: quote(rules, answer),
        right: quote(rules, right[0].piece.text),
        named: all.map((o) => say(rules, "named", { text: quote(rules, o.piece.text), what: o.kind === "none" ? say(rules, "unplaced") : roleIs(key, name, o, rules) })).join(", "),
        one: list ? say(rules, "one_line") : say(rules, "one_group", { field: label(rules, name) })
      })
    }), -1 - right[0].match.candidate.index, list ? indexes(right) : []);
  }
  if (right.length) {
    var ind = indexes(right);
    return judged(item(answer, "matched", { matched: fieldKey.expected[ind[0]][0] }), -1, ind);
  }
  if (wider.length && heads.length) {
    return judged(item(answer, "partial", {
      feedback: say(rules, "wider", { head: quote(rules, heads[0].piece.text), aside: quote(rules, wider[0].piece.text) })
    }), -1 - wider[0].match.candidate.index);
  }
  if (vague.length && !others.length) {
    var index_ = vague[0].match.candidate.index;
    return judged(item(answer, "partial", { feedback: fieldKey.partial[index_].feedback }), index_);
  }
  if (others.length) return judged(wrongItem(key, name, others[0], answer, heads.length === 1 ? answer : others[0].piece.text, rules), -1);
  return judged(item(answer, "unrecognized", { feedback: understood(name, answer, rules) }), -1);
}

// words the grader cannot place that name a group: "the mayor", "our lawyers"; not "on time"
function namesAGroup(p, rules) {
  var marked = p.piece.marked, lexis = rules.lexis;
  if (!marked.length || (marked[0] !== rules.article && !lexis.det.has(marked[0]))) return false;
  return p.piece.words.some((w) => !lexis.stop.has(w) && !lexis.generic.has(w) && !/^[0-9]+$/.test(w));
}

function playsARole(key, name, p) {
  var c = p.match.candidate;
  return c.kind !== "wrong" || key.fields[name].wrong[c.index].recognized_as !== null;
}

function roleIs(key, name, p, rules) {
  var role = wrongItem(key, name, p, "", "", rules).recognized_as;
  if (role !== name && key.asks.includes(role)) return say(rules, "another");
  if (role) return say(rules, "is_role", { role: rules.vocab.role_labels[role] });
  return rules.listFields.has(name) ? say(rules, "not_listed") : say(rules, "not_the", { field: label(rules, name) });
}

function wrongItem(key, name, p, answer, text, rules) {
  var next = rules.reading.ask[name];
  if (p.kind === "activity") return item(answer, "wrong", { recognized_as: "activity", feedback: say(rules, "activity", { text: quote(rules, text) }) });
  if (p.kind === "own") return item(answer, "wrong", { feedback: say(rules, "own", { text: quote(rules, text), next: next }) });
  if (p.kind === "broad") return item(answer, "wrong", { feedback: say(rules, "broad", { text: quote(rules, text) }) });
  var c = p.match.candidate;
  if (c.kind === "wrong") {
    var wrong = key.fields[name].wrong[c.index];
    return item(answer, "wrong", {
      recognized_as: wrong.recognized_as,
      trap: wrong.trap,
      feedback: wrong.feedback + (wrong.trap ? " " + say(rules, "trap", { trap: rules.vocab.traps[wrong.trap] }) : "")
    });
  }
  var roles = rules.vocab.role_labels;
  return item(answer, "wrong", {
    recognized_as: c.field,
    feedback: say(rules, key.asks.includes(c.field) ? "elsewhere_asked" : "elsewhere", {
      text: quote(rules, text), role: roles[c.field], field: rules.listFields.has(name) ? roles[name] : say(rules, "the_field", { field: label(rules, name) }), next: next
    })
  });
}

function understood(name, answer, rules) {
  var words = set(tokens(answer, rules));
  var kind = rules.reading.understood.find((u) => u[0].some((w) => words.has(w)));
  return kind ? say(rules, "unknown_kind", { answer: quote(rules, answer), says: kind[1] }) : say(rules, "unknown", { answer: quote(rules, answer), next: rules.reading.ask[name] });
}

function asText(value, rules) {
  if (typeof value !== "string" || strip(value, rules).toLowerCase() === rules.grading.placeholder.toLowerCase()) return null;
  return strip(Array.from(strip(value, rules)).slice(0, rules.grading.max_answer_chars).join(""), rules) || null;
}

// several entries in one line (the patterns come from grading.py, in the page setup)
function entries(text, patterns) {
  var out = [];
  text.split(patterns.entryBreak).forEach((part) => {
    var b = patterns.bullet.exec(part), n = patterns.firstNumber.exec(part);
    if (b) out.push(part.slice(b[0].length));
    else if (n) out.push(...part.slice(n[0].length).split(patterns.nextNumber));
    else out.push(part);
  });
  return out;
}

function asList(value, rules) {
  if (typeof value === "string") value = [value];
  if (!Array.isArray(value)) return [];
  var all = [];
  value.forEach((v) => { if (typeof v === "string") all.push(...entries(v, rules.entries)); });
  return all.map((v) => asText(v, rules)).filter(Boolean).slice(0, rules.grading.max_list_entries);
}

function hintFor(key, fieldKey, attempt, rules) {
  // an assessment item's payload has no hints: it is answered once
  var hints = fieldKey.hints && fieldKey.hints.length ? fieldKey.hints : key.hints || [];
  if (!hints.length) return null;
  return attempt >= hints.length - 1 ? hints[hints.length - 1] + " " + say(rules, "last_hint") : hints[attempt];
}

function fieldResult(verdict, score, fieldKey, answer, extra) {
  return assign({
    verdict: verdict, score: score, max_score: fieldKey.points, answer: answer, matched: [],
    recognized_as: null, trap: null, feedback: "", hint: null
  }, extra);
}

function gradeSingle(key, name, answer, attempt, rules) {
  var fieldKey = key.fields[name];
  var hint = hintFor(key, fieldKey, attempt, rules);
  if (answer === null) return fieldResult("missing", 0, fieldKey, null, { feedback: say(rules, "no_answer"), hint: hint });
  var it = judge(key, name, answer, rules).item;
  if (it.outcome === "matched") {
    return fieldResult("correct", fieldKey.points, fieldKey, answer, { matched: [it.matched || ""], feedback: fieldKey.explanation || say(rules, "right") });
  }
  var partial = it.outcome === "partial";
  // an answer the grader cannot place gets no verdict: the trainer decides
  var verdict = judgement.verdict(it.outcome);
  return fieldResult(verdict, partial ? fieldKey.points / 2 : 0, fieldKey, answer, {
    recognized_as: it.recognized_as, trap: it.trap, feedback: it.feedback, hint: hint
  });
}

function gradeList(key, name, answers, attempt, rules) {
  var fieldKey = key.fields[name];
  var hint = hintFor(key, fieldKey, attempt, rules);
  if (!answers.length) return fieldResult("missing", 0, fieldKey, [], { feedback: say(rules, "no_answer"), hint: hint, items: [] });
  var taken = map(), partialTaken = map(), items = [];
  var right = 0, partial = 0, wrong = 0, unplaced = 0;
  var counted = (answer, earlier) => say(rules, "counted", { answer: quote(rules, answer), earlier: quote(rules, earlier) });
  answers.forEach((answer) => {
    var judged = judge(key, name, answer, rules), it = judged.item, o = it.outcome;
    var fresh = judged.indices.filter((i) => !taken.has(i));
    if (o === "matched") {
      if (!fresh.length) it = item(answer, "duplicate", { matched: it.matched, feedback: counted(answer, taken.get(judged.indices[0])) });
      fresh.forEach((i) => taken.set(i, answer));
      right += fresh.length;
    } else if (o === "partial") {
      if (partialTaken.has(judged.partial)) it = item(answer, "duplicate", { feedback: counted(answer, partialTaken.get(judged.partial)) });
      else { partialTaken.set(judged.partial, answer); partial += 1; }
    } else if (o === "unrecognized") {
      unplaced += 1; // neither counts nor costs: the trainer decides
    } else {
      // a hedge in a list: the right group it names counts, the other costs as usual
      fresh.forEach((i) => taken.set(i, answer));
      right += fresh.length;
      wrong += 1;
    }
    items.push(it);
  });
  var needed = fieldKey.needed;
  var credit = Math.min(right + 0.5 * partial, needed) - rules.grading.wrong_item_penalty * wrong;
  var score = round2(fieldKey.points * (Math.max(0.0, credit) / needed));
  var verdict = unplaced ? "unsure" : right >= needed && wrong === 0 ? "correct" : score === 0 ? "incorrect" : "partial";
  var firstWrong = items.find((i) => i.outcome === "wrong");
  var counts = { right: right, needed: needed };
  var soFar = say(rules, right >= needed ? "so_far_enough" : right === 0 ? "so_far_none" : "so_far_some", counts);
  var summary = verdict === "correct" ? fieldKey.explanation || say(rules, "right")
    : unplaced ? say(rules, "unsure_list", { so_far: soFar })
    : say(rules, right >= needed ? "enough_not_all" : right ? "some_right" : verdict === "partial" ? "close" : "none_right", counts);
  var about = map();
  items.forEach((i) => {
    if (i.outcome !== "matched" && i.feedback) {
      if (!about.has(i.feedback)) about.set(i.feedback, []);
      var list = about.get(i.feedback);
      if (!list.includes(i.answer)) list.push(i.answer);
    }
  });
  var notes = [summary];
  about.forEach((list, fb) => notes.push(list.length === 1 && fb.startsWith(quote(rules, list[0])) ? fb
    : say(rules, "about", { answers: list.map((a) => quote(rules, a)).join(", "), feedback: fb })));
  return fieldResult(verdict, score, fieldKey, answers, {
    matched: items.filter((i) => i.outcome === "matched" && i.matched).map((i) => i.matched),
    recognized_as: firstWrong ? firstWrong.recognized_as : null,
    trap: firstWrong ? firstWrong.trap : null,
    feedback: notes.join(" "),
    hint: verdict === "correct" ? null : hint,
    items: items
  });
}

// A wrong answer arrives in short form: one naming an actor of the scenario as "a" (its
// names are the scene's), one naming a lexicon group as "g" (the group's phrasings, less
// those at the indexes "x", then any of its own, "add"). Rebuilt once, as Python has it.
function whole(key, lexicon) {
  if (key._whole) return;
  var names = map(key.scene.map((a) => [a.ref, a.names || []]));
  Object.values(key.fields).forEach((fieldKey) => {
    fieldKey.wrong = fieldKey.wrong.map((w) => {
      var base = { recognized_as: w.recognized_as, trap: w.trap };
      if (w.a) return assign(base, { answers: names.get(w.a), feedback: w.feedback, actor: w.a });
      if (!w.g) return w;
      var group = lexicon[w.g], out = w.x || [];
      var answers = group.phrasings.filter((_, i) => !out.includes(i)).concat(w.add || []);
      return assign(base, { answers: answers, feedback: w.feedback === undefined ? group.feedback : w.feedback, actor: w.g });
    });
  });
  remember(key, "_whole", true);
}

/* grade(setup, key, answers, attempt): the same object as CheckResult.to_dict(). */
function grade(setup, key, answers, attempt) {
  var rules = prepare(setup);
  whole(key, setup.lexicon);
  attempt = attempt || 0;
  var fields = {}, total = 0;
  key.asks.forEach((name) => {
    var value = answers[name];
    fields[name] = rules.listFields.has(name)
      ? gradeList(key, name, asList(value, rules), attempt, rules)
      : gradeSingle(key, name, asText(value, rules), attempt, rules);
    total += fields[name].score;
  });
  var passed = key.asks.every((name) => fields[name].verdict === "correct");
  return { exercise: key.id, title: key.title, score: round2(total), max_score: key.max_score, passed: passed, fields: fields };
}

// The judgements the grader makes in code rather than data, by name: the shared vectors'
// tests swap one for a wrong one and check that the vectors catch it.
var judgement = {
  boundary: boundary,
  namesAGroup: namesAGroup,
  // a right group named beside a wrong or unplaced one: a hedge
  hedged: (right, others, unknown) => right.length > 0 && (others.length > 0 || unknown.length > 0),
  // a single field's verdict on what its answer was judged to be; an answer the grader
  // cannot place gets none (the trainer decides)
  verdict: (outcome) => (outcome === "partial" ? "partial" : outcome === "unrecognized" ? "unsure" : "incorrect")
};

root.AmsExercise = { grade: grade, judgement: judgement };
})(typeof globalThis !== "undefined" ? globalThis : this);
