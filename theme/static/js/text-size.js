/* Text-size control (A- A A+): progressive enhancement.
 * A- and A+ step through four sizes, A returns to the default. Without
 * JavaScript the control stays hidden (CSS shows it under html.has-js, set
 * by the inline script in the head) and the browser's zoom works as usual.
 * The choice is kept in localStorage, which also works for pages opened
 * from disk (file://), so it follows the reader from page to page. */
(function () {
  "use strict";
  var KEY = "ward-text-size";
  var SIZES = ["small", "normal", "large", "xlarge"];
  var root = document.documentElement;
  var control = document.querySelector("[data-text-size-control]");
  if (!control) { return; }
  var status = control.querySelector("[data-text-size-status]");

  function current() {
    var size = root.getAttribute("data-text-size") || "normal";
    return SIZES.indexOf(size) < 0 ? "normal" : size;
  }

  function apply(size) {
    if (size === "normal") { root.removeAttribute("data-text-size"); }
    else { root.setAttribute("data-text-size", size); }
    var index = SIZES.indexOf(size);
    control.querySelector("[data-step='-1']").disabled = index === 0;
    control.querySelector("[data-step='1']").disabled = index === SIZES.length - 1;
    if (status) { status.textContent = "Cỡ chữ: " + (index + 1) + "/" + SIZES.length; }
  }

  apply(current());
  control.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-step]");
    if (!button) { return; }
    var step = Number(button.getAttribute("data-step"));
    var index = step === 0 ? 1 : SIZES.indexOf(current()) + step;
    var size = SIZES[Math.max(0, Math.min(SIZES.length - 1, index))];
    apply(size);
    try { localStorage.setItem(KEY, size); } catch (e) { /* storage blocked: this page only */ }
  });
})();
