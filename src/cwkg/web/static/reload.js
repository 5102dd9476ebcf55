// A page that says what it shows is still being made (a stored question being asked, the
// findings while validation runs) reloads itself until it is there: the element marked
// data-reload-after gives the seconds. Without scripts, its "reload" link does the same.
(function () {
  "use strict";
  var marked = document.querySelector("[data-reload-after]");
  if (marked) {
    var seconds = Number(marked.getAttribute("data-reload-after")) || 5;
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }
})();
