/* Danish inflections in Material's search.
   Material's search worker keeps only results whose words start with the query as typed, so a
   stemmed index ("udeblivels") never matches a typed inflection ("udeblivelserne*"). The index
   therefore holds whole words (mkdocs.yml: pipeline without stemmer), and this script sends the
   worker the Danish Snowball stem of each typed word instead: "udeblivelsen" becomes
   "udeblivels", which finds "udeblivelser" and "udeblivelserne". The input box keeps what the
   reader typed. Without JavaScript there is no search, so nothing is lost. */
(function () {
  "use strict";
  var lunr = window.lunr;
  if (!window.Worker || !lunr || !lunr.da || typeof lunr.da.stemmer !== "function") {
    return;
  }
  var SEARCH_QUERY = 2; /* Material's worker message for a query: {type: 2, data: "…"} */
  function stemWord(word) {
    if (word.length < 5 || /[+\-:*~^"]/.test(word)) {
      return word; /* short words and Lunr query syntax stay as typed */
    }
    var stem = lunr.da.stemmer(word.toLowerCase());
    return typeof stem === "string" && stem.length >= 4 ? stem : word;
  }
  function stemQuery(query) {
    return query.split(/(\s+)/).map(stemWord).join("");
  }
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === SEARCH_QUERY && typeof message.data === "string") {
      args[0] = { type: message.type, data: stemQuery(message.data) };
    }
    return post.apply(this, args);
  };
})();
