// Live SMS counter of the campaign and reminder forms: characters, encoding (GSM-7 or UCS-2),
// segments per message with the longest first name, the characters that force UCS-2 (with a button
// that replaces them in the text, before saving) and, for a campaign, the total against the month's
// budget. The alphabet, limits and replacements come from alertes/gsm.py through data- attributes;
// the recipients' first names from the campaign's JSON (alertes.views.campaigns.campaign_recipients_json).
// The counting functions are also loaded by tests/alertes/test_counter.py (node) to check they agree
// with the server's.
(function (root) {
  "use strict";

  function alphabet(data) {
    var limits = data.limits.split(",").map(Number);
    return {
      basic: new Set(Array.from(JSON.parse(data.basic))),
      extension: new Set(Array.from(JSON.parse(data.extension))),
      replacements: JSON.parse(data.replacements),
      single: limits[0], multi: limits[1], singleUcs2: limits[2], multiUcs2: limits[3]
    };
  }

  function isGsm(ch, a) { return a.basic.has(ch) || a.extension.has(ch); }

  function replacement(ch, a) {
    if (Object.prototype.hasOwnProperty.call(a.replacements, ch)) { return a.replacements[ch]; }
    var bare = ch.normalize("NFKD").replace(/\p{Mn}/gu, "");
    return bare && Array.from(bare).every(function (c) { return isGsm(c, a); }) ? bare : "";
  }

  // Same result as alertes.gsm.sms_length: {encoding, units, segments, outside: [[char, replacement]]}.
  function smsLength(text, a) {
    var units = 0, outside = [], seen = new Set();
    Array.from(text || "").forEach(function (ch) {
      if (a.basic.has(ch)) { units += 1; } else if (a.extension.has(ch)) { units += 2; } else if (!seen.has(ch)) {
        seen.add(ch);
        outside.push([ch, replacement(ch, a)]);
      }
    });
    if (!outside.length) {
      return {encoding: "GSM-7", units: units, segments: units === 0 ? 0 : (units <= a.single ? 1 : Math.ceil(units / a.multi)), outside: []};
    }
    units = (text || "").length;  // UTF-16 code units
    return {encoding: "UCS-2", units: units, segments: units <= a.singleUcs2 ? 1 : Math.ceil(units / a.multiUcs2), outside: outside};
  }

  // Same result as alertes.gsm.to_gsm7.
  function toGsm7(text, a) {
    var out = Array.from(text || "").map(function (ch) { return isGsm(ch, a) ? ch : (replacement(ch, a) || "\u0000"); }).join("");
    return out.replace(/( ?)\u0000+( ?)/g, function (match, before, after, offset, whole) {
      var end = offset + match.length;
      if (offset === 0 || whole[offset - 1] === "\n" || end === whole.length || whole[end] === "\n") { return ""; }
      return before || after;
    });
  }

  function personalise(text, firstName, data) {
    var out = (text || "").split(data.placeholder).join(firstName || "");
    return data.dateSample ? out.split("{date}").join(data.dateSample) : out;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, key) { return key in values ? values[key] : m; });
  }

  function setup(counter) {
    var data = counter.dataset, a = alphabet(data);
    var textarea = document.getElementById(data.for);
    if (!textarea) { return; }
    var form = textarea.form, names = null, budget = null, timer = null;
    var line = counter.querySelector("[data-line]"), chars = counter.querySelector("[data-outside]");
    var total = counter.querySelector("[data-total]"), button = counter.querySelector("[data-replace]");
    textarea.closest("div").appendChild(counter);
    counter.hidden = false;

    function longest() {
      var name = data.firstName;
      (names || []).forEach(function (pair) { if (pair[0].length > name.length) { name = pair[0]; } });
      return name;
    }

    function update() {
      // A browser sends a textarea's line breaks as CR LF: the server counts them so.
      var text = textarea.value.replace(/\r?\n/g, "\r\n").trim(), name = longest();
      var length = smsLength(personalise(text, name, data), a);
      line.textContent = format(data.textLine, {chars: Array.from(text).length, encoding: length.encoding, units: length.units, segments: length.segments, name: name});
      line.classList.toggle("over", length.segments > Number(data.maxSegments));
      chars.textContent = length.outside.length ? format(data.textOutside, {chars: length.outside.map(function (pair) {
        return "« " + pair[0] + " » → " + (pair[1] ? "« " + pair[1] + " »" : data.textRemoved);
      }).join(", ")}) : "";
      button.hidden = !length.outside.length;
      if (!total) { return; }
      if (names === null) { total.textContent = ""; return; }
      var segments = 0, people = 0;
      names.forEach(function (pair) { segments += pair[1] * smsLength(personalise(text, pair[0], data), a).segments; people += pair[1]; });
      var values = {segments: segments, people: people, used: budget.used, after: budget.used + segments, budget: budget.budget};
      total.textContent = format(budget.budget ? data.textBudget : data.textTotal, values);
      total.classList.toggle("over", Boolean(budget.budget) && values.after > budget.budget);
    }

    function refresh() {
      if (!total) { return; }
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (["groups", "members", "channel", "scheduled_at", "send_mode"].indexOf(key) >= 0) { params.append(key, value); }
      });
      fetch(data.recipientsUrl + (data.recipientsUrl.indexOf("?") < 0 ? "?" : "&") + params.toString(), {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
        .then(function (json) { names = json.first_names; budget = json; update(); })
        .catch(function () { names = null; update(); });
    }

    textarea.addEventListener("input", update);
    form.addEventListener("change", function (event) {
      if (event.target !== textarea) { window.clearTimeout(timer); timer = window.setTimeout(refresh, 250); }
    });
    button.addEventListener("click", function () {
      textarea.value = toGsm7(textarea.value, a);
      update();
      textarea.focus();
    });
    update();
    refresh();
  }

  var api = {alphabet: alphabet, smsLength: smsLength, toGsm7: toGsm7, personalise: personalise};
  if (typeof module !== "undefined" && module.exports) { module.exports = api; return; }
  root.document.querySelectorAll("[data-sms-counter]").forEach(setup);
})(typeof window !== "undefined" ? window : this);
