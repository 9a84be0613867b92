// The lesson player's enhancements (no inline script, CSP-safe); the page works without
// them.
//
// 1. The outline is a <details> drawer: open on wide screens, closed on phones until asked.
// 2. A video keeps its position: every ten seconds while playing, and on pause, the
//    position (in seconds) is posted to the page route named by data-position-url, with the
//    page's CSRF token. It starts where it stopped (data-start, also in the #t= fragment).
// 3. A video watched to the end marks the lesson complete (the "Mark complete" form).
(function () {
  var drawer = document.querySelector("[data-drawer]");
  if (drawer && window.matchMedia("(max-width: 56rem)").matches) {
    drawer.removeAttribute("open");
  }

  var video = document.getElementById("lesson-video");
  if (!video) return;
  var url = video.getAttribute("data-position-url");
  var csrf = video.getAttribute("data-csrf");
  var start = parseInt(video.getAttribute("data-start") || "0", 10);
  var lastSent = -1;

  video.addEventListener("loadedmetadata", function () {
    if (start > 0 && video.currentTime < 1 && start < video.duration - 1) {
      video.currentTime = start;
    }
  }, { once: true });

  function send() {
    var seconds = Math.floor(video.currentTime || 0);
    if (seconds === lastSent) return;
    lastSent = seconds;
    var body = new URLSearchParams();
    body.set("csrf", csrf);
    body.set("position", String(seconds));
    fetch(url, { method: "POST", body: body, credentials: "same-origin", keepalive: true })
      .catch(function () { lastSent = -1; });
  }

  var timer = null;
  video.addEventListener("play", function () {
    if (timer === null) timer = window.setInterval(send, 10000);
  });
  video.addEventListener("pause", function () {
    if (timer !== null) { window.clearInterval(timer); timer = null; }
    send();
  });
  window.addEventListener("pagehide", function () {
    if (!video.paused) send();
  });

  video.addEventListener("ended", function () {
    if (timer !== null) { window.clearInterval(timer); timer = null; }
    var form = document.getElementById("complete-form");
    if (form && video.getAttribute("data-completed") !== "true") {
      if (typeof form.requestSubmit === "function") form.requestSubmit();
      else form.submit();
    }
  });
})();
