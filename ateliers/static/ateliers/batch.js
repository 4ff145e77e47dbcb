// A certificate batch: the progress bar follows the parts on the task queue until the PDF can be
// downloaded. Loaded with `defer` and started once the page is parsed: the #batch block must exist.
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("batch");
    if (!box || box.dataset.finished) { return; }
    var bar = document.getElementById("batch-progress"), text = document.getElementById("batch-text");
    var download = document.getElementById("batch-download"), error = document.getElementById("batch-error");
    var empty = document.getElementById("batch-empty");
    function show(s) {
      bar.max = s.total || 1; bar.value = s.done;
      var line = s.label + " — " + s.done + " / " + s.total + " " + box.dataset.certificatesLabel;
      if (s.parts_total) { line += " (" + s.parts_done + " / " + s.parts_total + " " + box.dataset.partsLabel + ")"; }
      if (s.status === "en_cours" && s.parts_total && s.parts_done === s.parts_total) { line += " — " + box.dataset.layoutLabel; }
      text.textContent = line;
    }
    function poll() {
      fetch(box.dataset.statusUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (s) {
        show(s);
        if (s.download) { download.hidden = false; download.querySelector("a").href = s.download; return; }
        if (s.empty) { empty.hidden = false; bar.max = 1; bar.value = 1; return; }
        if (s.status === "echec") { error.hidden = false; error.textContent = s.error; window.location.reload(); return; }
        window.setTimeout(poll, 1000);
      }).catch(function () { window.setTimeout(poll, 3000); });
    }
    poll();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
