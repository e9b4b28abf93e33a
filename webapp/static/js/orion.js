/*
 * Orion front-end behaviour — our only script besides htmx (loaded with `defer`, after htmx).
 *
 * - htmx error toasts: `htmx:responseError` / `htmx:sendError` show a generic, translated
 *   message (role="alert") in #toasts. Texts come from <body data-error-message
 *   data-rate-limit-message data-forbidden-message data-close-label>, rendered by the layout.
 * - `[data-dismiss]` removes its closest `.flash`.
 * - `[data-nav-toggle]` toggles `nav-open` on <body> and aria-expanded on every toggle; opening
 *   focuses the first link of its aria-controls target; Escape or a click outside `.sidebar`
 *   (or `[data-nav-menu]`) closes it.
 * - `details[data-wide-open]` (menus, filters, checkout summary): open from 800px, closed below;
 *   on a phone Escape or a tap outside closes them, `[data-fold-close]` closes its own.
 * - `[data-autosubmit]` submits its form on change (language switcher).
 * - `[data-filter-list]` (a search box, hidden until this script shows it) hides the options of the
 *   list it names whose label does not contain the typed text (shared/macros/choices.html).
 * - adds class `js` to <html> (CSS hides `.js .js-hide`).
 *
 * CSP-safe: no eval, no inline handlers, no HTML strings (textContent only).
 */
