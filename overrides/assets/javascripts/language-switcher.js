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
