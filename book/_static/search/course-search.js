/* The course's search results (book/_ext/course_search.py), loaded by the search page only.
 *
 * Ranking. Sphinx's searchtools finds pages holding the query's words, and sections whose
 * title is mostly the query. Its results are ranked again here, highest first:
 *   1. a glossary term the query names;
 *   2. a page whose title holds every word of the query (its chapter), then a section whose
 *      title does (even a long title: "investors" finds "The public, as investors"), the
 *      title that is more nearly the query first;
 *   3. a section whose text holds the words together, in order ("front-line staff");
 *   4. the rest, in Sphinx's order, a section above a whole page.
 * So a passing mention never comes before the place that teaches the words.
 *
 * Misspellings. When nothing matches, each word the site never uses is matched to the
 * nearest word it does use (fewest letters changed; the more common word on a tie), and the
 * page offers that search ("Did you mean strategic customer?") in place of Sphinx's advice
 * about categories. The words come from the site's own text, and only words whose stem is
 * in Sphinx's index are offered.
 *
 * Snippets. Sphinx fetched every result page to cut its snippet (switched off by the
 * build). Each result's snippet now comes from window.COURSE_SEARCH_SUMMARIES (one small
 * file of every section's reading text): the passage around the first search word in the
 * result's section, or, for a whole-page match, in the first section holding the words
 * (together if one does), which the result then links to.
 */
