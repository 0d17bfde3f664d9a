// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Sector picker: filter the NACE divisions by code or label in any of the
  // three languages while typing. The labels in all languages come from a
  // cached index fetched on first use; until it arrives, the code and the
  // label on the page are searched.
  var input = document.querySelector("[data-sector-filter]");
  if (input) {
    var box = input.closest(".sector-filter");
    if (box) box.hidden = false;
    var index = null, loading = false;
    var load = function () {
      if (loading || !window.fetch) return;
      loading = true;
      fetch(input.getAttribute("data-sector-index")).then(function (r) {
        return r.ok ? r.json() : null;
      }).then(function (j) {
        if (j) { index = j; filter(); }
      }).catch(function () {});
    };
    var filter = function () {
      var q = input.value.trim().toLowerCase();
      document.querySelectorAll(".sector-list label").forEach(function (l) {
        var box = l.querySelector("input");
        var text = (index && index[box.value]) || l.textContent.toLowerCase();
        l.hidden = q !== "" && !box.checked && text.indexOf(q) < 0;
      });
      document.querySelectorAll(".sector-list [data-section]").forEach(function (g) {
        g.hidden = g.querySelectorAll("label:not([hidden])").length === 0;
      });
    };
    input.addEventListener("focus", load);
    input.addEventListener("input", function () { load(); filter(); });
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
