// The attendance grid: one tap records a mark without reloading the page.
// Progressive enhancement: without JavaScript each button posts its form and the page reloads.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("form[data-attendance] button[name=status]");
    if (!button) { return; }
    event.preventDefault();
    var form = button.form, cell = form.parentElement, data = new FormData(form);
    data.append("status", button.value);
    cell.classList.add("saving");
    fetch(window.location.pathname, {method: "POST", body: data, headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) { return response.json().then(function (json) { return {ok: response.ok, json: json}; }); })
      .then(function (result) {
        cell.classList.remove("saving");
        if (!result.ok) { window.alert(result.json.errors.join("\n")); return; }
        form.querySelectorAll("button[name=status]").forEach(function (b) { b.setAttribute("aria-pressed", b.value === result.json.status ? "true" : "false"); });
        document.getElementById("att-status").textContent = button.getAttribute("aria-label");
      })
      .catch(function () { cell.classList.remove("saving"); form.submit(); });
  });
})();
