/* Accessibility fixes to the theme for "Who Is Your Customer?".
 *
 * Keyboard focus on the header buttons. sphinx-book-theme takes focus off its sidebar
 * toggles and its colour mode button on every click (it calls blur() so that a button's
 * tooltip goes away after a mouse click). From the keyboard that dropped focus onto the
 * page itself: no focus ring, and Enter no longer pressed the button again, so a
 * keyboard user who hid the navigation could not bring it back. For a click made from
 * the keyboard (event.detail is 0) those buttons now ignore blur() until the click has
 * been handled. On a phone, where a toggle opens its sidebar as a modal dialog, focus
 * moves into the dialog as before and returns to the button when it closes.
 */
(function () {
  "use strict";
  var BUTTONS = ".primary-toggle, .secondary-toggle, .theme-switch-button";
  var keep = function () {};
  window.addEventListener(
    "click",
    function (event) {
      var button = event.detail === 0 && event.target.closest && event.target.closest(BUTTONS);
      if (!button) return;
      button.blur = keep; // the theme's listeners run next, on the button itself
      setTimeout(function () {
        delete button.blur;
      }, 0);
    },
    true
  );
})();

/* The sidebars on a phone. An entry picked in the "Contents" drawer jumps within
 * the page, and the theme left the drawer open over the place it jumped to: picking an
 * entry now closes the drawer. When a drawer closes, focus returns to its toggle button,
 * whose tooltip then covered the header: tooltips are hidden once a drawer has closed.
 */
(function () {
  "use strict";
  function hideTooltips() {
    var tooltip = window.bootstrap && window.bootstrap.Tooltip;
    if (!tooltip) return;
    document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach(function (el) {
      var shown = tooltip.getInstance(el);
      if (shown) shown.hide();
    });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("dialog[open] a[href]");
    if (link) link.closest("dialog").close();
  });
  document.addEventListener(
    "close",
    function (event) {
      if (event.target.tagName === "DIALOG") setTimeout(hideTooltips, 0);
    },
    true
  );
})();

/* Paper is white. A reader in dark mode who printed a page got the dark mode's
 * light text, on white paper when the browser leaves out backgrounds (as most do) and on
 * a black page when it does not. While the page prints it takes the light mode; the
 * reader's mode comes back when printing ends.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  var mode = null;
  window.addEventListener("beforeprint", function () {
    if (root.dataset.theme !== "dark") return;
    mode = root.dataset.theme;
    root.dataset.theme = "light";
  });
  window.addEventListener("afterprint", function () {
    if (mode === null) return;
    root.dataset.theme = mode;
    mode = null;
  });
})();
