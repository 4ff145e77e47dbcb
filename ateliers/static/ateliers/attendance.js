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

  // A walk-in whose structure already has its maximum of people: ask for a confirmation and a reason
  // before the form is sent (the server refuses it without them too).
  function setUpWalkIn() {
  var walkIn = document.querySelector("form[data-walk-in]");
  var limitData = document.getElementById("att-structure-limit");
  if (!walkIn || !limitData) { return; }
  var limit = JSON.parse(limitData.textContent);
  var fieldset = walkIn.querySelector("[data-over-limit]");
  var message = walkIn.querySelector("[data-over-limit-message]");
  var structure = walkIn.elements.structure, confirm = walkIn.elements.confirm_over_limit, reason = walkIn.elements.over_limit_reason;
  function atLimit() {
    if (limit.max === null || !structure.value) { return false; }
    return (limit.counts[structure.value] || 0) >= limit.max;
  }
  function update() {
    var over = atLimit() || confirm.checked || reason.value.trim() !== "";
    fieldset.hidden = !over;
    confirm.required = atLimit();
    reason.required = atLimit();
    if (atLimit()) {
      var name = structure.options[structure.selectedIndex].text, count = limit.counts[structure.value] || 0;
      message.textContent = message.dataset.template.replace("{structure}", name).replace("{count}", count).replace("{max}", limit.max);
    }
  }
  structure.addEventListener("change", update);
  walkIn.addEventListener("submit", function (event) {
    if (atLimit() && (!confirm.checked || reason.value.trim() === "")) {
      event.preventDefault();
      update();
      (confirm.checked ? reason : confirm).focus();
    }
  });
  update();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setUpWalkIn); } else { setUpWalkIn(); }
})();
