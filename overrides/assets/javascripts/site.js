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
