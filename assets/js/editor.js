// The course editor's enhancements (external, CSP-safe); every page works without them.
//
// 1. Uploads with a progress bar. A form marked data-upload is sent with XMLHttpRequest,
// whose upload events fill the form's <progress>; the answer (the editor page, with the
// new file or the field's error) then replaces the page's <main>, as a normal submission
// would have shown it.
//
// 2. Drag and drop. Lists marked data-reorder ("sections" or "contents") take their items
// (data-id) by dragging; on drop the list's full new order is posted to its
// data-order-url, the same form the move buttons post (ids..., sectionId for contents,
// focus), and the answer replaces <main>. Keyboard users keep the move buttons.
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrf]");
    return input ? input.value : "";
  }

  // Puts the <main> of an HTML answer in place of this page's, with its title; `url` is
  // the address the answer came from after a redirect (a form's own address answers with
  // its errors and is not a page to keep in the address bar).
  function showAnswer(html, url) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("main");
    var main = document.getElementById("main");
    if (!fresh || !main) {
      window.location.reload();
      return;
    }
    main.innerHTML = fresh.innerHTML;
    if (doc.title) document.title = doc.title;
    if (url && url !== window.location.href) {
      window.history.replaceState(null, "", url);
    }
    init();
    var target = (url && url.indexOf("#") >= 0) ? document.getElementById(url.split("#")[1]) : null;
    var focus = main.querySelector(".flash, .error-summary") || target || main;
    if (!focus.hasAttribute("tabindex")) focus.setAttribute("tabindex", "-1");
    focus.focus();
    if (target) target.scrollIntoView({ block: "center" });
  }

  // 1. Uploads.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-upload") || typeof FormData === "undefined") return;
    var input = form.querySelector("input[type=file]");
    if (!input || !input.files || input.files.length === 0) return; // the server says what is missing
    event.preventDefault();
    if (form.getAttribute("data-sending")) return;
    form.setAttribute("data-sending", "true");
    var box = form.querySelector(".upload-form__progress");
    var bar = form.querySelector("progress");
    var value = form.querySelector(".progress__value");
    var status = form.querySelector("[role=status]");
    var button = form.querySelector("[type=submit]");
    if (box) box.hidden = false;
    if (button) button.setAttribute("aria-disabled", "true");
    if (status) status.textContent = status.getAttribute("data-busy") || "";
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var percent = Math.floor((e.loaded / e.total) * 100);
      if (bar) bar.value = percent;
      if (value) value.textContent = percent + "%";
    });
    xhr.addEventListener("load", function () {
      var moved = xhr.responseURL && xhr.responseURL !== form.action;
      showAnswer(xhr.responseText, moved ? xhr.responseURL : null);
    });
    xhr.addEventListener("error", function () {
      form.removeAttribute("data-sending");
      if (button) button.removeAttribute("aria-disabled");
      if (box) box.hidden = true;
      if (status) status.textContent = status.getAttribute("data-failed") || "";
    });
    xhr.send(new FormData(form));
  });

  // 2. Drag and drop: an item is dragged by its handle (so that its buttons, links and
  // select keep working), within its list or, for contents, into another section.
  var dragged = null;

  function listOf(node) {
    return node && node.closest ? node.closest("[data-reorder]") : null;
  }

  // The list of the dragged item's kind under `node`: its own list, or the section's
  // content list when a content is over a section's header.
  function targetList(node) {
    var kind = listOf(dragged).getAttribute("data-reorder");
    var list = listOf(node);
    while (list && list.getAttribute("data-reorder") !== kind) {
      if (kind === "contents" && list.getAttribute("data-reorder") === "sections") {
        var section = node.closest("[data-reorder=sections] > [data-id]");
        return section ? section.querySelector("[data-reorder=contents]") : null;
      }
      list = listOf(list.parentElement);
    }
    return list;
  }

  // The item of `list` the pointer is above, or null for the end.
  function itemAfter(list, y) {
    var items = Array.prototype.filter.call(list.children, function (c) {
      return c !== dragged && c.hasAttribute("data-id");
    });
    for (var i = 0; i < items.length; i++) {
      var box = items[i].getBoundingClientRect();
      if (y < box.top + box.height / 2) return items[i];
    }
    return null;
  }

  function order(list) {
    return Array.prototype.map.call(list.children, function (c) {
      return c.getAttribute("data-id");
    }).join(",") + "@" + (list.getAttribute("data-section-id") || "");
  }

  function post(list, focus) {
    var body = new URLSearchParams();
    body.append("csrf", csrfToken());
    Array.prototype.forEach.call(list.children, function (c) {
      if (c.hasAttribute("data-id")) body.append("ids", c.getAttribute("data-id"));
    });
    if (list.getAttribute("data-reorder") === "contents") {
      body.append("sectionId", list.getAttribute("data-section-id") || "");
    }
    body.append("focus", focus);
    fetch(list.getAttribute("data-order-url"), {
      method: "POST",
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      return response.text().then(function (html) {
        showAnswer(html, response.redirected ? response.url : null);
      });
    }).catch(function () { window.location.reload(); });
  }

  document.addEventListener("mousedown", function (event) {
    var handle = event.target.closest && event.target.closest(".drag-handle");
    if (!handle) return;
    var item = handle.closest("[data-reorder] > [data-id]");
    if (item) item.setAttribute("draggable", "true");
  });

  document.addEventListener("mouseup", function () {
    if (dragged) return;
    document.querySelectorAll("[data-reorder] > [draggable]").forEach(function (item) {
      item.removeAttribute("draggable");
    });
  });

  document.addEventListener("dragstart", function (event) {
    var item = event.target;
    if (!item.hasAttribute || !item.hasAttribute("draggable") || !item.hasAttribute("data-id")) return;
    dragged = item;
    item.setAttribute("data-start", order(listOf(item)));
    item.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.getAttribute("data-id"));
  });

  document.addEventListener("dragover", function (event) {
    if (!dragged) return;
    var list = targetList(event.target);
    if (!list) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    var next = itemAfter(list, event.clientY);
    if (dragged.parentNode !== list || dragged.nextElementSibling !== next) {
      list.insertBefore(dragged, next);
    }
  });

  document.addEventListener("drop", function (event) {
    if (dragged) event.preventDefault();
  });

  document.addEventListener("dragend", function () {
    if (!dragged) return;
    var item = dragged;
    dragged = null;
    item.classList.remove("is-dragging");
    item.removeAttribute("draggable");
    var list = listOf(item);
    if (list && item.getAttribute("data-start") !== order(list)) {
      post(list, item.getAttribute("data-id"));
    }
  });

  function init() {
    document.querySelectorAll("[data-reorder] > [data-id] > .drag-handle, [data-reorder] > [data-id] > * > .drag-handle").forEach(function (handle) {
      handle.hidden = false;
    });
    document.querySelectorAll(".editor__help-drag").forEach(function (hint) { hint.hidden = false; });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
