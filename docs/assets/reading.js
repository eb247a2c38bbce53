// Text size (标准 / 大 / 特大) and high contrast for elderly and low-vision readers: the buttons of
// partials/header.html set classes on <html> (never a style attribute: see the site's CSP), and the
// choice is kept in localStorage so that every page opens the way the reader left the last one.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "rs-reading";
  var SIZES = { standard: "", large: "rs-size-large", largest: "rs-size-largest" };
  var NAMES = { standard: "标准", large: "大", largest: "特大" };

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (error) { return {}; }
  }
  function save(state) {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (error) { /* private mode: this page only */ }
  }
  function apply(state) {
    Object.keys(SIZES).forEach(function (size) {
      if (SIZES[size]) root.classList.toggle(SIZES[size], state.size === size);
    });
    root.classList.toggle("rs-contrast", state.contrast === true);
  }

  var state = load();
  if (!Object.prototype.hasOwnProperty.call(SIZES, state.size)) state.size = "standard";
  apply(state);  // before the page is drawn: this script is loaded in the head

  function wire() {
    var box = document.getElementById("rs-reading");
    if (!box) return;
    var status = document.getElementById("rs-reading-status");
    function show() {
      box.querySelectorAll("[data-rs-size]").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-rs-size") === state.size));
      });
      box.querySelector("[data-rs-contrast]").setAttribute("aria-pressed", String(state.contrast === true));
    }
    box.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      var size = button.getAttribute("data-rs-size");
      if (size) {
        state.size = size;
        status.textContent = "字号已设为" + NAMES[size];
      } else {
        state.contrast = state.contrast !== true;
        status.textContent = state.contrast ? "已开启高对比度" : "已关闭高对比度";
      }
      apply(state);
      save(state);
      show();
    });
    show();
    box.hidden = false;
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire); else wire();
})();
