// Member pickers of the Alertes SMS forms (alertes/pickers.py): the search input becomes a combobox
// whose list box is filled while typing from the structure's JSON search (at most 20 members).
// Keyboard: Down/Up move in the list, Enter chooses, Escape closes. Choosing checks the member in the
// list of choices below (a radio button for one member, a check box for several).
// Without JavaScript the « Chercher » button posts the form back with the matches.
(function () {
  "use strict";

  function setup(picker) {
    var input = document.getElementById(picker.dataset.inputId + "_recherche");
    var list = document.getElementById(picker.dataset.inputId + "_resultats");
    var status = picker.querySelector(".member-picker-status");
    var choices = picker.querySelector("[data-choices]");
    var multiple = picker.hasAttribute("data-multiple");
    var timer = null, controller = null, active = -1, results = [];

    function say(text) { status.textContent = text; }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) { return; }
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({block: "nearest"});
    }

    function render(data) {
      results = data.results;
      list.textContent = "";
      results.forEach(function (member, i) {
        var item = document.createElement("li");
        item.id = list.id + "_" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = member.label;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(item);
      });
      if (!results.length) { close(); say(picker.dataset.textNone); return; }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      say(data.more ? picker.dataset.textMore : picker.dataset.textFound.replace("{n}", results.length));
    }

    function choose(index) {
      var member = results[index];
      if (!member) { return; }
      var value = String(member.id), existing = null;
      choices.querySelectorAll("input").forEach(function (box) {
        if (box.value === value) { existing = box; }
      });
      if (!existing) {
        var row = document.createElement("div"), label = document.createElement("label");
        existing = document.createElement("input");
        existing.type = multiple ? "checkbox" : "radio";
        existing.name = picker.dataset.name;
        existing.value = value;
        existing.id = picker.dataset.inputId + "_choisi_" + value;
        label.htmlFor = existing.id;
        label.appendChild(existing);
        label.appendChild(document.createTextNode(" " + member.label));
        row.appendChild(label);
        choices.insertBefore(row, multiple ? null : choices.firstChild);
      }
      existing.checked = true;
      existing.dispatchEvent(new Event("change", {bubbles: true}));
      input.value = "";
      close();
      say(picker.dataset.textChosen.replace("{label}", member.label));
    }

    function search() {
      var text = input.value.trim();
      if (controller) { controller.abort(); }
      if (!text) { close(); say(""); return; }
      controller = new AbortController();
      var url = picker.dataset.searchUrl + (picker.dataset.searchUrl.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(text);
      fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}, signal: controller.signal})
        .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
        .then(render)
        .catch(function (error) { if (error.name !== "AbortError") { close(); } });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden && results.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        event.preventDefault();  // never submits the form from the search input
        if (!list.hidden && active >= 0) { choose(active); } else { window.clearTimeout(timer); search(); }
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  document.querySelectorAll("[data-member-picker]").forEach(setup);
})();
