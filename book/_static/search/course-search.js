/* The course's search results (book/_ext/course_search.py), loaded by the search page only.
 *
 * Ranking: Sphinx's searchtools scores a glossary term's index entry, a section whose
 * title holds the query, and pages holding its words. Here a glossary term comes first and
 * a matching section title next, above the pages that merely mention the words.
 *
 * Snippets: Sphinx fetched every result page to cut its snippet (switched off by the
 * build). Each result's snippet now comes from window.COURSE_SEARCH_SUMMARIES (one small
 * file of every section's reading text): the passage around the first search word in the
 * result's section, or, for a whole-page match, in the first section holding the words,
 * which the result then links to.
 */
(function () {
  "use strict";
  var GLOSSARY_TERM = "#term-";
  var SECTION_BONUS = 30;
  var GLOSSARY_BONUS = 1000;
  var BEFORE = 80;
  var LENGTH = 240;

  if (typeof Scorer !== "undefined") {
    Scorer.score = function (result) {
      var anchor = result[2] || "";
      var score = result[4];
      if (anchor.indexOf(GLOSSARY_TERM) === 0) return score + GLOSSARY_BONUS;
      if (anchor) return score + SECTION_BONUS;
      return score;
    };
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /* Glossary terms the query names, as Sphinx results [doc, title, anchor, descr, score,
   * file]. Sphinx finds them through the glossary's index entries, but an incremental
   * build drops those from its index (Sphinx 7.4 does not reload them), so they are found
   * here from the summaries, by the rule Sphinx uses for titles: one holds the other and
   * the query is at least half as long as the term. */
  function glossaryResults(query) {
    var all = window.COURSE_SEARCH_SUMMARIES || {};
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
          GLOSSARY_BONUS * 2 + term.length,
          at === -1 ? doc : index.filenames[at],
        ]);
      });
    });
    return found;
  }

  /* Sphinx's results come sorted lowest score first (it shows them from the end). */
  if (typeof Search !== "undefined" && Search._performSearch) {
    var sphinxSearch = Search._performSearch;
    Search._performSearch = function (query) {
      var results = sphinxSearch.apply(this, arguments);
      var terms = glossaryResults(query);
      var named = terms.map(function (term) {
        return term[0] + term[2];
      });
      results = results.filter(function (result) {
        return named.indexOf(result[0] + result[2]) === -1;
      });
      terms.sort(function (a, b) {
        return a[4] - b[4];
      });
      return results.concat(terms);
    };
  }

  function queryWords() {
    var query = new URLSearchParams(window.location.search).get("q") || "";
    var stop = typeof stopwords !== "undefined" ? stopwords : [];
    return query
      .toLowerCase()
      .split(/[^\p{Letter}\p{Number}_]+/u)
      .filter(function (word) {
        return word && stop.indexOf(word) === -1;
      });
  }

  /* A word is found when its stem is (Sphinx searches stems: "customers" finds "customer"). */
  function stems(words) {
    var stemmer = typeof Stemmer !== "undefined" ? new Stemmer() : null;
    return words.map(function (word) {
      var stem = stemmer ? stemmer.stemWord(word) : word;
      return stem.length >= 3 ? stem : word;
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
   * whole-page result, the first section with the words that no result above shows. */
  function sectionFor(doc, anchor, keys, shown) {
    var sections = (window.COURSE_SEARCH_SUMMARIES || {})[doc];
    if (!sections || !sections.length) return null;
    if (anchor) {
      for (var i = 0; i < sections.length; i++) {
        if (sections[i][0] === anchor) return sections[i];
      }
    }
    var all = null;
    var some = null;
    for (var j = 0; j < sections.length; j++) {
      var fresh = !shown[doc + "#" + sections[j][0]];
      if (holdsAll(sections[j][1], keys)) {
        if (fresh) return sections[j];
        all = all || sections[j];
      } else if (!some && fresh && firstHit(sections[j][1], keys) !== -1) some = sections[j];
    }
    return all || some || sections[0];
  }

  function passage(text, keys) {
    var at = firstHit(text, keys);
    var start = at > BEFORE ? text.lastIndexOf(" ", at - BEFORE) + 1 : 0;
    var end = start + LENGTH;
    if (end < text.length) end = text.lastIndexOf(" ", end);
    if (end <= start) end = Math.min(text.length, start + LENGTH);
    return (start > 0 ? "\u2026" : "") + text.slice(start, end) + (end < text.length ? "\u2026" : "");
  }

  var shown = {}; // page#section already quoted by a result above

  function addSnippet(item, words, keys) {
    var link = item.querySelector("a[href]");
    if (!link || item.querySelector("p.context")) return;
    var href = link.getAttribute("href");
    var hash = href.indexOf("#");
    var anchor = hash === -1 ? "" : href.slice(hash + 1);
    var page = hash === -1 ? href : href.slice(0, hash);
    var doc = page.replace(/\.html$/, "");
    var section = sectionFor(doc, anchor, keys, shown);
    if (!section) return;
    shown[doc + "#" + section[0]] = true;
    if (!anchor && section !== window.COURSE_SEARCH_SUMMARIES[doc][0]) {
      link.setAttribute("href", page + "#" + section[0]);
    }
    var snippet = document.createElement("p");
    snippet.className = "context";
    snippet.textContent = passage(section[1], keys);
    item.appendChild(snippet);
    if (typeof _highlightText === "function") {
      words.forEach(function (word) {
        _highlightText(snippet, word, "highlighted");
      });
    }
  }

  function start() {
    var results = document.getElementById("search-results");
    if (!results) return;
    var words = queryWords();
    var keys = stems(words);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType !== 1) return;
          if (node.tagName === "LI") addSnippet(node, words, keys);
          else if (node.querySelectorAll) {
            node.querySelectorAll("li").forEach(function (item) {
              addSnippet(item, words, keys);
            });
          }
        });
      });
    }).observe(results, { childList: true, subtree: true });
  }

  start();
})();
