// A certificate batch: the progress bar follows the task until the PDF can be downloaded.
(function () {
  "use strict";
  var box = document.getElementById("batch");
  if (!box || box.dataset.finished) { return; }
  var bar = document.getElementById("batch-progress");
  var text = document.getElementById("batch-text"), download = document.getElementById("batch-download");
  function poll() {
    fetch(box.dataset.statusUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (s) {
      bar.max = s.total || 1; bar.value = s.done;
      text.textContent = s.label + " — " + s.done + " / " + s.total + (s.status === "en_cours" && s.done === s.total && s.total ? " — " + box.dataset.layoutLabel : "");
      if (s.download) { download.hidden = false; download.querySelector("a").href = s.download; return; }
      if (s.status === "echec") { text.textContent = s.label + " : " + s.error; return; }
      window.setTimeout(poll, 1000);
    });
  }
  poll();
})();
