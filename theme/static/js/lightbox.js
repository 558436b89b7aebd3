/* Lightbox for article photos: progressive enhancement.
 * Without JavaScript each thumbnail is a plain link to the large photo.
 * With it, a modal <dialog> shows the photo with its caption, previous/next,
 * close, the keyboard (← → Esc) and swipe. The modal dialog keeps focus
 * inside; on close, focus returns to the thumbnail of the photo last shown.
 * No fetch, no modules: it works from file:// and under any sub-path. */
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll("a[data-lightbox]"));
  if (!links.length || typeof HTMLDialogElement !== "function") { return; }

  var current = 0;
  var dialog = document.createElement("dialog");
  dialog.className = "lightbox";
  dialog.setAttribute("aria-label", "Xem ảnh");
  dialog.innerHTML =
    '<figure class="lightbox__figure">' +
    '<img class="lightbox__image" alt="">' +
    '<figcaption class="lightbox__caption"></figcaption>' +
    "</figure>" +
    '<p class="lightbox__counter" aria-live="polite"></p>' +
    '<div class="lightbox__controls">' +
    '<button type="button" class="lightbox__prev" aria-label="Ảnh trước">‹ Trước</button>' +
    '<button type="button" class="lightbox__next" aria-label="Ảnh sau">Sau ›</button>' +
    '<button type="button" class="lightbox__close" aria-label="Đóng">✕ Đóng</button>' +
    "</div>";
  document.body.appendChild(dialog);

  var image = dialog.querySelector(".lightbox__image");
  image.draggable = false;  // a drag would swallow the swipe
  var caption = dialog.querySelector(".lightbox__caption");
  var counter = dialog.querySelector(".lightbox__counter");
  var prev = dialog.querySelector(".lightbox__prev");
  var next = dialog.querySelector(".lightbox__next");
  var close = dialog.querySelector(".lightbox__close");

  function show(index) {
    current = (index + links.length) % links.length;
    var link = links[current];
    // The thumbnail's srcset and the figure's caption serve the lightbox
    // too, so the page carries each only once.
    var thumb = link.querySelector("img");
    var figure = link.closest("figure");
    var figcaption = figure ? figure.querySelector("figcaption") : null;
    image.removeAttribute("srcset");
    image.src = link.getAttribute("href");
    if (thumb && thumb.getAttribute("srcset")) {
      image.setAttribute("sizes", "100vw");
      image.setAttribute("srcset", thumb.getAttribute("srcset"));
    }
    image.alt = thumb ? thumb.alt : "";
    var text = figcaption ? figcaption.textContent.trim() : "";
    caption.textContent = text;
    caption.hidden = !text;
    counter.textContent = "Ảnh " + (current + 1) + "/" + links.length;
    prev.hidden = next.hidden = links.length < 2;
  }

  function open(index) {
    show(index);
    document.documentElement.classList.add("lightbox-open");
    dialog.showModal();
    close.focus();
  }

  function shut() {
    if (dialog.open) { dialog.close(); }
  }

  dialog.addEventListener("close", function () {
    document.documentElement.classList.remove("lightbox-open");
    links[current].focus();
  });

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
      event.preventDefault();
      open(index);
    });
  });

  prev.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  close.addEventListener("click", shut);
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowLeft") { event.preventDefault(); show(current - 1); }
    else if (event.key === "ArrowRight") { event.preventDefault(); show(current + 1); }
    else if (event.key === "Tab") {
      // A modal dialog makes the page inert, but Tab past the last button
      // would leave for the browser's own controls: cycle instead.
      var buttons = Array.prototype.filter.call(dialog.querySelectorAll("button"), function (b) { return !b.hidden; });
      var first = buttons[0], last = buttons[buttons.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    }
  });
  // A click on the backdrop (outside the photo and buttons) closes.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) { shut(); }
  });

  var startX = null;
  dialog.addEventListener("pointerdown", function (event) { startX = event.clientX; });
  dialog.addEventListener("pointerup", function (event) {
    if (startX === null) { return; }
    var dx = event.clientX - startX;
    startX = null;
    if (Math.abs(dx) > 50) { show(current + (dx < 0 ? 1 : -1)); }
  });
})();
