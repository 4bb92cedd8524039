/* The first script of every page (book/_templates/layout.html puts it before the theme's).
 *
 * Blocked storage. With cookies off, or with the course in an LMS frame from another site,
 * the browser refuses this page its localStorage and sessionStorage: reading either one
 * throws a SecurityError. The theme's scripts read them without a guard, so they stopped
 * half way through and the menu, search and color-mode buttons did nothing. When a store
 * is refused, the page gets a stand-in that keeps the theme's settings (color mode, search
 * words to highlight, the sidebar's scroll) in memory until the page is left. The course's
 * own keys ("ams-...") stay refused, so its progress script still sees that nothing can be
 * kept and tells the learner so.
 *
 * The first visit. The theme starts with no color mode stored, and logged "Got invalid
 * theme mode" before it chose one. The mode now starts as "auto" (follow the device), as
 * the theme would choose, with the light or dark colors the device asks for.
 */
(function () {
  "use strict";
  var REFUSED_PREFIX = "ams-";
  var MODES = ["light", "dark", "auto"];

  function usable(name) {
    try {
      var store = window[name];
      store.setItem("course-probe", "1");
      store.removeItem("course-probe");
      return true;
    } catch (e) {
      return false;
    }
  }

  function refuse() {
    throw new DOMException("Storage is blocked for this page.", "SecurityError");
  }

  function standIn() {
    var items = {};
    function own(key) {
      key = String(key);
      if (key.indexOf(REFUSED_PREFIX) === 0) refuse();
      return key;
    }
    return {
      get length() {
        return Object.keys(items).length;
      },
      key: function (i) {
        var keys = Object.keys(items);
        return i >= 0 && i < keys.length ? keys[i] : null;
      },
      getItem: function (key) {
        key = own(key);
        return Object.prototype.hasOwnProperty.call(items, key) ? items[key] : null;
      },
      setItem: function (key, value) {
        items[own(key)] = String(value);
      },
      removeItem: function (key) {
        delete items[own(key)];
      },
      clear: function () {
        items = {};
      }
    };
  }

  ["localStorage", "sessionStorage"].forEach(function (name) {
    if (usable(name)) return;
    var store = standIn();
    try {
      Object.defineProperty(window, name, {
        configurable: true,
        enumerable: true,
        get: function () {
          return store;
        }
      });
    } catch (e) {
      /* the browser would not let it be replaced: the page stays as it was */
    }
  });

  try {
    if (MODES.indexOf(localStorage.getItem("mode")) === -1) {
      var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
      localStorage.setItem("mode", "auto");
      localStorage.setItem("theme", dark ? "dark" : "light");
    }
  } catch (e) {
    /* no storage at all: the theme falls back on its own */
  }
})();
