// The static site's search: the same folding as cwkg/web/search.py (NFKC, lower case,
// Arabic diacritics and tatweel removed, alef forms to ا, ة to ه, ى to ي), run over the
// index in search-index.js. Results are built with textContent: nothing from the data is
// ever parsed as HTML.
(function () {
  "use strict";
  var BASE = "https://w3id.org/cwkg/";
  var MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
  var LETTERS = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
                 "\u0629": "\u0647", "\u0649": "\u064a"};
  function fold(text) {
    text = text.normalize("NFKC").toLowerCase().replace(/\u00df/g, "ss").replace(MARKS, "");
    text = text.replace(/[\u0623\u0625\u0622\u0671\u0629\u0649]/g, function (c) { return LETTERS[c]; });
    return text.split(/\s+/).filter(Boolean).join(" ");
  }
  function pageOf(iri) {
    return iri.indexOf(BASE) === 0 ? iri.slice(BASE.length) + ".html" : null;
  }
  function el(name, text, attrs) {
    var node = document.createElement(name);
    if (text) { node.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function run() {
    var out = document.getElementById("static-results");
    if (!out || !window.CWKG_SEARCH) { return; }
    var query = new URLSearchParams(window.location.search).get("q") || "";
    var input = document.getElementById("q");
    if (input) { input.value = query; }
    var words = fold(query).split(" ").filter(Boolean);
    if (!words.length) { return; }
    var order = {label: 0, alias: 1, quote: 2};
    var hits = window.CWKG_SEARCH.filter(function (row) {
      return words.every(function (w) { return row[5].indexOf(w) !== -1; });
    });
    hits.sort(function (a, b) { return order[a[4]] - order[b[4]]; });
    var heading = el("h2", hits.length + (hits.length === 1 ? " result" : " results") + " for ");
    var asked = el("q");
    asked.appendChild(el("bdi", query));
    heading.appendChild(asked);
    out.appendChild(heading);
    var list = el("ol", "", {"class": "hits"});
    hits.slice(0, 200).forEach(function (row) {
      var item = el("li");
      var href = pageOf(row[1]);
      if (row[0] === "entity") {
        var name = (window.CWKG_NAMES || {})[row[1]] || row[1];
        var link = el("a", "", {href: href});
        link.appendChild(el("bdi", name));
        item.appendChild(link);
        var note = el("span", " (" + row[4] + ": ", {"class": "muted"});
        note.appendChild(el("bdi", row[2], {lang: row[3]}));
        note.appendChild(document.createTextNode(")"));
        item.appendChild(note);
      } else {
        var quote = el("a", "", {href: href, "class": "quote"});
        var words = el("q");
        words.appendChild(el("bdi", row[2], {lang: row[3]}));
        quote.appendChild(words);
        item.appendChild(quote);
        item.appendChild(el("span", " claim " + row[1].slice(row[1].lastIndexOf("/") + 1), {"class": "muted"}));
      }
      list.appendChild(item);
    });
    out.appendChild(list);
    if (hits.length > 200) { out.appendChild(el("p", "The first 200 are shown.")); }
  }
  document.addEventListener("DOMContentLoaded", run);
})();
