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
var keep = (o, k, v) => (Object.defineProperty(o, k, { value: v }), v);
// an object as a Map, each value passed through f if given
var table = (o, f) => map(Object.entries(o).map((e) => [e[0], f ? f(e[1]) : e[1]]));
var lower = (t) => t.replace(/[A-Z]/g, (c) => c.toLowerCase()); // A to Z only: positions stay
var strip = (t, R) => t.replace(R.space, "");
// the characters given, as the inside of a regular expression's class
var charClass = (chars) => chars.replace(/[\\\]^-]/g, "\\$&");
var trim = (t, S) => t.replace(S.trim, ""); // S: the reading rules
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
  var lang = setup.language, m = setup.matching, g = setup.grading;
  var mark = (name, flags) => new RegExp(lang.marks[name], flags);
  var look = map(), digits = keys(lang.digits_in_words).join("");
  keys(lang.look_alikes).forEach((l) => Array.from(lang.look_alikes[l]).forEach((ch) => look.set(ch, l)));
  var R = {
    articles: set(lang.articles), spellings: table(lang.spellings), keepS: set(lang.keep_s),
    homoglyphs: look, homoglyphRe: new RegExp("[" + [...look.keys()].join("") + "]", "gu"),
    digitsInWords: lang.digits_in_words, digitRe: digits ? new RegExp("(?<=[a-z])[" + digits + "](?=[a-z])", "g") : null,
    acronyms: keys(lang.acronyms).map((a) => [new RegExp("(?<![A-Za-z0-9])" + a + "(?![A-Za-z0-9])", "g"), " " + lang.acronyms[a] + " "]),
    acronymWords: map(keys(lang.acronyms).map((a) => [a, lang.acronyms[a].toLowerCase().match(/[a-z0-9]+/g) || []])),
    acronymBefore: map(keys(lang.acronym_before).map((k) => [k, set(lang.acronym_before[k])])),
    abbreviations: table(lang.abbreviations), wordEndings: set(lang.word_endings),
    POSS: lang.markers[0], ART: lang.markers[1], HYPH: lang.markers[2], markers: set(lang.markers),
    combining: new RegExp("[" + lang.combining + "]", "gu"),
    threshold: m.threshold, minFuzzy: m.min_fuzzy_chars, classEndings: set(m.class_endings),
    G: g, vocab: setup.vocabulary, lexicon: setup.lexicon, listFields: set(setup.vocabulary.list_fields),
    pairCache: map(), simCache: map(),
    entries: { brk: new RegExp(g.entry_break), bullet: new RegExp(g.bullet), first: new RegExp(g.first_number), next: new RegExp(g.next_number) },
    space: new RegExp("^[" + lang.space + "]+|[" + lang.space + "]+$", "g"), // Python's str.strip(), not trim()
    singular: lang.singular, typos: lang.typos, participles: lang.participles, stemEndings: lang.stem_endings,
    marks: { apostrophes: mark("apostrophes", "g"), possessive: mark("possessive", "g"), innerApostrophe: mark("inner_apostrophe", "g"),
      innerHyphen: mark("inner_hyphen", "g") }
  };
  keep(setup, "_ready", R);
  R.S = rules(setup.structure, setup.patterns, lang);
  R.L = lexis(setup.lexis, lang);
  return R;
}

// a plural as its singular: the first of the rule's endings that fits is replaced
function singular(w, R) {
  var rule = R.singular;
  if (w.length <= rule.longer_than || R.keepS.has(w) || !w.endsWith("s")) return w;
  var fits = rule.endings.find((e) => w.endsWith(e[0]) && w.length > e[2]);
  return fits ? w.slice(0, w.length - fits[0].length) + fits[1] : w;
}

// [[token, the word as typed]...], articles, hyphens and possessives as markers
function pairs(text, R) {
  return memo(R.pairCache, text, () => {
    var look = (s) => s.replace(R.homoglyphRe, (ch) => R.homoglyphs.get(ch));
    var t = look(look(text).normalize("NFKD").replace(R.combining, "")); // before and after decomposing
    R.acronyms.forEach((rule) => { t = t.replace(rule[0], () => rule[1]); });
    t = t.toLowerCase().replace(R.marks.apostrophes, "'").split("&").join(" and ");
    if (R.digitRe) t = t.replace(R.digitRe, (d) => R.digitsInWords[d]);
    t = t.replace(R.marks.possessive, " \x01 ").replace(R.marks.innerApostrophe, "");
    t = t.replace(R.marks.innerHyphen, " \x02 ");
    var out = [];
    (t.match(TOKEN_RE) || []).forEach((tok) => {
      if (tok === "\x01") {
        if (out.length && out[out.length - 1][0] !== R.POSS) out.push([R.POSS, R.POSS]);
      } else if (tok === "\x02") out.push([R.HYPH, R.HYPH]);
      else if (R.articles.has(tok)) out.push([R.ART, R.ART]);
      else {
        var expanded = R.abbreviations.has(tok) ? R.abbreviations.get(tok) : tok;
        (expanded.match(/[a-z0-9]+/g) || []).forEach((word) => {
          var norm = singular(word, R);
          out.push([R.spellings.has(norm) ? R.spellings.get(norm) : norm, word]);
        });
      }
    });
    // "it" is IT when the next word shows it
    var res = [];
    out.forEach((p, i) => {
      var before = R.acronymBefore.get(p[0]);
      if (before && out[i + 1] && before.has(out[i + 1][0])) R.acronymWords.get(p[0].toUpperCase()).forEach((w) => res.push([w, w]));
      else res.push(p);
    });
    return res;
  });
}
var marked = (text, R) => pairs(text, R).map((p) => p[0]);
var rawWords = (text, R) => pairs(text, R).map((p) => p[1]);
var tokens = (text, R) => marked(text, R).filter((t) => t !== R.ART && t !== R.HYPH);
var plain = (toks, R) => toks.filter((t) => t !== R.POSS);
var wordsOf = (m, R) => m.filter((t) => t !== R.ART && t !== R.HYPH);