(function () {
  "use strict";
  var GLOSSARY_TERM = "#term-";
  /* Ranks: a result's tier plus a part under 200 that orders results within it. */
  var NAMED_TERM = 5000;
  var GLOSSARY = 4000;
  var PAGE_TITLE = 3000;
  var SECTION_TITLE = 2000;
  var TOGETHER = 1000;
  var SECTION_BONUS = 30;
  /* The practice notebooks repeat a chapter's checks (and its title): pages, but not the
   * chapter that teaches, so their titles rank with the sections'. */
  var PRACTICE = "exercises/";
  var BEFORE = 80;
  var LENGTH = 240;
  var NOT_WORD = "[^\\p{Letter}\\p{Number}_]";
  var WORD = "[\\p{Letter}\\p{Number}_]";

  var STOP = typeof stopwords !== "undefined" ? stopwords : [];
  var stemmer = typeof Stemmer !== "undefined" ? new Stemmer() : null;

  function summaries() {
    return window.COURSE_SEARCH_SUMMARIES || {};
  }

  function words(text) {
    return text
      .toLowerCase()
      .split(new RegExp(NOT_WORD + "+", "u"))
      .filter(function (word) {
        return word.length > 1 && STOP.indexOf(word) === -1 && !/^\d+$/.test(word);
      });
  }

  function stem(word) {
    return stemmer ? stemmer.stemWord(word) : word;
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* The words of a query (stems, in order) found next to each other, with at most common
   * words ("the", "as") between them: "front-line staff", "the public, as investors". */
  function togetherPattern(stems) {
    if (stems.length < 2) return null;
    var gap = NOT_WORD + "+(?:(?:" + STOP.map(escapeRegExp).join("|") + ")" + NOT_WORD + "+)*";
    var body = stems
      .map(function (s) {
        return escapeRegExp(s) + WORD + "*";
      })
      .join(gap);
    return new RegExp("(?:^|" + NOT_WORD + ")" + body, "iu");
  }

  /* Glossary terms the query names, as Sphinx results [doc, title, anchor, descr, score,
   * file]. Sphinx finds them through the glossary's index entries, but an incremental
   * build drops those from its index (Sphinx 7.4 does not reload them), so they are found
   * here from the summaries, by the rule Sphinx uses for titles: one holds the other and
   * the query is at least half as long as the term; the term nearest the query's length
 * first ("customer" before "primary customer"). */
  function glossaryResults(query) {
    var all = summaries();
    var index = Search._index || {};
    var asked = query.toLowerCase().trim();
    var found = [];
    Object.keys(all).forEach(function (doc) {
      all[doc].forEach(function (section) {
        if (section[0].indexOf(GLOSSARY_TERM.slice(1)) !== 0 || !section[2]) return;
        var term = section[2].toLowerCase();
        var holds = term.indexOf(asked) !== -1 || asked.indexOf(term) !== -1;
        if (!holds || asked.length < term.length / 2 || term.length < asked.length / 2) return;
        var at = (index.docnames || []).indexOf(doc);
        var page = at === -1 ? doc : index.titles[at];
        found.push([
          doc,
          page + " &gt; " + escapeHtml(section[2]),
          "#" + section[0],
          null,
          NAMED_TERM + Math.round((100 * Math.min(asked.length, term.length)) / Math.max(asked.length, term.length)),
          at === -1 ? doc : index.filenames[at],
        ]);
      });
    });
    return found;
  }

  /* How much of a title the query's stems make up (0 when it lacks one of them). */
  function titleShare(title, stems) {
    var held = {};
    words(title).forEach(function (word) {
      held[stem(word)] = true;
    });
    var size = Object.keys(held).length;
    if (!size || !stems.every(function (s) { return held[s]; })) return 0;
    return stems.length / size;
  }

  /* Sections whose title holds every word, which Sphinx leaves out when the query is less
   * than half the title. */
  function titleResults(stems) {
    var index = Search._index || {};
    var found = [];
    Object.keys(index.alltitles || {}).forEach(function (title) {
      if (!titleShare(title, stems)) return;
      index.alltitles[title].forEach(function (place) {
        var file = place[0];
        var id = place[1];
        var page = index.titles[file];
        found.push([
          index.docnames[file],
          id ? page + " &gt; " + escapeHtml(title) : page,
          id ? "#" + id : "",
          null,
          0,
          index.filenames[file],
        ]);
      });
    });
    return found;
  }

  function sectionText(doc, anchor) {
    var sections = summaries()[doc] || [];
    for (var i = 0; i < sections.length; i++) {
      if (sections[i][0] === anchor) return sections[i][1];
    }
    return "";
  }

  function holdsTogether(doc, anchor, together) {
    if (!together) return false;
    if (anchor) return together.test(sectionText(doc, anchor.slice(1)));
    return (summaries()[doc] || []).some(function (section) {
      return together.test(section[1]);
    });
  }

  function sectionTitle(result) {
    var index = Search._index || {};
    var title = "";
    Object.keys(index.alltitles || {}).some(function (name) {
      return index.alltitles[name].some(function (place) {
        if (index.docnames[place[0]] === result[0] && "#" + place[1] === result[2]) {
          title = name;
          return true;
        }
        return false;
      });
    });
    return title;
  }

  function rank(result, stems, together) {
    var anchor = result[2] || "";
    var score = Math.min(result[4] || 0, 199);
    if (result[4] >= NAMED_TERM) return result[4];
    if (anchor.indexOf(GLOSSARY_TERM) === 0) return GLOSSARY + score;
    if (stems.length) {
      var index = Search._index || {};
      var at = index.docnames.indexOf(result[0]);
      var title = anchor ? sectionTitle(result) : index.titles[at] || "";
      var share = title ? titleShare(title, stems) : 0;
      var chapter = !anchor && result[0].indexOf(PRACTICE) !== 0;
      if (share) return (chapter ? PAGE_TITLE : SECTION_TITLE) + Math.round(100 * share) + score / 200;
    }
    if (holdsTogether(result[0], anchor, together)) return TOGETHER + score + (anchor ? 1 : 0);
    return anchor ? score + SECTION_BONUS : score;
  }

  /* ---- misspellings ---- */

  /* Letters to change (insert, delete, replace, swap two) to make one word the other, or
   * Infinity when that is more than `most`. */
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return Infinity;
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) {
          rows[0].push(j);
          continue;
        }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, rows[i - 2][j - 2] + 1);
        }
        rows[i].push(d);
      }
      if (i > 0 && Math.min.apply(null, rows[i]) > most) return Infinity;
    }
    var found = rows[a.length][b.length];
    return found <= most ? found : Infinity;
  }

  var vocabulary = null;

  /* Every word of the site's text and titles whose stem Sphinx indexed, with its count. */
  function siteWords() {
    if (vocabulary) return vocabulary;
    var index = Search._index || {};
    var counts = {};
    var texts = Object.keys(index.alltitles || {});
    var all = summaries();
    Object.keys(all).forEach(function (doc) {
      all[doc].forEach(function (section) {
        texts.push(section[1]);
      });
    });
    texts.forEach(function (text) {
      words(text).forEach(function (word) {
        if (word.length >= 3 && !/\d/.test(word)) counts[word] = (counts[word] || 0) + 1;
      });
    });
    vocabulary = {};
    Object.keys(counts).forEach(function (word) {
      if (known(stem(word), false)) vocabulary[word] = counts[word];
    });
    return vocabulary;
  }

  function known(stemmed, partly) {
    var index = Search._index || {};
    var terms = index.terms || {};
    var titles = index.titleterms || {};
    var has = Object.prototype.hasOwnProperty;
    if (has.call(terms, stemmed) || has.call(titles, stemmed)) return true;
    if (!partly || stemmed.length < 3) return false;
    return Object.keys(terms)
      .concat(Object.keys(titles))
      .some(function (term) {
        return term.indexOf(stemmed) !== -1;
      });
  }

  function nearest(word) {
    var most = word.length <= 5 ? 1 : 2;
    var best = null;
    var bestDistance = Infinity;
    var site = siteWords();
    Object.keys(site).forEach(function (candidate) {
      var d = distance(word, candidate, most);
      if (d < bestDistance || (d === bestDistance && d !== Infinity && site[candidate] > site[best])) {
        best = candidate;
        bestDistance = d;
      }
    });
    return best;
  }

  /* The query with each word the site never uses replaced by its nearest word, or "". */
  function suggestion(query) {
    var changed = false;
    var parts = query.trim().split(new RegExp("(" + NOT_WORD + "+)", "u"));
    var out = parts.map(function (part) {
      var word = part.toLowerCase();
      if (!part || new RegExp("^" + NOT_WORD, "u").test(part)) return part;
      if (STOP.indexOf(word) !== -1 || /\d/.test(word) || known(stem(word), true)) return part;
      var near = nearest(word);
      if (!near) return part;
      changed = true;
      return near;
    });
    return changed ? out.join("") : "";
  }

  function sayNothingFound(query) {
    var status = Search.status;
    if (!status) return;
    var better = suggestion(query);
    status.textContent = "Nothing on this site matches \u201c" + query.trim() + "\u201d. ";
    if (better) {
      var link = document.createElement("a");
      link.href = "search.html?q=" + encodeURIComponent(better).replace(/%20/g, "+");
      link.textContent = better;
      status.appendChild(document.createTextNode("Did you mean "));
      status.appendChild(link);
      status.appendChild(document.createTextNode("?"));
    } else {
      status.appendChild(document.createTextNode("Try other words, or fewer of them."));
    }
  }

  /* Sphinx's results come sorted lowest score first (it shows them from the end). */
  if (typeof Search !== "undefined" && Search._performSearch) {
    var sphinxSearch = Search._performSearch;
    Search._performSearch = function (query, searchTerms) {
      var stems = searchTerms ? Array.from(searchTerms) : [];
      var together = togetherPattern(stems);
      var results = sphinxSearch
        .apply(this, arguments)
        .concat(glossaryResults(query), titleResults(stems));
      var best = {};
      results.forEach(function (result) {
        result[4] = rank(result, stems, together);
        var key = result[0] + result[2];
        if (!best[key] || best[key][4] < result[4]) best[key] = result;
      });
      results = Object.keys(best).map(function (key) {
        return best[key];
      });
      results.sort(function (a, b) {
        if (a[4] !== b[4]) return a[4] - b[4];
        return a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0;
      });
      if (!results.length) {
        setTimeout(function () {
          sayNothingFound(query);
        }, 0);
      }
      return results;
    };
  }

  /* ---- snippets ---- */

  function queryWords() {
    var query = new URLSearchParams(window.location.search).get("q") || "";
    return words(query);
  }

  /* A word is found when its stem is (Sphinx searches stems: "customers" finds "customer"). */
  function stems(list) {
    return list.map(function (word) {
      var stemmed = stem(word);
      return stemmed.length >= 3 ? stemmed : word;
    });
  }

  function firstHit(text, keys) {
    var lower = text.toLowerCase();
    var best = -1;
    keys.forEach(function (key) {
      var at = lower.indexOf(key);
      if (at !== -1 && (best === -1 || at < best)) best = at;
    });
    return best;
  }

  function holdsAll(text, keys) {
    var lower = text.toLowerCase();
    return keys.every(function (key) {
      return lower.indexOf(key) !== -1;
    });
  }

  /* [anchor, text] of the section to quote for a result of page `doc` at `anchor`; for a
   * whole-page result, the first section that no result above shows, holding the words
   * together if one does, else all of them, else any. */
  function sectionFor(doc, anchor, keys, together, shown) {
    var sections = summaries()[doc];
    if (!sections || !sections.length) return null;
    if (anchor) {
      for (var i = 0; i < sections.length; i++) {
        if (sections[i][0] === anchor) return sections[i];
      }
    }
    var close = null;
    var all = null;
    var some = null;
    var any = null;
    for (var j = 0; j < sections.length; j++) {
      var fresh = !shown[doc + "#" + sections[j][0]];
      var text = sections[j][1];
      if (together && together.test(text)) {
        if (fresh) return sections[j];
        close = close || sections[j];
      } else if (holdsAll(text, keys)) {
        if (fresh) all = all || sections[j];
        else any = any || sections[j];
      } else if (!some && fresh && firstHit(text, keys) !== -1) some = sections[j];
    }
    return all || close || any || some || sections[0];
  }

  function passage(text, keys, together) {
    var found = together ? together.exec(text) : null;
    var at = found ? found.index : firstHit(text, keys);
    var start = at > BEFORE ? text.lastIndexOf(" ", at - BEFORE) + 1 : 0;
    var end = start + LENGTH;
    if (end < text.length) end = text.lastIndexOf(" ", end);
    if (end <= start) end = Math.min(text.length, start + LENGTH);
    return (start > 0 ? "\u2026" : "") + text.slice(start, end) + (end < text.length ? "\u2026" : "");
  }

  var shown = {}; // page#section already quoted by a result above

  function addSnippet(item, list, keys, together) {
    var link = item.querySelector("a[href]");
    if (!link || item.querySelector("p.context")) return;
    var href = link.getAttribute("href");
    var hash = href.indexOf("#");
    var anchor = hash === -1 ? "" : href.slice(hash + 1);
    var page = hash === -1 ? href : href.slice(0, hash);
    var doc = page.replace(/\.html$/, "");
    var section = sectionFor(doc, anchor, keys, together, shown);
    if (!section) return;
    shown[doc + "#" + section[0]] = true;
    if (!anchor && section !== summaries()[doc][0]) {
      link.setAttribute("href", page + "#" + section[0]);
    }
    var snippet = document.createElement("p");
    snippet.className = "context";
    snippet.textContent = passage(section[1], keys, together);
    item.appendChild(snippet);
    if (typeof _highlightText === "function") {
      list.forEach(function (word) {
        _highlightText(snippet, word, "highlighted");
      });
    }
  }

  function start() {
    var results = document.getElementById("search-results");
    if (!results) return;
    var list = queryWords();
    var keys = stems(list);
    var together = togetherPattern(keys);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType !== 1) return;
          if (node.tagName === "LI") addSnippet(node, list, keys, together);
          else if (node.querySelectorAll) {
            node.querySelectorAll("li").forEach(function (item) {
              addSnippet(item, list, keys, together);
            });
          }
        });
      });
    }).observe(results, { childList: true, subtree: true });
  }

  start();
})();
