// Small progressive enhancements (no inline script, CSP-safe); every page works without them:
// confirmation dialogs, busy forms, upload progress, and copy buttons.
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

// 3. Upload forms marked data-upload="text" (a course cover): the file is sent with
// XMLHttpRequest so that the form's progress bar shows how much has gone. The answer is a
// whole page (the editor with its message, or with the field's error), which then takes
// the place of this one. Without JavaScript the form posts as usual; with no file chosen
// it also does, and the server says what is missing.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var text = form.getAttribute("data-upload");
  if (!text || typeof FormData !== "function" || typeof DOMParser !== "function") return;
  var input = form.querySelector("input[type=file]");
  if (!input || !input.files || input.files.length === 0) return;
  event.preventDefault();
  if (form.getAttribute("data-sent")) return;
  form.setAttribute("data-sent", "true");
  var box = form.querySelector(".upload-progress");
  var bar = box && box.querySelector("progress");
  var shown = box && box.querySelector(".progress__value");
  var status = form.querySelector("[role=status]");
  var button = form.querySelector("[type=submit]");
  var percent = new Intl.NumberFormat(document.documentElement.lang || undefined, { style: "percent" });
  if (box) box.hidden = false;
  if (status) status.textContent = text;
  if (button) button.setAttribute("aria-disabled", "true");
  var request = new XMLHttpRequest();
  request.open("POST", form.action);
  request.upload.addEventListener("progress", function (e) {
    if (!e.lengthComputable || !bar) return;
    var part = e.loaded / e.total;
    bar.value = Math.round(part * 100);
    bar.textContent = percent.format(part);
    if (shown) shown.textContent = percent.format(part);
  });
  request.addEventListener("load", function () {
    var page = new DOMParser().parseFromString(request.responseText, "text/html");
    if (!page.body) {
      window.location.reload();
      return;
    }
    document.title = page.title;
    document.body.replaceWith(document.adoptNode(page.body));
    // Where the answer speaks: the error summary, else the message, else the page.
    var target = document.querySelector(".error-summary, .flash") || document.getElementById("main");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    }
  });
  // The network failed: post the form the ordinary way instead.
  request.addEventListener("error", function () {
    form.removeAttribute("data-sent");
    form.removeAttribute("data-upload");
    form.submit();
  });
  request.send(new FormData(form));
});

// 4. Copy buttons: <button data-copy="FIELD-ID" data-copied="Copied" hidden> copies the
// field's value and says so in the element data-copy-status names (a polite live region).
// They stay hidden without JavaScript: the read-only field can still be selected and copied.
document.querySelectorAll("[data-copy]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!field) return;
    var done = function () {
      if (status) status.textContent = button.getAttribute("data-copied");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {
        field.select();
      });
    } else {
      field.select();
      if (document.execCommand && document.execCommand("copy")) done();
    }
  });
});
