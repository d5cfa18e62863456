// sampark: the few things a page does in the browser. Everything also works
// without JavaScript (the type filter falls back to a form submit).
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Filter the facts table and timeline by type without a reload.
  function applyFilters() {
    var select = document.getElementById("type-filter");
    var text = document.getElementById("text-filter");
    var type = select ? select.value : "";
    var needle = text ? text.value.trim().toLowerCase() : "";
    document.querySelectorAll("#timeline li").forEach(function (el) {
      var okType = !type || el.getAttribute("data-type") === type;
      var okText = !needle || el.textContent.toLowerCase().indexOf(needle) !== -1;
      el.classList.toggle("filtered", !(okType && okText));
    });
    document.querySelectorAll("#timeline .year").forEach(function (year) {
      year.hidden = !year.querySelector("li:not(.filtered)");
    });
  }
  var select = document.getElementById("type-filter");
  if (select) {
    select.addEventListener("change", function () {
      applyFilters();
      // keep the address shareable: ?type= as the server reads it
      var url = new URL(window.location.href);
      if (select.value) { url.searchParams.set("type", select.value); } else { url.searchParams.delete("type"); }
      window.history.replaceState(null, "", url);
    });
  }
  var text = document.getElementById("text-filter");
  if (text) { text.addEventListener("input", applyFilters); }

  // On a document page, hovering a highlighted span lights up its facts and back.
  function light(ids, on) {
    ids.forEach(function (id) {
      var li = document.getElementById("fact-" + id);
      if (li) { li.classList.toggle("active", on); }
      document.querySelectorAll("mark[data-facts]").forEach(function (m) {
        if (m.getAttribute("data-facts").split(" ").indexOf(id) !== -1) { m.classList.toggle("active", on); }
      });
    });
  }
  document.querySelectorAll(".doctext mark[data-facts]").forEach(function (m) {
    var ids = m.getAttribute("data-facts").split(" ");
    m.addEventListener("mouseenter", function () { light(ids, true); });
    m.addEventListener("mouseleave", function () { light(ids, false); });
  });
  document.querySelectorAll(".docfacts li[id^='fact-']").forEach(function (li) {
    var ids = [li.id.slice(5)];
    li.addEventListener("mouseenter", function () { light(ids, true); });
    li.addEventListener("mouseleave", function () { light(ids, false); });
  });
}());
