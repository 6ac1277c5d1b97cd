/* Grid filters. Without JavaScript every card is shown and the form stays hidden.
   With it, the form appears, filtering hides cards, and the URL keeps the choice
   (?status=yellow&opmaerksomhed=ja&maal=m2) so a filtered view can be shared.
   A value in the URL that the page does not offer is not silently dropped: the reader is told.
   An empty result says why and how to get back. */
(function () {
  "use strict";
  var KNOWN_LABELS = { status: "Status", opmaerksomhed: "Opmærksomhed", maalgruppe: "Målgruppe", maal: "Målsætning" };
  function setup(form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-ap-cards] > li"));
    var count = document.querySelector("[data-ap-count]");
    var empty = document.querySelector("[data-ap-empty]");
    var message = document.querySelector("[data-ap-message]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var params = new URLSearchParams(window.location.search);
    var notUnderstood = [];
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (!wanted) { return; }
      if (select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      } else {
        notUnderstood.push((KNOWN_LABELS[select.name] || select.name) + " = «" + wanted + "»");
      }
    });
    params.forEach(function (value, name) {
      if (KNOWN_LABELS[name] && !form.querySelector('select[name="' + CSS.escape(name) + '"]')) {
        var reason = form.querySelector('[data-ap-unavailable="' + CSS.escape(name) + '"]');
        notUnderstood.push(KNOWN_LABELS[name] + " = «" + value + "»" + (reason ? " (" + reason.textContent + ")" : ""));
      }
    });
    if (notUnderstood.length) {
      message.textContent = "Filteret i adressen blev ikke forstået og er ikke brugt: " + notUnderstood.join("; ") + ". Vælg i felterne nedenfor.";
      message.hidden = false;
    }
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
      empty.hidden = shown !== 0;
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
