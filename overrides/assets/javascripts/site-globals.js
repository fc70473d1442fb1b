// The globals Material's bundle expects before it runs. Material sets them in an inline script;
// they live here so the Content-Security-Policy can forbid inline scripts.
//
// __md_get and __md_set are where Material would remember things in the browser's storage
// (a dismissed banner, a chosen tab). The site stores nothing about its readers, so they keep
// nothing.

// The site's root: this file is at <root>/assets/javascripts/.
var __md_scope = new URL("../../", document.currentScript.src);

// A small string hash Material uses to name things.
var __md_hash = function (text) {
  var hash = 0;
  for (var i = 0; i < text.length; i++) {
    hash = ((hash << 5) - hash + text.charCodeAt(i)) | 0;
  }
  return hash;
};

var __md_get = function () {
  return null;
};

var __md_set = function () {};

// Material looks for a sitemap.xml next to the address of every <link rel="alternate">, to map
// the current page to another language. Our alternates are the same page's address in each
// language (see hooks/translations.py), so those look-ups would fetch addresses that do not
// exist, and the language switcher links straight to the right page already. Skip them: the
// request is never sent, and Material sees it as cancelled.
(function () {
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__site_skip = /\/sitemap\.xml$/.test(new URL(url, location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__site_skip) {
      this.dispatchEvent(new ProgressEvent("abort"));
      return;
    }
    return send.apply(this, arguments);
  };
})();
