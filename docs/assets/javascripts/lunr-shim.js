/* The page (unlike the search worker) has no Lunr. Lunr's Danish language file only needs these
   two functions to define its Snowball stemmer, which search-da.js uses. */
window.lunr = window.lunr || {
  Pipeline: { registerFunction: function () {} },
  generateStopWordFilter: function () { return function (token) { return token; }; }
};
