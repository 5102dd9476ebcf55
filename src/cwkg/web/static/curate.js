// The review page: words selected in the source text fill the forms "A claim from a
// selection" (the quote, and its place as Unicode code-point offsets, which is how cwkg
// counts) and "New entity" (the alias as written). Without this script the forms take
// the quote as typed and its occurrence. No library; nothing is sent anywhere.
(function () {
  "use strict";
  // a refused save: the summary of what was not saved takes the focus (read first, and
  // its link leads to the form), as GOV.UK's error summary does
  var refused = document.querySelector("[role=alert]");
  if (refused) { refused.setAttribute("tabindex", "-1"); refused.focus(); }
  var text = document.getElementById("source-text");
  if (!text) { return; }
  var start = document.getElementById("new-start");
  var end = document.getElementById("new-end");
  var quote = document.getElementById("new-quote");
  var alias = document.getElementById("ent-alias");
  var status = document.createElement("p");
  status.className = "muted selection-status";
  status.setAttribute("role", "status");
  text.parentNode.insertBefore(status, text.nextSibling);

  function codePoints(s) { return Array.from(s).length; }

  // the offset (code points) of a DOM position inside the text: each piece of the text
  // is an element holding only text, its start offset in data-at
  function offsetOf(node, offset) {
    if (node === text) {
      var child = text.childNodes[offset];
      if (!child) { return codePoints(text.textContent); }
      return child.nodeType === 1 ? parseInt(child.getAttribute("data-at"), 10) : null;
    }
    var piece = node.nodeType === 3 ? node.parentElement : node;
    while (piece && piece !== text && !piece.hasAttribute("data-at")) {
      piece = piece.parentElement;
    }
    if (!piece || piece === text) { return null; }
    var base = parseInt(piece.getAttribute("data-at"), 10);
    if (node.nodeType !== 3) {
      return offset === 0 ? base : base + codePoints(piece.textContent);
    }
    return base + codePoints(node.data.slice(0, offset));
  }

  function link(href, words) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = words;
    return a;
  }

  function selected() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) { return; }
    var a = offsetOf(range.startContainer, range.startOffset);
    var b = offsetOf(range.endContainer, range.endOffset);
    if (a === null || b === null || b <= a) { return; }
    var words = Array.from(text.textContent).slice(a, b).join("");
    start.value = String(a);
    end.value = String(b);
    quote.value = words;
    if (alias) { alias.value = words.trim(); }
    status.textContent = "Selected characters " + a + "\u2013" + b + ": ";
    status.appendChild(link("#new-claim", "make a claim from them"));
    status.appendChild(document.createTextNode(" or "));
    status.appendChild(link("#new-entity", "a new entity"));
    status.appendChild(document.createTextNode(" (the forms below now hold them)."));
  }

  text.addEventListener("mouseup", selected);
  text.addEventListener("keyup", selected);
  text.addEventListener("touchend", selected);
  // a quote typed by hand: the server finds it in the text (and its occurrence)
  quote.addEventListener("input", function () { start.value = ""; end.value = ""; });
}());
