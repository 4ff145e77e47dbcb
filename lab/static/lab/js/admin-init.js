// Wagtail's admin without inline scripts (lab/infra/csp.py). Each <template data-lab-init="name"
// data-lab-args="[…]"> stands for the <script> Wagtail would have written: name(…args), or
// new name(…args) with data-lab-new. Only Wagtail's own initialisers may be called.
(function () {
  "use strict";
  var ALLOWED = [
    "initDateChooser", "initTimeChooser", "initDateTimeChooser",
    "InlinePanel", "MultipleChooserPanel",
    "Chooser", "PageChooser", "ImageChooser", "DocumentChooser", "SnippetChooser", "createTaskChooser",
  ];
  var done = new WeakSet();

  function run(element) {
    if (done.has(element)) { return; }
    done.add(element);
    var name = element.dataset.labInit, target = window[name];
    if (ALLOWED.indexOf(name) === -1 || typeof target !== "function") {
      window.console.error("admin-init: refused to call " + name);
      return;
    }
    var args = JSON.parse(element.dataset.labArgs);
    if (element.hasAttribute("data-lab-new")) {
      new (Function.prototype.bind.apply(target, [null].concat(args)))();
    } else {
      target.apply(window, args);
    }
  }

  function scan(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) { return; }
    if (node.matches("template[data-lab-init]")) { run(node); }
    node.querySelectorAll("template[data-lab-init]").forEach(run);
  }

  function start() {
    scan(document.body);
    // Forms inserted later: a new inline panel child, the content of a chooser's modal.
    new MutationObserver(function (records) {
      records.forEach(function (record) { record.addedNodes.forEach(scan); });
    }).observe(document.body, {childList: true, subtree: true});
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
