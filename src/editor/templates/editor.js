// The editor of kyodo serve: checks the form as the clerk types (the server runs the same
// checks as `kyodo check` on the record the form would write) and shows the Markdown of
// long texts as the site renders it. Without this script the form still works: it is
// checked when saved.
(function () {
  "use strict";
  var form = document.getElementById("editor");
  if (!form || !window.fetch || !window.FormData || !window.URLSearchParams) return;
  var checkUrl = form.getAttribute("data-check");
  var markdownUrl = form.getAttribute("data-markdown");
  var token = form.elements.namedItem("_token").value;
  var checkTimer = null;
  var asked = 0;
  var previewTimers = {};

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" },
      body: body.toString(),
      credentials: "same-origin",
      cache: "no-store"
    }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    });
  }

  function isControl(el) {
    return el && /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName);
  }

  function show(result) {
    var boxes = form.querySelectorAll(".problems");
    for (var i = 0; i < boxes.length; i++) boxes[i].innerHTML = "";
    var marked = form.querySelectorAll("[aria-invalid]");
    for (var j = 0; j < marked.length; j++) marked[j].removeAttribute("aria-invalid");
    result.problems.forEach(function (p) {
      if (!p.control) return;
      var box = document.getElementById(p.control + "-problems");
      if (box) box.insertAdjacentHTML("beforeend", p.html);
      var el = document.getElementById(p.control);
      if (p.error && isControl(el)) el.setAttribute("aria-invalid", "true");
      // A folded group with a problem inside is opened.
      var folded = el && el.closest ? el.closest("details") : null;
      if (folded) folded.open = true;
    });
    document.getElementById("problem-list").innerHTML = result.summary;
    document.getElementById("problem-count").textContent = result.count;
    document.getElementById("elsewhere").textContent = result.stale || result.elsewhere || "";
  }

  function check() {
    var mine = ++asked;
    post(checkUrl, new URLSearchParams(new FormData(form)))
      .then(function (result) { if (mine === asked) show(result); })
      .catch(function () {});
  }

  function preview(area) {
    var target = document.getElementById(area.getAttribute("data-preview"));
    if (!target) return;
    clearTimeout(previewTimers[target.id]);
    previewTimers[target.id] = setTimeout(function () {
      var body = new URLSearchParams();
      body.set("_token", token);
      body.set("text", area.value);
      post(markdownUrl, body).then(function (r) { target.innerHTML = r.html; }).catch(function () {});
    }, 300);
  }

  function changed(event) {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, 500);
    if (event.target.hasAttribute && event.target.hasAttribute("data-preview")) preview(event.target);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  // A link of the summary puts the keyboard in the field it names.
  document.getElementById("problem-list").addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (!link) return;
    var el = document.getElementById(link.getAttribute("href").slice(1));
    if (!el) return;
    var control = isControl(el) ? el : el.querySelector("input:not([type=hidden]), select, textarea");
    if (control) {
      event.preventDefault();
      control.focus();
      control.scrollIntoView({ block: "center" });
    }
  });
})();
