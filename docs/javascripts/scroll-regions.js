/* A wide equation, table or notebook output scrolls sideways inside its own box instead of widening
   the page. Keyboard users scroll such a box with the arrow keys once it has focus, so every box that
   overflows at the current width gets a tab stop and a name (WCAG 2.1.1); the others get none.
   Material's instant navigation swaps pages without a reload, so this runs on each new page.
   It also unfolds the verification page's test listings (below), whose code boxes it then measures. */
(function () {
  "use strict";
  var BOXES = ".md-typeset .math-display, .md-typeset__scrollwrap, .jupyter-wrapper .jp-OutputArea-output pre, .jupyter-wrapper .highlight-ipynb, .print-site .md-typeset table:not([class]), .md-typeset pre > code";

  function describe(box) {
    var equation = box.closest(".equation");
    var tag = equation && equation.querySelector(".katex-tag");
    if (box.classList.contains("math-display")) {
      return tag ? "Equation " + tag.textContent.trim() + ", scrolls sideways" : "Equation, scrolls sideways";
    }
    if (box.matches(".highlight-ipynb, pre > code")) return "Code, scrolls sideways";
    return box.matches(".md-typeset__scrollwrap, table") ? "Table, scrolls sideways" : "Output, scrolls sideways";
  }

  /* On a screen without hover, the theme takes a code box's tab stop away when it sets the box up
     (as it comes into view: content.lazy) and when the box changes size; a box that overflows
     gets its tab stop back at once. */
  var guard = new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      var box = change.target;
      if (box.hasAttribute("data-scroll-region") && !box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
    });
  });

  function measure(box) {
    var overflows = box.scrollWidth > box.clientWidth + 1;
    if (overflows && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", describe(box));
      box.setAttribute("data-scroll-region", "");
      if (box.matches("pre > code")) guard.observe(box, { attributes: true, attributeFilter: ["tabindex"] });
    } else if (!overflows && box.hasAttribute("data-scroll-region")) {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
      box.removeAttribute("data-scroll-region");
    }
  }

  /* Measuring a box lays it out, and a long chapter has hundreds of them: measuring them all at
     once would hold up the page for a second on a phone. So the boxes are measured a few
     milliseconds at a time while the browser is idle, in the page's order. A box in a block the
     browser has not laid out yet (off screen: extra.css, content-visibility) has no width to
     measure; it is measured when its block is laid out, as the reader nears it. The mark
     <html data-scroll-regions="measured"> says every box laid out so far has been measured. */
  var queue = [];
  var scheduled = false;
  var later = window.requestIdleCallback || function (run) { return window.setTimeout(run, 1); };

  function drain() {
    scheduled = false;
    var stop = performance.now() + 4;
    while (queue.length > 0 && performance.now() < stop) measure(queue.shift());
    if (queue.length > 0) schedule();
    else document.documentElement.setAttribute("data-scroll-regions", "measured");
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    document.documentElement.removeAttribute("data-scroll-regions");
    later(drain, { timeout: 500 });
  }

  function add(box) {
    if (queue.indexOf(box) < 0) queue.push(box);
  }

  function addIn(root) { // the boxes in root, root itself if it is one
    root.querySelectorAll(BOXES).forEach(add);
    if (root.matches(BOXES)) add(root);
  }

  /* A block the browser may skip (content-visibility: auto) reports each change of its state; its
     boxes are measured while it is laid out, and again on each update. A browser without the event
     gets every box measured. */
  var reports = "ContentVisibilityAutoStateChangeEvent" in window;
  var shown = new Set(); // the skippable blocks laid out now
  var skippable = function (block) {
    return reports && getComputedStyle(block).contentVisibility === "auto";
  };

  function update() {
    unfoldAll("details[open] > template.listing"); // a fold opened before this script listened
    // instant navigation swapped the page: forget the old one's blocks and boxes
    shown.forEach(function (block) {
      if (!block.isConnected) shown.delete(block);
    });
    queue = queue.filter(function (box) { return box.isConnected; });
    var blocks = document.querySelectorAll(".md-content__inner > *");
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      if (skippable(block)) {
        // laid out before this script listened (checked once per block, not per box)
        if (block.checkVisibility({ contentVisibilityAuto: true }) && block.firstElementChild &&
            block.firstElementChild.checkVisibility({ contentVisibilityAuto: true })) shown.add(block);
        if (!shown.has(block)) continue;
      }
      addIn(block);
    }
    document.querySelectorAll(BOXES).forEach(function (box) {
      if (!box.closest(".md-content__inner")) add(box); // outside the article: the search, say
    });
    schedule();
  }

  /* The verification page's test listings arrive folded, each in a <template> (a template's content
     is not part of the page: nothing to style, lay out or hand to the theme's scripts). Opening a
     fold puts its listing in, with the theme's copy button, and measures its box; printing a page
     (the theme opens every fold for paper) puts them all in first. The print page, whose listings
     stay folded on paper, gets neither the button nor the unfolding for print. */
  var listings = 0;

  function unfold(details) {
    var template = details.querySelector(":scope > template.listing");
    if (template === null) return;
    var listing = template.content.cloneNode(true);
    var pre = listing.querySelector("pre");
    var code = pre && pre.querySelector("code");
    // the theme's copy button, where the theme's script runs (not on the print page)
    if (code && typeof window.document$ !== "undefined") {
      pre.id = "__listing_" + listings++;
      var nav = document.createElement("nav");
      nav.className = "md-code__nav";
      var button = document.createElement("button");
      button.className = "md-code__button";
      button.title = "Copy to clipboard";
      button.setAttribute("data-clipboard-target", "#" + pre.id + " > code"); // the theme's handler
      button.setAttribute("data-md-type", "copy");
      nav.appendChild(button);
      pre.insertBefore(nav, code);
    }
    template.replaceWith(listing);
    addIn(details);
    schedule();
  }

  function unfoldAll(selector) { // selector: templates of listings
    document.querySelectorAll(selector).forEach(function (template) {
      unfold(template.parentElement);
    });
  }

  document.addEventListener(
    "toggle",
    function (event) {
      if (event.target.open && event.target.matches("details")) unfold(event.target);
    },
    true
  );
  window.addEventListener("beforeprint", function () {
    if (document.body.classList.contains("print-site")) return; // there the listings stay folded
    unfoldAll("details > template.listing");
  });

  document.addEventListener(
    "contentvisibilityautostatechange",
    function (event) {
      if (event.skipped) {
        shown.delete(event.target);
        return;
      }
      shown.add(event.target);
      addIn(event.target);
      schedule();
    },
    true
  );

  var pending = null;
  window.addEventListener("resize", function () {
    document.documentElement.removeAttribute("data-scroll-regions"); // to be measured again
    if (pending === null) pending = window.requestAnimationFrame(function () { pending = null; update(); });
  });
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(update); // every page, including those loaded by instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
  if (document.fonts) document.fonts.ready.then(update); // widths change once KaTeX's fonts arrive
})();
