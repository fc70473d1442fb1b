// The language switcher links to the same page in each language. Add the section the reader is
// on (the address's #fragment, which Material keeps up to date while they scroll), so switching
// language keeps them where they were: /es/page/#nerve-blocks works like /page/#nerve-blocks
// because every language uses the same heading ids.
(function () {
  function withSection(link) {
    var target = new URL(link.getAttribute("data-page") || link.href, location.href);
    link.setAttribute("data-page", target.href.split("#")[0]);
    target.hash = location.hash;
    link.href = target.href;
  }
  function update() {
    document.querySelectorAll(".md-select__link[hreflang]").forEach(withSection);
  }
  update();
  window.addEventListener("hashchange", update);
  // Material changes the address with history.replaceState while the reader scrolls, which fires
  // no event: update again just before a link is followed.
  document.addEventListener("pointerdown", update, true);
  document.addEventListener("focusin", update, true);
  document.addEventListener("click", update, true);
})();

// A table wider than a phone scrolls sideways inside the wrapper Material puts around it. Keyboard
// users can only scroll it if the wrapper can take focus, and screen readers need to know what it
// is (WCAG 2.1.1): make each wrapper a focusable, named region. Material adds the wrappers itself,
// so this runs after each page is set up (document$ is Material's page-ready signal).
(function () {
  // The heading the table sits under names the region ("My pain diary").
  function headingBefore(element) {
    for (; element; element = element.parentElement) {
      for (var before = element.previousElementSibling; before; before = before.previousElementSibling) {
        if (/^H[1-6]$/.test(before.tagName)) return before.textContent.replace(/¶$/, "").trim();
      }
    }
    return document.title;
  }
  function focusableTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrapper) {
      if (wrapper.hasAttribute("tabindex")) return;
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", headingBefore(wrapper));
    });
  }
  if (window.document$) {
    window.document$.subscribe(focusableTables);
  } else {
    document.addEventListener("DOMContentLoaded", focusableTables);
  }
})();

// Material shows "Link copied" in a small box after a section link is copied (hooks/section_links.py).
// Make the box a polite live region, so screen readers announce it too.
(function () {
  var dialog = document.querySelector(".md-dialog");
  if (dialog) {
    dialog.setAttribute("role", "status");
    dialog.setAttribute("aria-live", "polite");
  }
})();

// A section that moved to another page keeps its old id here as an empty anchor naming its new
// address (data/redirects.yml, hooks/link_contract.py): a link to the old section goes there.
(function () {
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    var anchor = id && document.getElementById(id);
    if (anchor && anchor.hasAttribute("data-moved-to")) {
      location.replace(anchor.getAttribute("data-moved-to"));
    }
  }
  follow();
  window.addEventListener("hashchange", follow);
})();

// Glossary terms (hooks/page_markdown.py): each is a link to its entry in the word list, which
// names its definition for screen readers. Here it becomes a button that shows the definition in
// a small box below it (above it near the bottom of the screen), kept inside the screen in both
// directions. A tap, a click, Enter or Space opens it; a second tap, a tap elsewhere or Esc
// closes it. Nothing needs a hover, which phones do not have.
(function () {
  var definitions = document.querySelector(".term-definitions");
  if (!definitions) return;
  var tip = document.createElement("span");
  tip.className = "term-tip";
  tip.id = "term-tip";
  tip.setAttribute("role", "status");
  tip.hidden = true;
  var open = null;
  var GAP = 8;

  function place() {
    if (!open) return;
    var term = open.getBoundingClientRect();
    var width = Math.min(tip.offsetWidth, document.documentElement.clientWidth - 2 * GAP);
    var rtl = getComputedStyle(open).direction === "rtl";
    var start = rtl ? term.right - width : term.left;
    var left = Math.max(GAP, Math.min(start, document.documentElement.clientWidth - width - GAP));
    var below = term.bottom + GAP;
    var top = below + tip.offsetHeight > window.innerHeight && term.top - GAP - tip.offsetHeight > 0
      ? term.top - GAP - tip.offsetHeight : below;
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }

  function close(returnFocus) {
    if (!open) return;
    open.setAttribute("aria-expanded", "false");
    if (returnFocus) open.focus();
    open = null;
    tip.hidden = true;
    tip.textContent = "";
  }

  function show(button) {
    close(false);
    open = button;
    button.setAttribute("aria-expanded", "true");
    // Right after the term in the page, so a screen reader reading on finds it there too.
    button.after(tip);
    tip.hidden = false;
    var text = document.createElement("span");
    text.textContent = document.getElementById(button.getAttribute("aria-describedby")).textContent;
    var more = document.createElement("a");
    more.href = button.getAttribute("data-href");
    more.textContent = definitions.getAttribute("data-more");
    tip.append(text, " ", more);
    place();
  }

  document.querySelectorAll("a.term[aria-describedby]").forEach(function (link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "term";
    button.textContent = link.textContent;
    button.setAttribute("aria-describedby", link.getAttribute("aria-describedby"));
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", tip.id);
    button.setAttribute("data-href", link.href);
    link.replaceWith(button);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.term");
    if (button) {
      if (button === open) close(false); else show(button);
    } else if (open && !tip.contains(event.target)) {
      close(false);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) close(true);
  });
  window.addEventListener("resize", place);
  window.addEventListener("scroll", place, { passive: true });
})();

// A link to the urgent box (#urgent-warning) opens its signs where the box keeps them one tap
// away (the home page), and printing opens every closed section, so paper shows it all.
(function () {
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target) target.querySelectorAll("details").forEach(function (d) { d.open = true; });
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".md-content details").forEach(function (d) { d.open = true; });
  });
})();
