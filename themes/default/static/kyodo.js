/* kyodo: progressive enhancement. Pages work without this script: lists show their
   projects page by page with links to each category, the search page says how to browse
   instead. With it: filters and sorting of the project list, kept in the address (so a
   filtered list can be shared, bookmarked and reloaded, and is the same after Back);
   across the pages of a long list through the facet files of the search index; search
   with verdicts and highlighted matches; the language switcher keeps the query and the
   filters; printed pages carry their address and the date. */
(function () {
  "use strict";

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (_, key) {
      return key in values ? String(values[key]) : "";
    });
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* Scripts of the index load with <script> elements, which works from disk too. */
  var loading = {};
  function loadScript(src) {
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading[src];
  }

  /* A verdict badge, as the pages' `verdict` macro writes it: the shape and the words. */
  function badge(key, kind, source, label) {
    var span = el("span", "verdict verdict-" + key);
    if (kind === "grade") {
      if (source) span.appendChild(el("span", "verdict-source", source));
      span.appendChild(document.createTextNode(" "));
      span.appendChild(el("span", "grade-letter", label));
    } else {
      var ns = "http://www.w3.org/2000/svg";
      var svg = document.createElementNS(ns, "svg");
      svg.setAttribute("class", "verdict-icon");
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
      var use = document.createElementNS(ns, "use");
      use.setAttribute("href", "#v-" + key);
      svg.appendChild(use);
      span.appendChild(svg);
      if (source) span.appendChild(el("span", "verdict-source", source + ":"));
      span.appendChild(document.createTextNode(" "));
      span.appendChild(el("span", "verdict-label", label));
    }
    return span;
  }

  /* ---- The address: filters and sort as ?status=…&sort=… ---- */
  function readState(names) {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    names.forEach(function (n) { state[n] = params.get(n) || ""; });
    return state;
  }

  function writeState(state, defaults) {
    if (!window.history || !window.history.replaceState) return;
    var url = new URL(window.location.href);
    Object.keys(state).forEach(function (n) {
      if (state[n] && state[n] !== defaults[n]) url.searchParams.set(n, state[n]);
      else url.searchParams.delete(n);
    });
    window.history.replaceState(null, "", url.toString());
    keepStateInLanguageLinks();
  }

  /* The language switcher leads to the same page with the same query and filters. */
  function keepStateInLanguageLinks() {
    var links = document.querySelectorAll("a[data-keep-state]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      var base = a.getAttribute("data-base") || a.getAttribute("href");
      a.setAttribute("data-base", base);
      a.setAttribute("href", base.split(/[?#]/)[0] + window.location.search + window.location.hash);
    }
  }

  /* ---- The project list ---- */
  var FILTERS = ["status", "grade", "policy", "department", "partner"];

  function setUpFilters() {
    var form = document.getElementById("filters");
    var list = document.getElementById("project-list");
    if (!form || !list) return;
    var count = document.getElementById("filter-count");
    var selects = {};
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (s) { selects[s.name] = s; });
    var names = Object.keys(selects);
    var defaults = {};
    names.forEach(function (n) { defaults[n] = n === "sort" ? "plan" : ""; });
    var serverCards = Array.prototype.slice.call(list.querySelectorAll("li.project-card"));
    var pages = Number(form.getAttribute("data-pages") || "1");
    var total = Number(form.getAttribute("data-total") || serverCards.length);
    var pagers = Array.prototype.slice.call(document.querySelectorAll(".pager"));
    var wholeList = pages > 1 ? new IndexList(form, list) : null;

    function current() {
      var state = {};
      names.forEach(function (n) { state[n] = selects[n].value; });
      return state;
    }

    function showCount(shown) {
      if (!count) return;
      var template = form.getAttribute(total === 1 ? "data-count-one" : "data-count-other");
      count.textContent = format(template, { shown: shown, total: total });
    }

    function matches(card, state) {
      return FILTERS.every(function (n) {
        var wanted = state[n];
        if (!wanted) return true;
        var have = card.getAttribute("data-" + (n === "partner" ? "partners" : n)) || "";
        return n === "partner" ? have.split(" ").indexOf(wanted) >= 0 : have === wanted;
      });
    }

    function sortKey(card, sort) {
      var position = Number(card.getAttribute("data-position"));
      if (sort === "verdict") return [Number(card.getAttribute("data-rank")), position];
      if (sort === "department") return [Number(card.getAttribute("data-department-rank")), position];
      return [position, 0];
    }

    function applyHere(state) {
      var shown = 0;
      serverCards.forEach(function (card) {
        var visible = matches(card, state);
        if (visible) { card.removeAttribute("hidden"); shown += 1; } else card.setAttribute("hidden", "");
      });
      serverCards.slice().sort(function (a, b) {
        var ka = sortKey(a, state.sort), kb = sortKey(b, state.sort);
        return ka[0] - kb[0] || ka[1] - kb[1];
      }).forEach(function (card) { list.appendChild(card); });
      showCount(shown);
    }

    function apply() {
      var state = current();
      writeState(state, defaults);
      var narrowed = names.some(function (n) { return state[n] !== defaults[n]; });
      if (wholeList && narrowed) {
        pagers.forEach(function (p) { p.setAttribute("hidden", ""); });
        wholeList.show(state, selects, function (n) { showCount(n); });
      } else {
        if (wholeList) {
          wholeList.restore(serverCards);
          pagers.forEach(function (p) { p.removeAttribute("hidden"); });
        }
        applyHere(state);
        if (!narrowed && count) count.textContent = count.getAttribute("data-initial") || count.textContent;
      }
    }

    function restore() {
      var state = readState(names);
      names.forEach(function (n) {
        var s = selects[n];
        var wanted = state[n] || defaults[n];
        var known = Array.prototype.some.call(s.options, function (o) { return o.value === wanted; });
        s.value = known ? wanted : defaults[n];
      });
      apply();
    }

    if (count) count.setAttribute("data-initial", count.textContent);
    names.forEach(function (n) { selects[n].addEventListener("change", apply); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    // After Back (a page from the back/forward cache) and on history moves, the list
    // follows the address again.
    window.addEventListener("pageshow", function (event) { if (event.persisted) restore(); });
    window.addEventListener("popstate", restore);
    form.removeAttribute("hidden");
    restore();
  }

  /* ---- A long list across its pages: the facet files of the search index give the
     projects of each filter value (as positions in plan order), the document shards their
     titles. ---- */
  window.kyodoFacets = window.kyodoFacets || { sets: {}, add: function (scope, name, encoded) {
    var positions = [], at = -1;
    if (encoded) encoded.split(",").forEach(function (gap) { at += parseInt(gap, 36); positions.push(at); });
    this.sets[scope + "/" + name] = positions;
  } };

  var PAGE = 100;

  function IndexList(form, list) {
    this.form = form;
    this.list = list;
    this.base = form.getAttribute("data-index");
    this.root = form.getAttribute("data-root") || "";
    this.scope = form.getAttribute("data-scope") || "latest";
    this.lang = document.documentElement.lang;
    this.ticket = 0;
  }

  IndexList.prototype.facet = function (name) {
    var scope = this.scope;
    var src = this.base.replace(/[a-z]+\/$/, "facets/") + scope + "/" + name + ".js";
    return loadScript(src).then(function () { return window.kyodoFacets.sets[scope + "/" + name] || []; });
  };

  IndexList.prototype.restore = function (cards) {
    if (!this.replaced) return;
    this.list.textContent = "";
    var list = this.list;
    cards.forEach(function (c) { list.appendChild(c); });
    if (this.more) this.more.remove();
    this.replaced = false;
  };

  IndexList.prototype.show = function (state, selects, done) {
    var self = this;
    var ticket = ++this.ticket;
    var wanted = FILTERS.filter(function (n) { return state[n]; }).map(function (n) { return n + "-" + state[n]; });
    var valuesOf = function (name) {
      var s = selects[name];
      return s ? Array.prototype.filter.call(s.options, function (o) { return o.value; }).map(function (o) { return o.value; }) : [];
    };
    var rankBy = state.sort === "verdict" ? ["grade", "status"] : state.sort === "department" ? ["department"] : [];
    var loads = [this.facet("all")].concat(wanted.map(function (n) { return self.facet(n); }));
    var ranked = [];
    rankBy.forEach(function (name) { valuesOf(name).forEach(function (v) { ranked.push(name + "-" + v); }); });
    var badges = ["grade", "status"].map(function (name) { return valuesOf(name).map(function (v) { return name + "-" + v; }); });
    var needed = ranked.concat(badges[0], badges[1]).filter(function (n, i, all) { return all.indexOf(n) === i; });
    Promise.all(loads.concat(needed.map(function (n) { return self.facet(n); }))).then(function (sets) {
      if (ticket !== self.ticket) return;
      var found = sets[0];
      for (var i = 1; i <= wanted.length; i++) {
        var keep = {};
        sets[i].forEach(function (p) { keep[p] = true; });
        found = found.filter(function (p) { return keep[p]; });
      }
      var byName = {};
      needed.forEach(function (n, j) { byName[n] = sets[1 + wanted.length + j]; });
      var rank = {};
      ranked.forEach(function (n, r) { byName[n].forEach(function (p) { if (!(p in rank)) rank[p] = r; }); });
      var verdictOf = {};
      badges[1].concat(badges[0]).forEach(function (n) { byName[n].forEach(function (p) { verdictOf[p] = n; }); });
      found = found.slice().sort(function (a, b) {
        var ra = a in rank ? rank[a] : 1e9, rb = b in rank ? rank[b] : 1e9;
        return ra - rb || a - b;
      });
      self.found = found;
      self.verdictOf = verdictOf;
      self.selects = selects;
      self.list.textContent = "";
      self.replaced = true;
      self.shown = 0;
      done(found.length);
      return self.render(ticket);
    }).catch(function () { done(0); });
  };

  IndexList.prototype.render = function (ticket) {
    var self = this;
    var batch = this.found.slice(this.shown, this.shown + PAGE);
    var docShards = {};
    var per = 500;
    batch.forEach(function (p) { docShards[Math.floor(p / per)] = true; });
    return Promise.all(Object.keys(docShards).map(function (k) { return loadScript(self.base + "d" + k + ".js"); })).then(function () {
      if (ticket !== self.ticket) return;
      batch.forEach(function (p) { self.list.appendChild(self.card(p, per)); });
      self.shown += batch.length;
      if (self.more) self.more.remove();
      if (self.shown < self.found.length) {
        self.more = el("button", "button button-secondary", self.form.getAttribute("data-more") || "…");
        self.more.type = "button";
        self.more.addEventListener("click", function () { self.render(self.ticket); });
        self.list.parentNode.insertBefore(self.more, self.list.nextSibling);
      }
    });
  };

  IndexList.prototype.card = function (position, per) {
    var doc = (searchIndex.docs[Math.floor(position / per)] || [])[position % per] || [];
    var li = el("li", "project-card");
    var h = el("h2", "card-title");
    var a = el("a", "", doc[1] || "");
    a.href = this.root + this.lang + "/" + (doc[0] || "");
    h.appendChild(a);
    li.appendChild(h);
    var verdict = this.verdictOf[position];
    if (verdict) {
      var grade = verdict.indexOf("grade-") === 0;
      var value = verdict.slice(verdict.indexOf("-") + 1);
      var select = this.selects[grade ? "grade" : "status"];
      var option = select && select.querySelector('option[value="' + value + '"]');
      var label = option ? option.getAttribute("data-label") : value;
      var p = el("p", "card-verdict");
      p.appendChild(badge(grade ? "grade-" + value : value, grade ? "grade" : "status", select.getAttribute("data-source"), label));
      li.appendChild(p);
    }
    li.appendChild(el("p", "card-meta", doc[2] || ""));
    return li;
  };

  /* ---- Search ---- */
  // Must cut text exactly as src/search.rs does: NFKC, lower case, bigrams of runs of kana
  // and kanji (a lone character stays whole), words of letters and digits.
  function isCjk(code) {
    return (code >= 0x3005 && code <= 0x3007) || (code >= 0x3040 && code <= 0x30ff) ||
      (code >= 0x31f0 && code <= 0x31ff) || (code >= 0x3400 && code <= 0x4dbf) ||
      (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
  }

  var alnum = /[\p{L}\p{N}]/u;

  function tokens(text) {
    var normalized = text.normalize("NFKC").toLowerCase();
    var out = [];
    var cjk = [];
    var word = "";
    function flushCjk() {
      if (cjk.length === 1) out.push(cjk[0]);
      for (var i = 0; i + 1 < cjk.length; i++) out.push(cjk[i] + cjk[i + 1]);
      cjk = [];
    }
    function flushWord() {
      if (word) out.push(word);
      word = "";
    }
    Array.from(normalized).forEach(function (ch) {
      var code = ch.codePointAt(0);
      if (isCjk(code)) {
        flushWord();
        cjk.push(ch);
      } else if (alnum.test(ch)) {
        flushCjk();
        word += ch;
      } else {
        flushCjk();
        flushWord();
      }
    });
    flushCjk();
    flushWord();
    return out;
  }

  // FNV-1a (32 bit) over UTF-8 bytes, as src/search.rs computes it.
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  // A CJK bigram is its own key; a word's key is its first two characters.
  function shardKey(token) {
    if (isCjk(token.codePointAt(0))) return token;
    return Array.from(token).slice(0, 2).join("");
  }

  var MAX_RESULTS = 100;

  // The index arrives in shards, each a script calling window.kyodoSearch.
  var searchIndex = { meta: null, tokens: {}, docs: {} };
  var searchBase = "";

  function load(kind, shard) {
    var have = kind === "t" ? searchIndex.tokens : searchIndex.docs;
    if (shard in have) return Promise.resolve();
    return loadScript(searchBase + kind + shard + ".js");
  }

  window.kyodoSearch = {
    meta: function (meta) {
      searchIndex.meta = meta;
      var current = document.currentScript;
      searchBase = current ? current.src.replace(/meta\.js(\?.*)?$/, "") : "";
      setUpSearch();
    },
    add: function (kind, shard, data) {
      (kind === "t" ? searchIndex.tokens : searchIndex.docs)[shard] = data;
    }
  };

  function postingsFor(token) {
    var shard = searchIndex.tokens[fnv1a(shardKey(token)) % searchIndex.meta.shards] || {};
    if (isCjk(token.codePointAt(0))) return shard[token] || [];
    var hits = [];
    Object.keys(shard).forEach(function (t) {
      if (t.indexOf(token) === 0) hits = hits.concat(shard[t]);
    });
    return hits;
  }

  function queryTokens(query) {
    var stop = searchIndex.meta.stop || [];
    return tokens(query).filter(function (t) {
      return stop.indexOf(t) < 0 && (isCjk(t.codePointAt(0)) || Array.from(t).length >= 2);
    });
  }

  // Resolves to the ranked document numbers matching every query token.
  function search(query) {
    var q = queryTokens(query);
    if (!q.length) return Promise.resolve([]);
    var shards = {};
    q.forEach(function (t) { shards[fnv1a(shardKey(t)) % searchIndex.meta.shards] = true; });
    return Promise.all(Object.keys(shards).map(function (k) { return load("t", k); })).then(function () {
      var scores = null;
      q.forEach(function (token) {
        var hits = {};
        postingsFor(token).forEach(function (pair) {
          hits[pair[0]] = (hits[pair[0]] || 0) + pair[1];
        });
        if (scores === null) {
          scores = hits;
        } else {
          var next = {};
          Object.keys(scores).forEach(function (doc) {
            if (doc in hits) next[doc] = scores[doc] + hits[doc];
          });
          scores = next;
        }
      });
      return Object.keys(scores).map(Number).sort(function (a, b) {
        return scores[b] - scores[a] || a - b;
      });
    });
  }

  function documentOf(n) {
    var per = searchIndex.meta.docsPerShard;
    return searchIndex.docs[Math.floor(n / per)][n % per];
  }

  /* Puts `text` into `parent`, each piece that matches the query marked: the words of the
     query, and for Japanese each run of the query's characters. */
  function highlighted(parent, text, query) {
    var terms = query.normalize("NFKC").toLowerCase().split(/[\s\u3000]+/).filter(function (t) { return t.length > 0; });
    if (!terms.length) { parent.textContent = text; return parent; }
    var escaped = terms.sort(function (a, b) { return b.length - a.length; }).map(function (t) {
      return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    });
    var pattern = new RegExp("(" + escaped.join("|") + ")", "gi");
    var plain = text.normalize("NFKC");
    var at = 0;
    plain.replace(pattern, function (match, _, offset) {
      if (offset > at) parent.appendChild(document.createTextNode(plain.slice(at, offset)));
      parent.appendChild(el("mark", "", match));
      at = offset + match.length;
      return match;
    });
    if (at < plain.length) parent.appendChild(document.createTextNode(plain.slice(at)));
    return parent;
  }

  var searchReady = false;

  function setUpSearch() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-input");
    var results = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (searchReady || !form || !input || !results || !status || !searchIndex.meta) return;
    searchReady = true;
    var latest = 0;

    function run(query) {
      var ticket = ++latest;
      results.textContent = "";
      if (!query.trim()) {
        status.textContent = form.getAttribute("data-prompt");
        return;
      }
      search(query).then(function (found) {
        var shown = found.slice(0, MAX_RESULTS);
        var docShards = {};
        shown.forEach(function (n) { docShards[Math.floor(n / searchIndex.meta.docsPerShard)] = true; });
        return Promise.all(Object.keys(docShards).map(function (k) { return load("d", k); })).then(function () {
          if (ticket !== latest) return;
          var message = found.length === 1 ? "data-found-one" : found.length ? "data-found" : "data-none";
          status.textContent = format(form.getAttribute(message), { q: query, n: found.length });
          shown.forEach(function (n) {
            var doc = documentOf(n);
            var li = el("li");
            var a = el("a");
            a.href = doc[0];
            highlighted(a, doc[1], query);
            li.appendChild(a);
            if (doc[4]) {
              var verdict = el("p", "card-verdict");
              verdict.appendChild(badge(doc[4], doc[5], doc[6], doc[7]));
              li.appendChild(verdict);
            }
            if (doc[2]) li.appendChild(el("p", "result-meta", doc[2]));
            if (doc[3]) li.appendChild(highlighted(el("p"), doc[3], query));
            results.appendChild(li);
          });
        });
      }).catch(function () {
        status.textContent = format(form.getAttribute("data-none"), { q: query });
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      writeState({ q: input.value }, { q: "" });
      run(input.value);
    });
    var initial = new URLSearchParams(window.location.search).get("q") || "";
    input.value = initial;
    run(initial);
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        var q = new URLSearchParams(window.location.search).get("q") || "";
        input.value = q;
        run(q);
      }
    });
  }

  /* ---- Printing: the page's address and the date ---- */
  function setUpPrint() {
    var url = document.querySelector(".print-url");
    var date = document.querySelector(".print-date");
    function fill() {
      if (url && !url.textContent && /^https?:/.test(window.location.protocol)) url.textContent = window.location.href;
      if (date) date.textContent = new Date().toISOString().slice(0, 10);
    }
    window.addEventListener("beforeprint", fill);
    fill();
  }

  function start() {
    keepStateInLanguageLinks();
    setUpFilters();
    setUpSearch();
    setUpPrint();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
