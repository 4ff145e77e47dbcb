// Livrables admin pages: the programme picker changes page; export rows poll their progress.
(function () {
  "use strict";
  document.querySelectorAll("[data-programme-picker]").forEach(function (select) {
    select.addEventListener("change", function () {
      var url = window.location.pathname.replace(/\/\d+\/$/, "/" + select.value + "/");
      window.location.assign(url);
    });
  });
  function poll(cell) {
    fetch(cell.dataset.exportStatus, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        if (job.url) {
          cell.innerHTML = "";
          var link = document.createElement("a");
          link.href = job.url;
          link.setAttribute("download", "");
          link.textContent = "Télécharger";
          cell.appendChild(link);
        } else if (job.status === "echec") {
          window.location.reload(); // the reason and the « Relancer » button
        } else {
          var bar = cell.querySelector("progress");
          if (bar) { bar.max = job.parts_total || 1; bar.value = job.parts_done; }
          var label = cell.querySelector("span");
          if (label) {
            var line = job.label;
            if (job.parts_total) { line += " — " + job.parts_done + " / " + job.parts_total + " " + cell.dataset.filesLabel; }
            if (job.assembling) { line += " — " + cell.dataset.assemblingLabel; }
            label.textContent = line;
          }
          window.setTimeout(function () { poll(cell); }, 1500);
        }
      });
  }
  document.querySelectorAll("[data-export-status]").forEach(function (cell) {
    if (!cell.dataset.done) { poll(cell); }
  });
})();
