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
