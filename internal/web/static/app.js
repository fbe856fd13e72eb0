// spil's small script: progressive enhancements only; every page works without it.
document.addEventListener("change", function (e) {
  var el = e.target;
  if (el.matches && el.matches("[data-autosubmit]") && el.form) {
    el.form.requestSubmit();
  }
});
document.addEventListener("click", function (e) {
  var el = e.target.closest ? e.target.closest("[data-confirm]") : null;
  if (el && !window.confirm(el.getAttribute("data-confirm"))) {
    e.preventDefault();
  }
});
document.addEventListener("click", function (e) {
  var el = e.target.closest ? e.target.closest("[data-copy]") : null;
  if (el && navigator.clipboard) {
    var src = document.getElementById(el.getAttribute("data-copy"));
    if (src) {
      navigator.clipboard.writeText(src.textContent.trim()).then(function () {
        var done = el.getAttribute("data-copied");
        if (done) {
          var label = el.textContent;
          el.textContent = done;
          setTimeout(function () { el.textContent = label; }, 2000);
        }
      });
    }
  }
});
