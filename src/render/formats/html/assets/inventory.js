"use strict";
// Filtering and sorting for the inventory table; no libraries, no network.
(function () {
  var table = document.getElementById("inventory");
  var input = document.getElementById("filter");
  var count = document.getElementById("row-count");
  if (!table || !input || !count) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows).filter(function (r) {
    return !r.classList.contains("empty-row");
  });
  rows.forEach(function (r) { r.dataset.text = r.textContent.toLowerCase(); });

  function applyFilter() {
    var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (r) {
      var keep = terms.every(function (t) { return r.dataset.text.indexOf(t) !== -1; });
      r.hidden = !keep;
      if (keep) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " rows";
  }
  input.addEventListener("input", applyFilter);

  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function sortBy(index) {
    var th = headers[index];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
    rows.sort(function (a, b) {
      var x = a.cells[index].textContent.trim();
      var y = b.cells[index].textContent.trim();
      return ascending ? collator.compare(x, y) : collator.compare(y, x);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  headers.forEach(function (th, i) {
    th.addEventListener("click", function () { sortBy(i); });
    th.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(i); }
    });
  });
  applyFilter();
})();
