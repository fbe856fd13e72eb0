// spil agenda: keeps the keyboard focus on a move button after htmx redraws
// the view, and lets a mouse drag an item to another time or day. Every move
// also works with the buttons alone, and without this script.
(function () {
  var lastFocus = null;
  document.addEventListener("htmx:beforeRequest", function () {
    var el = document.activeElement;
    lastFocus = el && el.id ? el.id : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!lastFocus) {
      return;
    }
    var el = document.getElementById(lastFocus) || document.getElementById("agenda-status");
    if (el) {
      if (el.id === "agenda-status") {
        el.setAttribute("tabindex", "-1");
      }
      el.focus();
    }
    lastFocus = null;
  });

  var drag = null;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  document.addEventListener("dragstart", function (e) {
    var ev = e.target.closest ? e.target.closest("[data-move]") : null;
    if (!ev) {
      return;
    }
    drag = { el: ev, url: ev.getAttribute("data-move"), occ: ev.getAttribute("data-occ") };
    ev.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", ev.id);
  });
  document.addEventListener("dragend", function () {
    if (drag) {
      drag.el.classList.remove("dragging");
    }
    document.querySelectorAll(".drop-target").forEach(function (c) { c.classList.remove("drop-target"); });
  });
  function column(e) {
    return e.target.closest ? e.target.closest(".dcol[data-date]") : null;
  }
  document.addEventListener("dragover", function (e) {
    var col = column(e);
    if (drag && col) {
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
      document.querySelectorAll(".drop-target").forEach(function (c) { if (c !== col) { c.classList.remove("drop-target"); } });
      col.classList.add("drop-target");
    }
  });
  document.addEventListener("drop", function (e) {
    var col = column(e);
    if (!drag || !col || !window.htmx) {
      return;
    }
    e.preventDefault();
    var grid = col.closest("[data-from]");
    var from = parseInt(grid.getAttribute("data-from"), 10);
    var rows = parseInt(grid.getAttribute("data-rows"), 10);
    var rect = col.getBoundingClientRect();
    var row = Math.max(0, Math.min(rows - 1, Math.floor((e.clientY - rect.top) / (rect.height / rows))));
    var minutes = from + row * 15;
    var start = col.getAttribute("data-date") + "T" + pad(Math.floor(minutes / 60)) + ":" + pad(minutes % 60);
    var values = { occ: drag.occ, start: start, back: grid.getAttribute("data-back") };
    window.htmx.ajax("POST", drag.url, { target: "#agenda-view", select: "#agenda-view", swap: "outerHTML", values: values });
    drag = null;
  });
})();