(function () {
  "use strict";

  var doc = document;
  doc.documentElement.classList.add("js");

  var FALLBACK_ERROR = "Something went wrong. Please try again.";
  var TOAST_LIMIT = 3;
  var TOAST_TIMEOUT_MS = 8000;

  /* ---- helpers ---------------------------------------------------------------------- */

  function bodyText(key, fallback) {
    var body = doc.body;
    var value = body && body.dataset ? body.dataset[key] : "";
    return value ? value : fallback;
  }

  function closestFrom(evt, selector) {
    var node = evt.target;
    if (node && node.nodeType !== 1) node = node.parentElement; // text nodes
    return node && node.closest ? node.closest(selector) : null;
  }

  /* ---- toasts ----------------------------------------------------------------------- */

  function toastContainer() {
    var box = doc.getElementById("toasts");
    if (!box) {
      box = doc.createElement("div");
      box.id = "toasts";
      doc.body.appendChild(box);
    }
    return box;
  }

  function showToast(message, kind) {
    var box = toastContainer();
    var shown = box.querySelectorAll(".toast");
    for (var i = 0; i < shown.length; i++) {
      // Same text already on screen (e.g. a failing poll): replace it rather than stack it.
      if (shown[i].dataset.message === message) shown[i].remove();
    }
    while (box.querySelectorAll(".toast").length >= TOAST_LIMIT) {
      box.querySelector(".toast").remove();
    }

    var toast = doc.createElement("div");
    toast.className = "toast toast-" + (kind || "error");
    toast.setAttribute("role", "alert");
    toast.dataset.message = message;

    var text = doc.createElement("p");
    text.className = "toast-text";
    text.textContent = message;

    var close = doc.createElement("button");
    close.type = "button";
    close.className = "toast-close";
    close.setAttribute("aria-label", bodyText("closeLabel", "Close"));
    close.textContent = "\u00d7";

    toast.appendChild(text);
    toast.appendChild(close);
    box.appendChild(toast);

    var timer = null;
    function dismiss() {
      window.clearTimeout(timer);
      toast.remove();
    }
    function arm() {
      window.clearTimeout(timer);
      timer = window.setTimeout(dismiss, TOAST_TIMEOUT_MS);
    }
    close.addEventListener("click", dismiss);
    // Keep the toast while the pointer or keyboard focus is on it.
    toast.addEventListener("mouseenter", function () { window.clearTimeout(timer); });
    toast.addEventListener("focusin", function () { window.clearTimeout(timer); });
    toast.addEventListener("mouseleave", arm);
    toast.addEventListener("focusout", arm);
    arm();
    return toast;
  }

  function errorMessage(status) {
    var generic = bodyText("errorMessage", FALLBACK_ERROR);
    if (status === 429) return bodyText("rateLimitMessage", generic);
    if (status === 403) return bodyText("forbiddenMessage", generic);
    return generic;
  }

  function onHtmxError(evt) {
    var xhr = evt.detail ? evt.detail.xhr : null;
    // htmx follows HX-Redirect itself (e.g. 401 -> login page): stay out of its way.
    if (xhr && xhr.getResponseHeader && xhr.getResponseHeader("HX-Redirect")) return;
    showToast(errorMessage(xhr ? xhr.status : 0), "error");
  }

  doc.addEventListener("htmx:responseError", onHtmxError);
  doc.addEventListener("htmx:sendError", onHtmxError);

  /* ---- mobile navigation ------------------------------------------------------------ */

  function setNavOpen(open) {
    doc.body.classList.toggle("nav-open", open);
    var toggles = doc.querySelectorAll("[data-nav-toggle]");
    for (var i = 0; i < toggles.length; i++) {
      toggles[i].setAttribute("aria-expanded", open ? "true" : "false");
    }
  }

  function focusFirstIn(container) {
    if (!container) return;
    var target = container.querySelector("a[href], button:not([disabled]), input:not([type=hidden]), select");
    if (target) target.focus();
  }

  function navIsOpen() {
    return doc.body.classList.contains("nav-open");
  }

  doc.addEventListener("keydown", function (evt) {
    if (evt.key === "Escape" && navIsOpen()) {
      setNavOpen(false);
      var toggle = doc.querySelector("[data-nav-toggle]");
      if (toggle) toggle.focus();
    }
  });

  // After an htmx navigation (boosted link, pushed URL) close the menu and keep
  // aria-expanded in step with the body class on freshly swapped toggles.
  doc.addEventListener("htmx:pushedIntoHistory", function () { setNavOpen(false); });
  doc.addEventListener("htmx:afterSettle", function () { setNavOpen(navIsOpen()); });

  /* ---- clicks: flash dismiss, nav toggle -------------------------------------------- */

  doc.addEventListener("click", function (evt) {
    var dismiss = closestFrom(evt, "[data-dismiss]");
    if (dismiss) {
      var flash = dismiss.closest(".flash");
      if (flash) {
        evt.preventDefault();
        flash.remove();
      }
      return;
    }
    var toggle = closestFrom(evt, "[data-nav-toggle]");
    if (toggle) {
      evt.preventDefault();
      var open = !navIsOpen();
      setNavOpen(open);
      if (open) focusFirstIn(doc.getElementById(toggle.getAttribute("aria-controls") || ""));
      return;
    }
    // Open off-canvas menu on a small screen: a click outside it (the backdrop) closes it.
    if (navIsOpen() && !closestFrom(evt, ".sidebar, [data-nav-menu]")) setNavOpen(false);
  });

  /* ---- folding parts: <details data-wide-open> ---------------------------------------- */
  // Open from 800px (CSS hides their toggle there), closed below; CSS alone already shows
  // them wide where ::details-content is supported, this keeps the open state truthful.
  var wide = window.matchMedia ? window.matchMedia("(min-width: 800px)") : null;

  function syncFolds(root) {
    if (!wide || !root || !root.querySelectorAll) return;
    var folds = root.querySelectorAll("details[data-wide-open]");
    for (var i = 0; i < folds.length; i++) folds[i].open = wide.matches;
  }

  function closeFolds(except, selector) {
    if (!wide || wide.matches) return null;
    var open = doc.querySelectorAll(selector || "details[data-wide-open][open]");
    var closed = null;
    for (var i = 0; i < open.length; i++) {
      if (open[i] !== except && !open[i].contains(except)) { open[i].open = false; closed = open[i]; }
    }
    return closed;
  }

  if (wide) {
    var onWideChange = function () { syncFolds(doc); };
    if (wide.addEventListener) wide.addEventListener("change", onWideChange);
    else if (wide.addListener) wide.addListener(onWideChange);
  }
  doc.addEventListener("htmx:load", function (evt) { syncFolds(evt.target); });

  // Escape closes an open menu or drawer on a phone and gives focus back to its toggle.
  doc.addEventListener("keydown", function (evt) {
    if (evt.key !== "Escape") return;
    var closed = closeFolds(null);
    var toggle = closed ? closed.querySelector("summary") : null;
    if (toggle) toggle.focus();
  });

  // A tap outside an open header menu closes it; a `[data-fold-close]` control (e.g. "Show results")
  // closes the drawer it sits in.
  doc.addEventListener("click", function (evt) {
    var node = evt.target && evt.target.nodeType === 1 ? evt.target : null;
    if (!node) return;
    var closer = node.closest("[data-fold-close]");
    var fold = closer ? closer.closest("details[data-wide-open]") : null;
    if (fold && wide && !wide.matches) {
      fold.open = false;
      var summary = fold.querySelector("summary");
      if (summary) summary.focus();
      return;
    }
    closeFolds(node, "details.site-menu[open]");
  });

  /* ---- auto-submitting controls (language switcher) --------------------------------- */

  doc.addEventListener("change", function (evt) {
    var control = closestFrom(evt, "[data-autosubmit]");
    if (!control) return;
    var form = control.tagName === "FORM" ? control : (control.form || control.closest("form"));
    if (!form) return;
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit(); // fires `submit`, so htmx (hx-boost) and validation still apply
    } else {
      form.submit();
    }
  });

  /* ---- filterable checkbox lists ---------------------------------------------------- */

  function showFilters(root) {
    var boxes = (root || doc).querySelectorAll("[data-filter-list][hidden]");
    for (var i = 0; i < boxes.length; i++) boxes[i].hidden = false;
  }

  doc.addEventListener("input", function (evt) {
    var box = closestFrom(evt, "[data-filter-list]");
    if (!box) return;
    var list = doc.getElementById(box.getAttribute("data-filter-list"));
    if (!list) return;
    var needle = box.value.trim().toLocaleLowerCase();
    var items = list.querySelectorAll("li");
    for (var i = 0; i < items.length; i++) {
      items[i].hidden = needle !== "" && items[i].textContent.toLocaleLowerCase().indexOf(needle) === -1;
    }
  });

  // A filter box must not submit the form on Enter.
  doc.addEventListener("keydown", function (evt) {
    if (evt.key === "Enter" && closestFrom(evt, "[data-filter-list]")) evt.preventDefault();
  });

  doc.addEventListener("htmx:afterSettle", function (evt) { showFilters(evt.target); });

  /* ---- initial state ---------------------------------------------------------------- */

  setNavOpen(navIsOpen());
  syncFolds(doc);
  showFilters(doc);
})();
