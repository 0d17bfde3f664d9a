// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Sector picker: filter the NACE divisions by code or label in any of the
  // three languages while typing.
  var input = document.querySelector("[data-sector-filter]");
  if (input) {
    var box = input.closest(".sector-filter");
    if (box) box.hidden = false;
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      document.querySelectorAll(".sector-list label[data-search]").forEach(function (l) {
        var checked = l.querySelector("input").checked;
        l.hidden = q !== "" && !checked && l.getAttribute("data-search").indexOf(q) < 0;
      });
      document.querySelectorAll(".sector-list [data-section]").forEach(function (g) {
        g.hidden = g.querySelectorAll("label:not([hidden])").length === 0;
      });
    });
  }
  // Error summary: a link moves the focus to its field (or the first control
  // of its group), not only the scroll position.
  document.querySelectorAll(".error-summary a[href^='#']").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      var target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      var field = target && (target.matches("input, select, textarea") ? target :
        target.querySelector("input:not([type=hidden]), select, textarea"));
      if (!field) return;
      ev.preventDefault();
      field.focus();
    });
  });
})();
