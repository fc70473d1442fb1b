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

// Search loads only when the reader first opens it. Material starts its search worker and
// downloads the search index on every page, which is a third of what a first visit would
// download (tests/test_page_weight.py), although most readers never search. Until the search box
// gets focus or the search toggle opens (a tap on the magnifier, or the "/", "s" or "f" keys),
// the worker Material asks for is a stand-in that keeps its messages, and the index request
// waits. A page opened from a search result (?h=words) needs the index to highlight the words,
// so it starts at once.
var __site_search = (function () {
  var started = false;
  var waiting = [];
  function start() {
    if (started) return;
    started = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }
  function whenStarted(go) {
    if (started) go(); else waiting.push(go);
  }
  function pathOf(url) {
    return new URL(url, location.href).pathname;
  }

  // Material splits a Chinese query into words it finds in the index, but never tries a word
  // that ends at the query's last character, so "吗啡" (morphine) is searched as "吗" (a question
  // word found on many pages). A Han character that is in no index (〇) after each run of Chinese
  // lets the real last word be found. Query messages are {type: 2, data: "the query"}.
  function withChineseFix(message) {
    if (!message || message.type !== 2 || typeof message.data !== "string") return message;
    return { type: message.type, data: message.data.replace(/\p{sc=Han}+/gu, "$&\u3007") };
  }

  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!/\/workers\/search\.[^/]*\.js$/.test(pathOf(url))) return new RealWorker(url, options);
    var standIn = new EventTarget();
    var kept = [];
    var worker = null;
    standIn.postMessage = function (message) {
      message = withChineseFix(message);
      if (worker) worker.postMessage(message); else kept.push(message);
    };
    standIn.terminate = function () {
      if (worker) worker.terminate();
    };
    whenStarted(function () {
      worker = new RealWorker(url, options);
      worker.addEventListener("message", function (event) {
        standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      kept.splice(0).forEach(function (message) { worker.postMessage(message); });
    });
    return standIn;
  };

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(".md-search__input")) start();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) start();
  }, true);
  if (new URLSearchParams(location.search).has("h")) start();

  return { whenStarted: whenStarted, isIndex: function (url) { return /\/search\/search_index\.json$/.test(pathOf(url)); } };
})();

// Material looks for a sitemap.xml next to the address of every <link rel="alternate">, to map
// the current page to another language. Our alternates are the same page's address in each
// language (see hooks/translations.py), so those look-ups would fetch addresses that do not
// exist, and the language switcher links straight to the right page already. Skip them: the
// request is never sent, and Material sees it as cancelled. The search index request waits until
// search starts (above).
(function () {
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__site_skip = /\/sitemap\.xml$/.test(new URL(url, location.href).pathname);
    this.__site_search_index = __site_search.isIndex(url);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__site_skip) {
      this.dispatchEvent(new ProgressEvent("abort"));
      return;
    }
    if (this.__site_search_index) {
      var request = this, parts = arguments;
      __site_search.whenStarted(function () { send.apply(request, parts); });
      return;
    }
    return send.apply(this, arguments);
  };
})();
