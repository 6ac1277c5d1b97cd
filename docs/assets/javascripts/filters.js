/* Grid filters. Without JavaScript every card is shown and the form stays hidden.
   With it, the form appears, filtering hides cards, and the URL keeps the choice
   (?status=yellow&maalgruppe=patienter&maal=m2) so a filtered view can be shared. */
(function () {
  "use strict";
  function setup(form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-ap-cards] > li"));
    var count = document.querySelector("[data-ap-count]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      }
    });
    function apply() {
      var shown = 0;
      var query = new URLSearchParams(window.location.search);
      cards.forEach(function (card) {
        var visible = selects.every(function (select) {
          if (!select.value) { return true; }
          return (card.getAttribute("data-" + select.name) || "").split(" ").indexOf(select.value) !== -1;
        });
        card.hidden = !visible;
        if (visible) { shown += 1; }
      });
      selects.forEach(function (select) {
        if (select.value) { query.set(select.name, select.value); } else { query.delete(select.name); }
      });
      var search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      count.textContent = shown === cards.length
        ? "Viser alle " + cards.length + "."
        : "Viser " + shown + " af " + cards.length + ".";
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }
  function init() {
    var form = document.querySelector("[data-ap-filters]");
    if (form) { setup(form); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