/* ---------- matching.py ---------- */
function candidate(phrase, kind, index, field, actor, R) {
  var words = plain(tokens(phrase, R), R);
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

function similar(a, b, R) {
  return memo(R.simCache, a + "\n" + b, () => {
    if (a === b) return 100.0;
    if (b.length < R.minFuzzy || !a || a[0] !== b[0]) return 0.0;
    if (200.0 * Math.min(a.length, b.length) < R.threshold * (a.length + b.length)) return 0.0;
    var wa = a.split(" "), wb = b.split(" ");
    if (wa.length === wb.length && wa.every((x, i) => x === wb[i] || oneSlip(x, wb[i], R))) return R.threshold;
    if (anotherWord(a, b, R)) return 0.0;
    var score = ratio(a, b);
    return score >= R.threshold ? score : 0.0;
  });
}

function oneSlip(x, y, R) {
  if (x[0] !== y[0] || anotherWord(x, y, R)) return false;
  var short = Math.min(x.length, y.length), typos = R.typos;
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

function anotherWord(a, b, R) {
  var pairs_ = [[a, b]];
  var wa = a.split(" "), wb = b.split(" ");
  if (wa.length === wb.length) wa.forEach((x, i) => { if (x !== wb[i]) pairs_.push([x, wb[i]]); });
  return pairs_.some((p) => {
    var long = p[0].length > p[1].length ? p[0] : p[1];
    var short = long === p[0] ? p[1] : p[0];
    return (long.startsWith(short) && R.wordEndings.has(long.slice(short.length))) || otherEnding(p[0], p[1], R);
  });
}

function otherEnding(x, y, R) {
  var list = [...R.wordEndings].filter((e) => R.classEndings.has(e));
  return list.some((ex) => x.endsWith(ex) && x.length - ex.length >= 4 &&
    list.some((ey) => ey !== ex && y === x.slice(0, -ex.length) + ey));
}

// the candidates filed by (number of words or 0, first letter), sorted by length
function prepared(cands, R) {
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
  return { cands: cands, filed: filed, T: R.threshold };
}

function near(P, n, text) {
  var g = P.filed.get(n + " " + text[0]);
  if (!g) return [];
  var lo = text.length * P.T / (200.0 - P.T) - 1e-9, hi = text.length * (200.0 - P.T) / P.T + 1e-9;
  var a = 0, b = g.length;
  while (a < b) { var mid = (a + b) >> 1; if (g[mid][0] < lo) a = mid + 1; else b = mid; }
  var c = a, d = g.length;
  while (c < d) { mid = (c + d) >> 1; if (g[mid][0] <= hi) c = mid + 1; else d = mid; }
  return g.slice(a, c).map((e) => [e[1], e[2]]);
}

/* ---------- reading.py ---------- */
// the reading rules: their regular expressions come written by Python (payload.py)
function rules(s, x, lang) {
  var re = (k, f) => new RegExp(x[k], f), marks = lang.marks, trimmed = charClass(lang.trim);
  var S = {
    withShorthand: new RegExp(marks.with_shorthand, "g"), emphasis: new RegExp(marks.emphasis, "g"), possessor: new RegExp(marks.possessor),
    trim: new RegExp("^[" + trimmed + "]+|[" + trimmed + "]+$", "g"),
    bracket: new RegExp(marks.bracket, "g"), dash: new RegExp(marks.dash), members: re("members"), corrections: re("corrections", "g"),
    reasons: re("reasons"), separators: re("separators", "g"), leadIns: re("lead_ins"), etcetera: re("etcetera", "g"),
    negating: set(x.negating),
    understood: s.understood, ask: s.next_question, say: s.messages
  };
  ["negations", "universal", "own", "continuations", "clause_words"].forEach((k) => { S[k] = set(s[k]); });
  return S;
}

function cutReason(text, S) {
  var m = S.reasons.exec(lower(text));
  return m ? text.slice(0, m.index) : text;
}

function withoutLeadIn(text, S) {
  for (;;) {
    var m = S.leadIns.exec(lower(text));
    if (!m || !m[0].trim()) return text;
    var rest = text.slice(m[0].length);
    if (!rest.trim() || text.replace(/^\s+/, "").startsWith("IT")) return text;
    text = rest;
  }
}

function cleaned(answer, S) {
  var text = answer.replace(S.withShorthand, "with ").replace(S.emphasis, " ");
  var kept = "", at = 0, last = null;
  for (var m of lower(text).matchAll(S.etcetera)) { kept += text.slice(at, m.index); at = m.index + m[0].length; }
  text = kept + text.slice(at);
  for (m of lower(text).matchAll(S.corrections)) if (trim(text.slice(m.index + m[0].length), S)) last = m.index + m[0].length;
  if (last !== null) text = text.slice(last);
  return withoutLeadIn(text, S);
}

function pieces(answer, joined, info, R) {
  var S = R.S;
  var asides = [];
  S.bracket.lastIndex = 0;
  var main = cleaned(answer, S).replace(S.bracket, (_, inner) => { asides.push(inner); return " , "; });
  [S.dash, S.members].forEach((re) => {
    var m = re.exec(lower(main));
    if (m) {
      asides.push(main.slice(m.index + m[0].length));
      main = main.slice(0, m.index);
    }
  });
  var out = coordinated(cutReason(main, S), "head", joined, info, R);
  asides.forEach((t) => { out = out.concat(coordinated(cutReason(t, S), "aside", joined, info, R)); });
  return out;
}

function coordinated(text, role, joined, info, R) {
  var S = R.S;
  var chunks = [], sep = "", at = 0;
  for (var m of lower(text).matchAll(S.separators)) {
    chunks.push([sep, at, m.index]);
    sep = m[0].split(/[ \t\n\r]+/).filter(Boolean).join(" ");
    at = m.index + m[0].length;
  }
  chunks.push([sep, at, text.length]);
  if (chunks.length > 1 && joined.size) chunks = keepPhrases(text, chunks, joined, R);
  var parts = [], comma = false;
  chunks.forEach((c) => {
    comma = comma || c[0] === "," || c[0] === ";";
    var raw = text.slice(c[1], c[2]);
    if (parts.length && !S.possessor.test(lower(raw))) raw = withoutLeadIn(raw, S); // "its" is not "it's"
    var mk = marked(raw, R);
    if (!plain(wordsOf(mk, R), R).length) return;
    parts.push([c[0], raw, mk, comma]);
    comma = false;
  });
  var named = parts.map((p) => (info ? info(p[2])[0] : true));
  var out = [], lastFirst = "", openQualifier = false, inClause = false, describing = false;
  parts.forEach((p, n) => {
    var sp = p[0], raw = p[1], mk = p[2], cm = p[3];
    var typed = rawWords(raw, R), toks = wordsOf(mk, R), words = plain(toks, R), shown = trim(raw, S);
    var piece = (role) => ({ text: shown, words: toks, role: role, marked: mk, raw: typed });
    var negated = S.negating.has(sp) || (sp === "but" && S.universal.has(lastFirst));
    if (out.length && !negated && (S.continuations.has(words[0]) || (describing && !cm))) {
      out.push(piece("describes"));
      describing = true;
      return;
    }
    describing = false;
    if (out.length && !negated && S.possessor.test(lower(raw))) {
      out.push(piece("aside"));
      return;
    }
    if (S.negations.has(words[0])) {
      negated = true;
      var k = mk.indexOf(words[0]);
      mk = mk.slice(k + 1);
      typed = typed.slice(k + 1);
      toks = wordsOf(mk, R);
      if (!toks.length) return; // a bare "no" names nobody
    }
    // "people who register or renew their registration": one clause, two verbs
    var verbGoesOn = inClause && mk[0] !== R.ART && !!info && !info(mk)[2];
    if (out.length && openQualifier && !negated && (!named[n] || !named.slice(n).every(Boolean) || verbGoesOn)) {
      var prev = out[out.length - 1];
      prev.text = (prev.text + " " + sp + " " + shown).trim();
      prev.words = prev.words.concat(toks);
      prev.marked = prev.marked.concat(mk);
      prev.raw = prev.raw.concat(typed);
      return;
    }
    lastFirst = words[0];
    out.push(piece(negated ? "negated" : role));
    openQualifier = !!info && info(mk)[1];
    inClause = words.slice(1).some((w) => S.clause_words.has(w));
  });
  return out;
}

function keepPhrases(text, chunks, joined, R) {
  var all = [], starts = [], joins = [];
  var w = (t) => plain(wordsOf(marked(t, R), R), R);
  chunks.forEach((c, i) => {
    if (i) w(c[0]).forEach((x) => { joins.push(all.length); all.push(x); });
    starts.push(all.length);
    all.push(...w(text.slice(c[1], c[2])));
  });
  var keep = set();
  all.forEach((x, p) => {
    (joined.get(x) || []).forEach((phrase) => {
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

/* ---------- heads.py ---------- */

// the reader's tables, worked out once by Python (payload.py)
function lexis(x, lang) {
  var L = { present: lang.participles.present, past: lang.participles.past, participleLongerThan: lang.participles.longer_than, stemEndings: lang.stem_endings };
  keys(x).forEach((k) => {
    var v = x[k];
    L[k] = !Array.isArray(v) ? table(v) : k === "relational" || k === "falsifiers" ? v : set(v);
  });
  L.agents.forEach((rows, k) => L.agents.set(k, rows.map((r) => [r[0], set(r[1])])));
  return L;
}

// a word that may be a participle ("applying", "covered"), or one in -ing ("representing")
var participle = (w, L) => (w.endsWith(L.present) || w.endsWith(L.past)) && w.length > L.participleLongerThan;
var presentParticiple = (w, L) => w.endsWith(L.present) && w.length > L.participleLongerThan;
var adverb = (w, L) => w.endsWith("ly") && w.length > 4 && !L.notAdverbs.has(w);

function stem(word, L) {
  if (L.irregular.has(word)) word = L.irregular.get(word);
  var cut = L.stemEndings.find((e) => word.endsWith(e[0]) && word.length > e[1]);
  if (cut) word = word.slice(0, -cut[0].length);
  var n = word.length;
  if (n > 3 && word[n - 1] === word[n - 2] && !"aeiousl".includes(word[n - 1])) word = word.slice(0, -1);
  if (word.endsWith("e") && word.length > 3) word = word.slice(0, -1);
  if (word.endsWith("y") && word.length > 3) word = word.slice(0, -1) + "i";
  if (word.endsWith("ll") && word.length > 4) word = word.slice(0, -1);
  return word;
}

function split(mk, R) {
  var g = { words: [], det: [], poss: [], glued: [] }, article = false, hyphen = false;
  mk.forEach((t) => {
    if (t === R.ART) article = true;
    else if (t === R.HYPH) hyphen = true;
    else if (t === R.POSS) { if (g.poss.length) g.poss[g.poss.length - 1] = true; }
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
function index(P, R, x) {
  var L = R.L, inner = (w) => L.prep.has(w) || L.clause.has(w) || L.det.has(w);
  var ix = {
    P: P, byLast: map(), crossing: [], starts: set(), ofActor: map(), acted: set(x.acted), ingNames: set(x.ing),
    conjuncts: table(x.conjuncts, (i) => P.cands[i])
  };
  P.cands.forEach((c, order) => {
    var w = c.words;
    if (!w.length) return;
    if (!ix.byLast.has(w[w.length - 1])) ix.byLast.set(w[w.length - 1], []);
    ix.byLast.get(w[w.length - 1]).push([order, c]);
    if (w.length > 1) {
      ix.starts.add(w[0] + " " + w[1]);
      if (w.slice(1).some(inner)) ix.crossing.push([order, c]);
    }
    if (c.actor !== null && !ix.ofActor.has(c.actor)) ix.ofActor.set(c.actor, [order, c]);
  });
  return ix;
}

function content(words, L) {
  var out = set();
  for (var i = 0; i < words.length; i++) {
    var w = words[i];
    if (L.sub.has(w)) break;
    if (L.stop.has(w) || L.prep.has(w)) continue;
    var st = stem(w, L);
    if (L.synonyms.has(st)) st = L.synonyms.get(st);
    if (!L.stopStems.has(st)) out.add(st);
  }
  return out;
}

// the scenario's people as the reader sees them, worked out by Python (payload.py)
function scene(x) {
  return {
    primary: x.primary, serves: table(x.serves), producers: set(x.producers), population: set(x.population),
    described: x.described.map((d) => [d[0], set(d[1])]), roles: table(x.roles), members: table(x.members, set)
  };
}

// words the question knows, and its words as written, to read a typo against
function vocabulary(phrases, R) {
  var known = set(), typed = map();
  phrases.forEach((p) => {
    pairs(p, R).forEach((x) => {
      if (R.markers.has(x[0])) return;
      known.add(x[0]);
      if (x[1].length >= R.typos.word && /^[a-z]+$/.test(x[1])) {
        if (!typed.has(x[1][0])) typed.set(x[1][0], map());
        typed.get(x[1][0]).set(x[1], x[0]);
      }
    });
  });
  typed.forEach((m, k) => typed.set(k, [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))));
  return { known: known, typed: typed };
}

function corrected(mk, raw, V, R) {
  if (raw.length !== mk.length) return mk;
  return mk.map((tok, i) => {
    var t = raw[i];
    if (R.markers.has(tok) || V.known.has(tok) || t.length < R.typos.word || !/^[a-z]+$/.test(t)) return tok;
    var L = R.L;
    if (L.stop.has(tok) || L.prep.has(tok) || L.verbs.has(stem(tok, L))) return tok; // "filed" is not "field"
    var best = null, tie = false;
    (V.typed.get(t[0]) || []).forEach((e) => {
      if (Math.abs(e[0].length - t.length) > R.typos.length_gap) return;
      var score = oneSlip(t, e[0], R) ? 100.0 : ratio(t, e[0]);
      if (score < R.typos.similar || anotherWord(t, e[0], R)) return;
      if (best === null || score > best[0]) { best = [score, e[1]]; tie = false; }
      else if (score === best[0] && e[1] !== best[1]) tie = true;
    });
    return best !== null && !tie ? best[1] : tok;
  });
}

var RANK = { accept: 0, partial: 1, wrong: 2, elsewhere: 3 };
var FALSIFIED = { words: [], text: "", kind: "falsified", index: -1, field: "", actor: null };
var match = (c, at, sim) => ({ c: c, at: at, sim: sim });

// "children on Medicaid", "citizens served by the purchases": who "people ..." are
function asPerson(q, ix, R) {
  var words = ["person"].concat(q);
  return crossing(words, 1, ix, R) || crossing(reduced(words, 1, R.L), 1, ix, R);
}

// "people who are getting out of prison" read as "people getting out of prison"
function reduced(words, b, L) {
  if (b >= words.length || !L.clause.has(words[b])) return words;
  var k = b + 1;
  while (k < words.length && L.glue.has(words[k])) k++;
  return k > b + 1 ? words.slice(0, b).concat(words.slice(k)) : words;
}

function readGroup(mk, ix, sc, widget, antecedent, R) {
  var L = R.L, g = split(mk, R);
  if (!g.words.length) return { m: null, how: "none" };
  var whole = wholeMatch(g.words, ix, R);
  if (whole) return { m: whole, how: "name" };
  var b = judgement.boundary(g, ix, R), head = g.words.slice(0, b), q = g.words.slice(b);
  if (L.transparent.has(head[head.length - 1]) && q[0] === "of" && q.length > 1) {
    // "a short list of the recommendations that matter most": the recommendations
    var at = mk.indexOf("of", mk.indexOf(head[head.length - 1]));
    return readGroup(mk.slice(at + 1), ix, sc, widget, antecedent, R);
  }
  var cross = crossing(g.words, b, ix, R) || crossing(reduced(g.words, b, L), b, ix, R);
  if (cross) {
    var end = cross.at + cross.c.words.length;
    if (sc.population.has(cross.c.actor) && end < g.words.length) {
      // "members of the public with cases": the qualifier after the name decides
      var after = byQualifier(g, end, ix, sc, true, antecedent, R);
      if (after && after.c.actor !== cross.c.actor) return { m: after, how: "qualifier" };
    }
    var narrow = narrowed(cross, g, end, ix, sc, antecedent, R);
    if (narrow) return { m: narrow, how: "qualifier" };
    return { m: cross, how: "name" };
  }
  if (widget && head[0].endsWith(L.present) && (L.verbs.has(stem(head[0], L)) || ix.acted.has(stem(head[0], L)))) {
    var thing = headMatch(head, ix, R);
    if (thing && thing.c.kind === "wrong" && thing.at === 0) return { m: thing, how: "name" };
    var nm = nameAt(head, 0, ix);
    if (!nm[1] || (nm[1].kind !== "accept" && nm[1].kind !== "partial")) return { m: null, how: "activity" };
  }
  var last = head[head.length - 1];
  // "families enrolled in Medicaid" where the key does not know families: as for "people"
  var kind = L.person.has(last) && !wholeMatch(head, ix, R) && !headMatch(head, ix, R);
  if (q.length && (L.generic.has(last) || kind)) {
    var byQ = byQualifier(g, b, ix, sc, false, antecedent, R);
    if (byQ) return { m: byQ, how: "qualifier" };
    var asP = asPerson(q, ix, R);
    if (asP) return { m: asP, how: "qualifier" };
  }
  var rel = relational(g, b, ix, sc, R);
  if (rel) return { m: rel, how: "qualifier" };
  var found = headMatch(head, ix, R);
  if (!found && q.length && !functionWords(q, L) && !verbIng(q[0], ix, L)) found = headMatch(g.words, ix, R);
  if (!found && q.length && L.swap.has(q[0])) {
    var rest = q.slice(1), obj = rest.slice(0, judgement.boundary(bare(rest), ix, R));
    if (obj.length) {
      var swapped = headMatch(obj.concat(head), ix, R);
      if (swapped && swapped.c.kind !== "falsified") found = swapped;
    }
  }
  if (found && found.c.kind === "falsified") return { m: null, how: "falsified" };
  if (found && q.length && sc.population.has(found.c.actor)) {
    var other = byQualifier(g, b, ix, sc, true, antecedent, R) || asPerson(q, ix, R);
    if (other && other.c.actor !== found.c.actor) return { m: other, how: "qualifier" };
  }
  if (!found) return { m: null, how: "none" };
  var narrowedFound = narrowed(found, g, b, ix, sc, antecedent, R);
  return narrowedFound ? { m: narrowedFound, how: "qualifier" } : { m: found, how: "name" };
}

// a partly right name that what follows narrows to the same actor's right group:
// "people stuck in traffic during rush hour" are the rush-hour commuters
function narrowed(found, g, end, ix, sc, antecedent, R) {
  var c = found.c;
  if (c.kind !== "partial" || c.actor === null || end >= g.words.length) return null;
  var other = byQualifier(g, end, ix, sc, false, antecedent, R);
  if (other && other.c.actor === c.actor) return other.c.kind === "accept" ? other : null;
  var rest = g.words.slice(end);
  for (var i = 0; i < rest.length; i++) {
    var name = nameAt(rest, i, ix)[1];
    if (name && name.kind === "accept" && name.actor === c.actor) return match(name, end + i, R.threshold);
  }
  return null;
}

var verbIng = (word, ix, L) => presentParticiple(word, L) && !ix.ingNames.has(word);
var functionWords = (words, L) => words.some((w) => L.prep.has(w) || L.clause.has(w) || L.det.has(w) || L.always.has(w));
var sameNoun = (a, b, R) => a === b || similar(a, b, R) >= R.threshold;

function wholeMatch(words, ix, R) {
  var text = words.join(" "), best = null, found = null;
  near(ix.P, 0, text).forEach((e) => {
    var c = e[1], sim = similar(text, c.text, R);
    // a typo may not change the head, nor add a head in front ("critics of a license")
    if (sim && sim < 100.0 && !(sameNoun(words[words.length - 1], c.words[c.words.length - 1], R) && sameNoun(words[0], c.words[0], R))) return;
    if (sim) {
      var rank = [-sim, RANK[c.kind], e[0]];
      if (best === null || less(rank, best)) { best = rank; found = match(c, sim >= 100.0 ? -1 : 0, sim); }
    }
  });
  return found;
}

function boundary(g, ix, R) {
  var L = R.L, w = g.words, n = w.length, inside = 0;
  for (var i = 1; i < n; i++) {
    var word = w[i];
    if (i < inside || g.glued[i]) continue;
    if (g.det[i]) return i;
    if (g.poss[i - 1]) continue;
    if (L.clause.has(word) || L.prep.has(word) || L.det.has(word) || L.post.has(word)) return i;
    if (adverb(w[i - 1], L)) continue;
    if (L.always.has(word)) return i;
    var nxt = i + 1 < n ? w[i + 1] : null;
    var clauseNext = nxt !== null && (g.det[i + 1] || L.det.has(nxt) || L.clause.has(nxt));
    var knownBefore = ix.byLast.has(w[i - 1]) || L.generic.has(w[i - 1]);
    if (participle(word, L) || L.irregular.has(word)) {
      if (nxt === null) {
        if (!word.endsWith(L.present) || (knownBefore && L.verbs.has(stem(word, L)))) return i;
        continue;
      }
      if (clauseNext || L.prep.has(nxt) || adverb(nxt, L)) return i;
      if (ix.starts.has(word + " " + nxt)) {
        var len = nameAt(w, i, ix)[0];
        if (len) { inside = i + len; continue; }
      }
      if (nxt === "and" || nxt === "or") continue;
      if (word.endsWith(L.present) && !ix.ingNames.has(word)) return i; // "lawyers | representing taxpayers"
      if (knownBefore) return i;
      if (L.verbs.has(stem(word, L)) && !ix.byLast.has(nxt)) return i;
      continue;
    }
    if (L.verbs.has(stem(word, L)) && (clauseNext || L.generic.has(w[i - 1]))) return i;
  }
  return n;
}

function nameAt(words, i, ix) {
  for (var k = words.length - i; k > 1; k--) {
    var text = words.slice(i, i + k).join(" ");
    var hit = near(ix.P, k, text).find((e) => e[1].text === text);
    if (hit) return [k, hit[1]];
  }
  return [0, null];
}

function crossing(words, b, ix, R) {
  if (b >= words.length) return null;
  var best = null, found = null;
  ix.crossing.forEach((e) => {
    var c = e[1], n = c.words.length;
    for (var start = 0; start < Math.min(b, 3); start++) {
      var end = start + n;
      if (end <= b || end > words.length) continue;
      var sim = similar(words.slice(start, end).join(" "), c.text, R);
      if (sim) {
        var rank = [start, -n, RANK[c.kind], -sim, e[0]];
        if (best === null || less(rank, best)) { best = rank; found = match(c, start, sim); }
      }
    }
  });
  return found;
}

function headMatch(head, ix, R) {
  var best = null, found = null;
  for (var start = 0; start < head.length; start++) {
    var text = head.slice(start).join(" ");
    near(ix.P, head.length - start, text).forEach((e) => {
      var c = e[1], sim = similar(text, c.text, R);
      if (sim && sim < 100.0 && !sameNoun(head[head.length - 1], c.words[c.words.length - 1], R)) return;
      if (sim) {
        var rank = [start, RANK[c.kind], -sim, e[0]];
        if (best === null || less(rank, best)) { best = rank; found = match(c, start, sim); }
      }
    });
    if (found) break;
  }
  (ix.byLast.get(head[head.length - 1]) || []).forEach((e) => {
    var c = e[1], n = c.words.length;
    if (n < 2 || n > head.length || (found && found.c.words.length >= n)) return;
    if (inOrder(c.words.slice(0, -1), head.slice(0, -1))) found = match(c, head.indexOf(c.words[0]), R.threshold);
  });
  if (!found && ix.conjuncts.has(head[head.length - 1])) found = match(ix.conjuncts.get(head[head.length - 1]), head.length - 1, R.threshold);
  if (!found) return null;
  return falsified(head.slice(0, Math.max(found.at, 0)), R.L) ? match(FALSIFIED, 0, 0.0) : found;
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

function falsified(before, L) {
  return L.falsifiers.some((f) => {
    for (var i = 0; i + f.length <= before.length; i++) if (before.slice(i, i + f.length).join(" ") === f.join(" ")) return true;
    return false;
  });
}

function byQualifier(g, b, ix, sc, population, antecedent, R) {
  var actor = qualifiedActor(g, b, ix, sc, population, antecedent, R);
  var entry = actor === null ? null : ix.ofActor.get(actor);
  return entry ? match(entry[1], b, R.threshold) : null;
}

function qualifiedActor(g, b, ix, sc, population, antecedent, R) {
  var L = R.L, q = g.words.slice(b);
  var served = serving(g, b, ix, sc, population, antecedent, R);
  if (served !== null) return served;
  if (b && L.staff.has(g.words[b - 1]) && ["in", "at", "of", "from"].includes(q[0])) {
    // "staff in the state offices", "employees of the vendor": that group's people
    var where = groupActor(upToVerb(q.slice(1), L), ix, R);
    if (where !== null && where !== "widget") return where;
  }
  if (serveVerb(q, L) !== null) return null;
  if (wantsTheWidget(q, ix, R)) return one(sc.primary);
  var d = described(q, sc, R), agent = agentActor(q, ix, R);
  // "the person applying to become a school bus driver": the verb makes an applicant
  if (d !== null && agent !== null && !leads(q, d, sc, R)) return agent;
  return d !== null ? d : agent;
}

function serving(g, b, ix, sc, population, antecedent, R) {
  var L = R.L, q = g.words.slice(b), v = serveVerb(q, L);
  if (v === null) return null;
  if (v + 1 < q.length && q[v + 1] === "by") {
    var by = q.slice(v + 2);
    return one(servedBy(by[0] === "what" ? "widget" : groupActor(upToVerb(by, L), ix, R), sc, population));
  }
  var lead = q.length && L.clause.has(q[0]) ? 1 : 0;
  while (lead < v && L.glue.has(q[lead])) lead++;
  if ((v === 0 && q[v].endsWith(L.present)) || (v === lead && lead >= 1 && L.clause.has(q[0]))) {
    var target = groupActor(q.slice(v + 1), ix, R);
    if (target === null) return null;
    return one([...sc.serves.entries()].filter((e) => e[1].includes(target)).map((e) => e[0]));
  }
  var words = upToVerb(q.slice(lead, v), L), agent;
  var j = words.join(" ");
  if (j === "we" || j === "us") agent = "we";
  else if (j === "they" || j === "them") agent = antecedent;
  else agent = groupActor(words, ix, R);
  return one(servedBy(agent, sc, population));
}

function wantsTheWidget(q, ix, R) {
  var L = R.L;
  for (var v = 0; v < Math.min(q.length, 4); v++) {
    if (L.want.has(stem(q[v], L))) {
      var rest = q.slice(v + 1).filter((w) => !L.prep.has(w) && w !== "to");
      for (var end = rest.length; end > 0; end--) if (groupActor(rest.slice(0, end), ix, R) === "widget") return true;
      return false;
    }
  }
  return false;
}

function serveVerb(q, L) {
  for (var i = 0; i < q.length; i++) if (L.serve.has(stem(q[i], L)) && !(i && L.prep.has(q[i - 1]) && q[i - 1] !== "to")) return i;
  return null;
}

function upToVerb(words, L) {
  for (var i = 1; i < words.length; i++) {
    var w = words[i];
    if (L.always.has(w) || L.glue.has(w) || w === "to" || L.clause.has(w)) return words.slice(0, i);
  }
  return words;
}

function servedBy(agent, sc, population) {
  if (agent === null || agent === undefined) return [];
  if (agent === "widget") return sc.primary;
  if (agent === "we" || sc.producers.has(agent)) return population ? [] : sc.primary;
  return sc.serves.get(agent) || [];
}

var one = (actors) => (new Set(actors).size === 1 ? actors[0] : null);

function groupActor(words, ix, R) {
  if (!words.length) return null;
  var found = wholeMatch(words, ix, R);
  if (!found) {
    var b = judgement.boundary(bare(words), ix, R);
    found = crossing(words, b, ix, R) || headMatch(words.slice(0, b), ix, R);
  }
  return !found || found.c.kind === "falsified" ? null : found.c.actor;
}

function relational(g, b, ix, sc, R) {
  var L = R.L, head = g.words.slice(0, b);
  for (var k = 0; k < L.relational.length; k++) {
    var r = L.relational[k], n = r.length;
    if (head.slice(-n).join(" ") !== r.join(" ") || head.length < n) continue;
    var owner = head.slice(0, -n);
    if (!owner.length && b < g.words.length && g.words[b] === "of") {
      var rest = g.words.slice(b + 1);
      owner = rest.slice(0, judgement.boundary(bare(rest), ix, R));
    }
    if (!owner.length) return null;
    var served = one(servedBy(groupActor(owner, ix, R), sc, false));
    if (served === null) return null;
    var entry = ix.ofActor.get(served);
    return entry ? match(entry[1], 0, R.threshold) : null;
  }
  return null;
}

function described(q, sc, R) {
  var L = R.L, said = content(q, L);
  if (!said.size) return null;
  var lead = leadWord(q, L), best = null, winners = [];
  var close = (a, b) => closeWords(a, b, R);
  sc.described.forEach((e) => {
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
  var ends_ = winners.filter((a) => !(sc.serves.get(a) || []).some((t) => winners.includes(t)));
  winners = ends_.length ? ends_ : winners;
  return new Set(winners.map((a) => sc.roles.get(a))).size === 1 ? winners[0] : null;
}

// one word with a typo ("refnd", "refund"), not a word and a longer one ("grant", "grantee")
var closeWords = (a, b, R) => a.length >= R.typos.word && b.length >= R.typos.word && a[0] === b[0] && !a.startsWith(b) && !b.startsWith(a) &&
  ratio(a, b) >= R.typos.described;

// the first word that carries meaning is in one of the actor's descriptions
function leads(q, actor, sc, R) {
  var lead = leadWord(q, R.L);
  var close = (a, b) => closeWords(a, b, R);
  return lead === null || sc.described.some((e) => e[0] === actor && (e[1].has(lead) || [...e[1]].some((d) => close(d, lead))));
}

function leadWord(q, L) {
  for (var i = 0; i < q.length; i++) {
    var w = q[i];
    if (L.sub.has(w)) return null;
    if (L.stop.has(w) || L.prep.has(w) || L.glue.has(w) || adverb(w, L)) continue;
    var st = stem(w, L);
    if (L.synonyms.has(st)) st = L.synonyms.get(st);
    if (L.stopStems.has(st)) continue;
    return st;
  }
  return null;
}

function agentActor(q, ix, R) {
  var L = R.L, k = q.length && L.clause.has(q[0]) ? 1 : 0;
  while (k < q.length && L.glue.has(q[k])) k++;
  var agent = agentOf(q, k, L);
  return agent === null ? null : groupActor(agent, ix, R);
}

function agentOf(words, v, L) {
  var A = L.agents, rest;
  while (v < words.length && A.has(words[v])) {
    rest = words.slice(v + 1);
    var obj = rest.findIndex((w) => !L.prep.has(w) && w !== "to");
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

var quote = (R, t) => say(R, "quoted", { text: t });
var say = (R, m, v) => R.S.say[m].replace(/\{(\w+)\}/g, (_, k) => v[k]); // v: the blanks, if any
var label = (R, name) => R.vocab.field_names[name].toLowerCase();

function fieldOf(key, name, R) {
  key._f = key._f || {};
  if (key._f[name]) return key._f[name];
  if (!key._scene) keep(key, "_scene", scene(key.read));
  var fk = key.fields[name], cands = [], widget = name === "widget";
  var right = widget ? ["widget"] : fk.actors;
  fk.expected.forEach((item, i) => item.forEach((p, j) => {
    var owner = fk.owners ? fk.owners[j] : right[i];
    cands.push(candidate(p, "accept", i, name, owner === undefined ? null : owner, R));
  }));
  fk.partial.forEach((p, i) => p.answers.forEach((t) => cands.push(candidate(t, "partial", i, name, p.actor || (widget ? "widget" : null), R))));
  fk.wrong.forEach((w, i) => w.answers.forEach((t) => cands.push(candidate(t, "wrong", i, name, w.actor, R))));
  var joined = map(), acts = set(fk.activities || []); // activities: worked out by Python
  cands.forEach((c) => {
    if (c.words.length > 1) {
      if (!joined.has(c.words[0])) joined.set(c.words[0], []);
      joined.get(c.words[0]).push(c.words);
    }
  });
  var phrases = [];
  fk.expected.forEach((item) => phrases.push(...item));
  fk.partial.concat(fk.wrong).forEach((e) => phrases.push(...e.answers));
  key.scene.forEach((a) => phrases.push(...a.does));
  keys(R.lexicon).forEach((id) => { if (!key.scene.some((a) => a.ref === id)) phrases.push(...R.lexicon[id].does); });
  var P = prepared(cands, R);
  var f = { joined: joined, acts: acts, ix: index(P, R, fk.index), sc: key._scene, V: vocabulary(phrases, R), widget: widget, judged: map(), parts: map(), infos: map() };
  f.info = (mk) => memo(f.infos, mk.join("\x00"), () => {
    var g = split(mk, R), b = g.words.length ? judgement.boundary(g, f.ix, R) : 0;
    var named = readGroup(mk, f.ix, f.sc, f.widget, null, R);
    var generic = g.words.length > 0 && R.L.generic.has(g.words[Math.max(b, 1) - 1]);
    var actor = named.m ? named.m.c.actor : null;
    return [named.m !== null || generic, b < g.words.length, named.m !== null && named.m.at <= 0];
  });
  Object.defineProperty(key._f, name, { value: f });
  return f;
}

function part(piece, f, antecedent, R) {
  var known = memo(f.parts, piece.marked.join("\x00") + "\x01" + antecedent, () => readPart(piece, f, antecedent, R));
  return { piece: piece, kind: known[0], match: known[1] };
}

function readPart(piece, f, antecedent, R) {
  var S = R.S, words = plain(piece.words, R);
  if (f.acts.has(words.join(" "))) return ["activity", null];
  var mk = corrected(piece.marked, piece.raw, f.V, R);
  var named = readGroup(mk, f.ix, f.sc, f.widget, antecedent, R);
  if (named.how === "activity") return ["activity", null];
  var found = named.m;
  if (!found) return [S.universal.has(words[0]) ? "broad" : "none", null];
  var kind = found.c.kind;
  if (kind === "accept" && S.own.has(words[0]) && !S.own.has(found.c.words[0])) kind = "own";
  return [kind, found];
}

function item(answer, outcome, extra) {
  return assign({ answer: answer, outcome: outcome, matched: null, recognized_as: null, trap: null, feedback: "" }, extra);
}

function judge(key, name, answer, R) {
  var f = fieldOf(key, name, R);
  return memo(f.judged, answer, () => judgeParts(key, name, answer, f, R));
}

function judgeParts(key, name, answer, f, R) {
  var parts = [], antecedent = null;
  pieces(answer, f.joined, f.info, R).forEach((p) => {
    if (p.role !== "head" && p.role !== "aside" && p.role !== "negated") return;
    var pt = part(p, f, antecedent, R);
    if (pt.match && pt.match.c.actor) antecedent = pt.match.c.actor;
    if (p.role !== "negated") parts.push(pt);
  });
  // a group named beside the others that the grader cannot place ("the facility and the mayor")
  var unknown = parts.filter((p) => name !== "widget" && p.piece.role === "head" && p.kind === "none" && judgement.namesAGroup(p, R));
  var heads = parts.filter((p) => p.piece.role === "head" && p.kind !== "none");
  var asides = parts.filter((p) => p.piece.role === "aside" && p.kind !== "none");
  if (!heads.length) { heads = asides; asides = []; }
  var isRight = (p) => p.kind === "accept" || p.kind === "partial";
  var right = heads.filter((p) => p.kind === "accept");
  var vague = heads.filter((p) => p.kind === "partial");
  var others = heads.filter((p) => !isRight(p));
  var wider = asides.filter((p) => p.kind === "accept");
  if (right.length || vague.length) {
    var named = new Set(right.concat(vague).filter((p) => p.match).map((p) => p.match.c.actor));
    var kinds = set();
    named.forEach((a) => { if (a) (f.sc.members.get(a) || set()).forEach((m) => kinds.add(m)); });
    asides.forEach((p) => {
      if (!isRight(p) && p.match && p.match.c.actor !== null && p.match.c.actor !== "widget" && !named.has(p.match.c.actor) &&
          !kinds.has(plain(p.piece.words, R).join(" ")) && playsARole(key, name, p)) others.push(p);
    });
  }
  var fk = key.fields[name];
  var judged = (it, partial, indices) => ({ item: it, partial: partial, indices: indices || [] });
  var indexes = (ps) => [...new Set(ps.map((p) => p.match.c.index))];
  if (judgement.hedged(right, others, unknown)) {
    var list = R.listFields.has(name);
    var all = others.concat(unknown).sort((a, b) => parts.indexOf(a) - parts.indexOf(b));
    return judged(item(answer, list ? "wrong" : "partial", {
      recognized_as: others.length ? wrongItem(key, name, others[0], answer, others[0].piece.text, R).recognized_as : null,
      feedback: say(R, "several", {
        answer: quote(R, answer),
        right: quote(R, right[0].piece.text),
        named: all.map((o) => say(R, "named", { text: quote(R, o.piece.text), what: o.kind === "none" ? say(R, "unplaced") : roleIs(key, name, o, R) })).join(", "),
        one: list ? say(R, "one_line") : say(R, "one_group", { field: label(R, name) })
      })
    }), -1 - right[0].match.c.index, list ? indexes(right) : []);
  }
  if (right.length) {
    var ind = indexes(right);
    return judged(item(answer, "matched", { matched: fk.expected[ind[0]][0] }), -1, ind);
  }
  if (wider.length && heads.length) {
    return judged(item(answer, "partial", {
      feedback: say(R, "wider", { head: quote(R, heads[0].piece.text), aside: quote(R, wider[0].piece.text) })
    }), -1 - wider[0].match.c.index);
  }
  if (vague.length && !others.length) {
    var index_ = vague[0].match.c.index;
    return judged(item(answer, "partial", { feedback: fk.partial[index_].feedback }), index_);
  }
  if (others.length) return judged(wrongItem(key, name, others[0], answer, heads.length === 1 ? answer : others[0].piece.text, R), -1);
  return judged(item(answer, "unrecognized", { feedback: understood(name, answer, R) }), -1);
}

// words the grader cannot place that name a group: "the mayor", "our lawyers"; not "on time"
function namesAGroup(p, R) {
  var mk = p.piece.marked, L = R.L;
  if (!mk.length || (mk[0] !== R.ART && !L.det.has(mk[0]))) return false;
  return p.piece.words.some((w) => !L.stop.has(w) && !L.generic.has(w) && !/^[0-9]+$/.test(w));
}

function playsARole(key, name, p) {
  var c = p.match.c;
  return c.kind !== "wrong" || key.fields[name].wrong[c.index].recognized_as !== null;
}

function roleIs(key, name, p, R) {
  var role = wrongItem(key, name, p, "", "", R).recognized_as;
  if (role !== name && key.asks.includes(role)) return say(R, "another");
  if (role) return say(R, "is_role", { role: R.vocab.role_labels[role] });
  return R.listFields.has(name) ? say(R, "not_listed") : say(R, "not_the", { field: label(R, name) });
}

function wrongItem(key, name, p, answer, text, R) {
  var next = R.S.ask[name];
  if (p.kind === "activity") return item(answer, "wrong", { recognized_as: "activity", feedback: say(R, "activity", { text: quote(R, text) }) });
  if (p.kind === "own") return item(answer, "wrong", { feedback: say(R, "own", { text: quote(R, text), next: next }) });
  if (p.kind === "broad") return item(answer, "wrong", { feedback: say(R, "broad", { text: quote(R, text) }) });
  var c = p.match.c;
  if (c.kind === "wrong") {
    var wrong = key.fields[name].wrong[c.index];
    return item(answer, "wrong", {
      recognized_as: wrong.recognized_as,
      trap: wrong.trap,
      feedback: wrong.feedback + (wrong.trap ? " " + say(R, "trap", { trap: R.vocab.traps[wrong.trap] }) : "")
    });
  }
  var roles = R.vocab.role_labels;
  return item(answer, "wrong", {
    recognized_as: c.field,
    feedback: say(R, key.asks.includes(c.field) ? "elsewhere_asked" : "elsewhere", {
      text: quote(R, text), role: roles[c.field], field: R.listFields.has(name) ? roles[name] : say(R, "the_field", { field: label(R, name) }), next: next
    })
  });
}

function understood(name, answer, R) {
  var words = set(tokens(answer, R));
  var kind = R.S.understood.find((u) => u[0].some((w) => words.has(w)));
  return kind ? say(R, "unknown_kind", { answer: quote(R, answer), says: kind[1] }) : say(R, "unknown", { answer: quote(R, answer), next: R.S.ask[name] });
}

function asText(value, R) {
  if (typeof value !== "string" || strip(value, R).toLowerCase() === R.G.placeholder.toLowerCase()) return null;
  return strip(Array.from(strip(value, R)).slice(0, R.G.max_answer_chars).join(""), R) || null;
}

// several entries in one line (the patterns come from grading.py, in the page setup)
function entries(text, X) {
  var out = [];
  text.split(X.brk).forEach((part) => {
    var b = X.bullet.exec(part), n = X.first.exec(part);
    if (b) out.push(part.slice(b[0].length));
    else if (n) out.push(...part.slice(n[0].length).split(X.next));
    else out.push(part);
  });
  return out;
}

function asList(value, R) {
  if (typeof value === "string") value = [value];
  if (!Array.isArray(value)) return [];
  var all = [];
  value.forEach((v) => { if (typeof v === "string") all.push(...entries(v, R.entries)); });
  return all.map((v) => asText(v, R)).filter(Boolean).slice(0, R.G.max_list_entries);
}

function hintFor(key, fk, attempt, R) {
  // an assessment item's payload has no hints: it is answered once
  var hints = fk.hints && fk.hints.length ? fk.hints : key.hints || [];
  if (!hints.length) return null;
  return attempt >= hints.length - 1 ? hints[hints.length - 1] + " " + say(R, "last_hint") : hints[attempt];
}

function fieldResult(verdict, score, fk, answer, extra) {
  return assign({
    verdict: verdict, score: score, max_score: fk.points, answer: answer, matched: [],
    recognized_as: null, trap: null, feedback: "", hint: null
  }, extra);
}

function gradeSingle(key, name, answer, attempt, R) {
  var fk = key.fields[name];
  var hint = hintFor(key, fk, attempt, R);
  if (answer === null) return fieldResult("missing", 0, fk, null, { feedback: say(R, "no_answer"), hint: hint });
  var it = judge(key, name, answer, R).item;
  if (it.outcome === "matched") {
    return fieldResult("correct", fk.points, fk, answer, { matched: [it.matched || ""], feedback: fk.explanation || say(R, "right") });
  }
  var partial = it.outcome === "partial";
  // an answer the grader cannot place gets no verdict: the trainer decides
  var verdict = judgement.verdict(it.outcome);
  return fieldResult(verdict, partial ? fk.points / 2 : 0, fk, answer, {
    recognized_as: it.recognized_as, trap: it.trap, feedback: it.feedback, hint: hint
  });
}

function gradeList(key, name, answers, attempt, R) {
  var fk = key.fields[name];
  var hint = hintFor(key, fk, attempt, R);
  if (!answers.length) return fieldResult("missing", 0, fk, [], { feedback: say(R, "no_answer"), hint: hint, items: [] });
  var taken = map(), partialTaken = map(), items = [];
  var right = 0, partial = 0, wrong = 0, unplaced = 0;
  var counted = (answer, earlier) => say(R, "counted", { answer: quote(R, answer), earlier: quote(R, earlier) });
  answers.forEach((answer) => {
    var judged = judge(key, name, answer, R), it = judged.item, o = it.outcome;
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
  var needed = fk.needed;
  var credit = Math.min(right + 0.5 * partial, needed) - R.G.wrong_item_penalty * wrong;
  var score = round2(fk.points * (Math.max(0.0, credit) / needed));
  var verdict = unplaced ? "unsure" : right >= needed && wrong === 0 ? "correct" : score === 0 ? "incorrect" : "partial";
  var firstWrong = items.find((i) => i.outcome === "wrong");
  var counts = { right: right, needed: needed };
  var soFar = say(R, right >= needed ? "so_far_enough" : right === 0 ? "so_far_none" : "so_far_some", counts);
  var summary = verdict === "correct" ? fk.explanation || say(R, "right")
    : unplaced ? say(R, "unsure_list", { so_far: soFar })
    : say(R, right >= needed ? "enough_not_all" : right ? "some_right" : verdict === "partial" ? "close" : "none_right", counts);
  var about = map();
  items.forEach((i) => {
    if (i.outcome !== "matched" && i.feedback) {
      if (!about.has(i.feedback)) about.set(i.feedback, []);
      var list = about.get(i.feedback);
      if (!list.includes(i.answer)) list.push(i.answer);
    }
  });
  var notes = [summary];
  about.forEach((list, fb) => notes.push(list.length === 1 && fb.startsWith(quote(R, list[0])) ? fb
    : say(R, "about", { answers: list.map((a) => quote(R, a)).join(", "), feedback: fb })));
  return fieldResult(verdict, score, fk, answers, {
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
  Object.values(key.fields).forEach((fk) => {
    fk.wrong = fk.wrong.map((w) => {
      var base = { recognized_as: w.recognized_as, trap: w.trap };
      if (w.a) return assign(base, { answers: names.get(w.a), feedback: w.feedback, actor: w.a });
      if (!w.g) return w;
      var group = lexicon[w.g], out = w.x || [];
      var answers = group.phrasings.filter((_, i) => !out.includes(i)).concat(w.add || []);
      return assign(base, { answers: answers, feedback: w.feedback === undefined ? group.feedback : w.feedback, actor: w.g });
    });
  });
  keep(key, "_whole", true);
}

/* grade(setup, key, answers, attempt): the same object as CheckResult.to_dict(). */
function grade(setup, key, answers, attempt) {
  var R = prepare(setup);
  whole(key, setup.lexicon);
  attempt = attempt || 0;
  var fields = {}, total = 0;
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
