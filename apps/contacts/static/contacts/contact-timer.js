// Progressive enhancement for "Log a contact": counts the seconds since the page loaded into
// the duration field, on top of whatever it already held. Typing in the field stops the count,
// so the advisor's own figure always wins. Without JavaScript the field is simply typed in.
(function () {
  "use strict";
  var field = document.querySelector("[data-contact-timer]");
  if (!field) {
    return;
  }
  var base = parseInt(field.value, 10) || 0;
  var loaded = Date.now();
  var edited = false;
  field.addEventListener("input", function () {
    edited = true;
  });
  function tick() {
    if (edited) {
      return;
    }
    field.value = String(base + Math.round((Date.now() - loaded) / 1000));
  }
  tick();
  var timer = window.setInterval(tick, 1000);
  var form = field.form;
  if (form) {
    form.addEventListener("submit", function () {
      tick();
      window.clearInterval(timer);
    });
  }
})();
