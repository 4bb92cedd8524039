/* Accessibility fixes to the theme for "Who Is Your Customer?" (issue 7).
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
