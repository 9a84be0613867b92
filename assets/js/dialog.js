// Progressive enhancement for confirmation dialogs (no inline script, CSP-safe).
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
