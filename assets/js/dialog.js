// Small progressive enhancements (no inline script, CSP-safe); every page works without them.
//
// 1. Confirmation dialogs.
// A trigger <a href="/confirm-page" data-dialog-open="ID"> opens <dialog id="ID"> as a modal;
// without JavaScript the link leads to a server-rendered confirmation page instead.
// Inside the dialog, a button with formmethod="dialog" closes it without submitting.
document.addEventListener("click", function (event) {
  var trigger = event.target.closest("[data-dialog-open]");
  if (!trigger) return;
  var dialog = document.getElementById(trigger.getAttribute("data-dialog-open"));
  if (!dialog || typeof dialog.showModal !== "function") return;
  event.preventDefault();
  dialog.showModal();
  dialog.addEventListener("close", function () { trigger.focus(); }, { once: true });
});

// 2. Forms marked data-busy="text" (the CSV import, which can take minutes): once sent, the
// status line and the submit button say so, and a second click does not send it again.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var busy = form.getAttribute("data-busy");
  if (!busy) return;
  if (form.getAttribute("data-sent")) {
    event.preventDefault();
    return;
  }
  form.setAttribute("data-sent", "true");
  var button = form.querySelector("[type=submit]");
  if (button) {
    button.textContent = busy;
    button.setAttribute("aria-disabled", "true");
  }
  var status = form.querySelector("[role=status]");
  if (status) status.textContent = busy;
});
