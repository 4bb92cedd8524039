/* Accessibility fixes to the theme for "Who Is Your Customer?" (issue 7).
 *
 * The sidebar buttons. sphinx-book-theme 1.3 draws its "Toggle primary sidebar" and
 * "Toggle secondary sidebar" buttons in the article header, but pydata-sphinx-theme 0.17
 * wires only the first .primary-toggle and .secondary-toggle of a page: the ones in its
 * own header, which this theme never shows. The visible buttons did nothing, so on a
 * phone or tablet the book's navigation could not be opened at all. Each visible button
 * now passes its click on to the wired one, which opens the sidebar (a modal dialog on
 * small screens, closed with Escape, focus returned to the button) or, on wide screens,
 * shows and hides it.
 *
 * The colour mode button. sphinx-book-theme takes focus off this button on every click,
 * so that its tooltip goes away after a mouse click. From the keyboard that dropped
 * focus onto the page itself: no focus ring, and Enter no longer switched the mode.
 * A click made from the keyboard (event.detail is 0) now leaves focus on the button.
 */
(function () {
  "use strict";
  ["primary", "secondary"].forEach(function (kind) {
    var buttons = document.querySelectorAll("." + kind + "-toggle");
    var wired = buttons[0];
    Array.prototype.slice.call(buttons, 1).forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        wired.click();
      });
    });
  });

  document.querySelectorAll(".theme-switch-button").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (event.detail === 0) button.focus();
    });
  });
})();
