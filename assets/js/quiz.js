// Taking a quiz (external, CSP-safe); the attempt page works without it.
//
// 1. Autosave. Each change of the form marked data-autosave is posted (the whole form,
// as the Save button sends it) with "Accept: application/json"; the status line says
// "Saving…", then "Saved" or that it failed. An attempt closed meanwhile reloads the page,
// which then shows the result.
// 2. The navigator ticks the questions answered and counts them.
// 3. The timer counts down to the deadline (data-deadline); at one minute and at zero it
// says so, and at zero the form is submitted as it stands.
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave]");
  if (!form) return;
  // Numbers in the page's digits (Arabic-Indic in Arabic), as the server writes them.
  var lang = document.documentElement.lang || "en";
  if (lang === "ar") lang = "ar-u-nu-arab";
  function num(n, two) {
    try {
      return new Intl.NumberFormat(lang, { minimumIntegerDigits: two ? 2 : 1, useGrouping: false }).format(n);
    } catch (e) {
      return (two && n < 10 ? "0" : "") + String(n);
    }
  }
  var status = document.getElementById("quiz-saved");
  var timer = null;
  var inFlight = false;
  var again = false;

  function say(key) {
    if (status) status.textContent = status.getAttribute("data-" + key) || "";
  }

  function answered(fieldset) {
    if (fieldset.getAttribute("data-kind") === "text") {
      var area = fieldset.querySelector("textarea");
      return !!(area && area.value.trim());
    }
    return !!fieldset.querySelector("input:checked");
  }

  function refreshNav() {
    var sets = form.querySelectorAll("fieldset[data-question]");
    var done = 0;
    Array.prototype.forEach.call(sets, function (set) {
      var yes = answered(set);
      if (yes) done += 1;
      var link = document.querySelector('.quiz-nav__link[data-question="' + set.getAttribute("data-question") + '"]');
      if (!link) return;
      link.classList.toggle("quiz-nav__link--answered", yes);
      var state = link.querySelector(".quiz-nav__state");
      if (state) state.textContent = state.getAttribute(yes ? "data-yes" : "data-no") || "";
    });
    var count = document.getElementById("quiz-answered");
    if (count && count.getAttribute("data-template")) {
      count.textContent = count.getAttribute("data-template")
        .replace("%done%", num(done)).replace("%total%", num(sets.length));
    }
  }

  function save() {
    if (inFlight) { again = true; return; }
    inFlight = true;
    say("saving");
    var body = new URLSearchParams(new FormData(form));
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString()
    }).then(function (res) {
      if (res.status === 409) { window.location.reload(); return; }
      say(res.ok ? "saved" : "failed");
    }).catch(function () {
      say("failed");
    }).then(function () {
      inFlight = false;
      if (again) { again = false; save(); }
    });
  }

  function later(delay) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  form.addEventListener("change", function () { refreshNav(); later(150); });
  form.addEventListener("input", function (e) {
    if (e.target && e.target.tagName === "TEXTAREA") { refreshNav(); later(1200); }
  });
  // The Save button saves in place; Submit goes as a normal form.
  form.addEventListener("submit", function (e) {
    var by = e.submitter;
    if (by && by.id === "quiz-save") { e.preventDefault(); save(); }
  });

  var box = document.getElementById("quiz-timer");
  if (!box) return;
  var deadline = Date.parse(box.getAttribute("data-deadline"));
  var value = document.getElementById("quiz-time-left");
  var alertBox = document.getElementById("quiz-timer-alert");
  var warned = false;
  var ended = false;
  function tick() {
    var left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    var h = Math.floor(left / 3600);
    var m = Math.floor((left % 3600) / 60);
    var s = left % 60;
    if (value) value.textContent = (h > 0 ? num(h) + ":" + num(m, true) : num(m)) + ":" + num(s, true);
    box.classList.toggle("quiz-timer--low", left <= 60);
    if (left <= 60 && !warned) {
      warned = true;
      if (alertBox) alertBox.textContent = alertBox.getAttribute("data-warn") || "";
    }
    if (left === 0 && !ended) {
      ended = true;
      var submit = document.getElementById("quiz-submit");
      if (submit) submit.click();
    }
  }
  tick();
  setInterval(tick, 1000);
})();
