// Small enhancements for every page; everything works without them.
//   form[data-confirm]     ask before submitting (Finish & grade)
//   form[data-busy-label]  disable the button and relabel it while the server works
//   [data-copy="#sel"]     copy the value of the element #sel to the clipboard
//   [data-print]           open the print dialog
//   .js-only               shown only when this script runs
(function () {
  "use strict";

  document.querySelectorAll(".js-only").forEach(function (el) {
    el.hidden = false;
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    var label = form.getAttribute("data-busy-label");
    if (label) {
      var button = event.submitter || form.querySelector("button[type=submit], button:not([type])");
      if (button) {
        // Disable after the browser has captured the submission.
        window.setTimeout(function () {
          button.disabled = true;
          button.textContent = label;
        }, 0);
      }
    }
  });

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var copy = target.closest("[data-copy]");
    if (copy) {
      var source = document.querySelector(copy.getAttribute("data-copy"));
      if (!source) return;
      var text = source.value || source.textContent || "";
      var done = function () {
        var before = copy.textContent;
        copy.textContent = "Copied";
        window.setTimeout(function () { copy.textContent = before; }, 1500);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () {
          source.select();
        });
      } else if (source.select) {
        source.select();
        document.execCommand("copy");
        done();
      }
      return;
    }
    if (target.closest("[data-print]")) window.print();
  });
})();
