// The grading view's "Save and next" without a full page load (no inline script, CSP-safe).
// The form is posted with fetch; the answer (after its redirect: the next ungraded
// submission, the list when none is left, or this one with its field errors) takes the place
// of the main region, and the address bar follows it with history.pushState. Without
// JavaScript, or when anything fails, the form posts as usual.
(function () {
  "use strict";
  if (typeof fetch !== "function" || typeof DOMParser !== "function" || !window.history.pushState) return;

  function swap(html, url, push) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var fresh = page.getElementById("main");
    var main = document.getElementById("main");
    if (!fresh || !main) return false;
    main.replaceWith(document.adoptNode(fresh));
    document.title = page.title;
    if (push) window.history.pushState({ graded: true }, "", url);
    // Where the answer speaks: the error summary, else the message, else the page.
    var target = document.querySelector("#main .error-summary, #main .flash") || document.getElementById("main");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    }
    return true;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-grade")) return;
    var submitter = event.submitter;
    event.preventDefault();
    if (form.getAttribute("data-sent")) return;
    form.setAttribute("data-sent", "true");
    var status = form.querySelector("[role=status]");
    if (status) status.textContent = status.getAttribute("data-busy") || "";
    var split = form.closest(".grading-split");
    if (split) split.setAttribute("aria-busy", "true");
    var body = new URLSearchParams(new FormData(form));
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (response) {
      return response.text().then(function (html) {
        // A refusal (422) stays on this address; a saved grade lands where the redirect led.
        var moved = response.redirected && response.url !== window.location.href;
        if (!swap(html, response.url, moved)) window.location.assign(response.url);
      });
    }).catch(function () {
      form.removeAttribute("data-grade");
      form.removeAttribute("data-sent");
      if (submitter && submitter.name) {
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = submitter.name;
        hidden.value = submitter.value;
        form.appendChild(hidden);
      }
      form.submit();
    });
  });

  // Back and forward show the page of that address, loaded afresh.
  window.addEventListener("popstate", function () {
    window.location.reload();
  });
})();
