// A page that moved (data/redirects.yml): go to its new address, keeping the #section the link
// asked for. The page's meta refresh does the same without the section where scripts cannot run.
(function () {
  var target = document.querySelector('meta[name="moved-to"]');
  if (target) {
    location.replace(new URL(target.content, location.href).href.split("#")[0] + location.hash);
  }
})();
