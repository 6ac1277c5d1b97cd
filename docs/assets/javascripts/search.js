/* The search page (issue 13): Pagefind's search box and results in #ap-search.
   Loaded on every page (mkdocs.yml extra_javascript) but does nothing unless the page has
   #ap-search, so other pages download no search code and no index. Pagefind's files lie in
   pagefind/ at the root of the built site (of each version, under mike); the root is found from
   this script's own address (assets/javascripts/search.js), which works under any engine, URL
   style and version folder. Pagefind takes the language (Danish interface texts and stemming) from
   <html lang="da">. A result shows the initiative's status (data-pagefind-meta="Status" on the
   initiative page) as a tag. Opened from disk (file://) the browser cannot fetch the index:
   the page then shows how to serve it instead. */
(function () {
  "use strict";
  var mount = document.getElementById("ap-search");
  if (!mount) {
    return;
  }
  if (location.protocol === "file:") {
    document.getElementById("ap-search-offline").hidden = false;
    return;
  }
  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href);

  function load(url, done) {
    var tag = document.createElement("script");
    tag.src = url;
    tag.onload = done;
    document.head.appendChild(tag);
  }

  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = new URL("pagefind/pagefind-ui.css", root).href;
  document.head.appendChild(style);

  load(new URL("pagefind/pagefind-ui.js", root).href, function () {
    var ui = new window.PagefindUI({
      element: "#ap-search",
      bundlePath: new URL("pagefind/", root).href,
      baseUrl: root.pathname, /* result links: Pagefind stores them relative to the site root */
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      autofocus: !new URLSearchParams(location.search).get("q"),
    });
    /* Screen readers hear the number of results (Pagefind's message is not a live region). */
    var status = document.getElementById("ap-search-status");
    new MutationObserver(function () {
      var message = mount.querySelector(".pagefind-ui__message");
      var text = message ? message.textContent : "";
      if (status.textContent !== text) {
        status.textContent = text;
      }
    }).observe(mount, { childList: true, subtree: true, characterData: true });
    var query = new URLSearchParams(location.search).get("q");
    if (query) {
      ui.triggerSearch(query);
    }
  });
})();
