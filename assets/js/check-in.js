// The check-in screen: asks for the code every two seconds (it changes every 30 seconds
// and after each check-in) and shows it, with its QR code and the count; offers a full
// screen. Without JavaScript the page reloads itself every ten seconds instead.
(function () {
  var screen = document.getElementById("check-in");
  if (!screen) return;
  var url = screen.getAttribute("data-code-url");
  var qr = document.getElementById("check-in-qr");
  var code = document.getElementById("check-in-code");
  var count = document.getElementById("check-in-count");
  var label = code.querySelector(".visually-hidden");
  var shown = code.textContent.replace(label ? label.textContent : "", "").trim();

  function refresh() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.code !== shown) {
          shown = data.code;
          // The SVG is drawn by our own server from the code's address.
          qr.innerHTML = data.svg;
          code.lastChild.textContent = data.code;
        }
        count.textContent = data.signedIn;
      })
      .catch(function () {});
  }
  setInterval(refresh, 2000);

  if (document.fullscreenEnabled) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn--secondary";
    button.id = "check-in-full-screen";
    button.textContent = screen.getAttribute("data-full-screen") || "Full screen";
    button.addEventListener("click", function () { screen.requestFullscreen(); });
    screen.appendChild(button);
  }
})();
