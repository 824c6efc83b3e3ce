/* kyodo: progressive enhancement for the project list (filters) and the search page.
   Pages work without this script: the list shows every project with links to each
   category, and the search page says how to browse instead. */
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return key in values ? String(values[key]) : "";
    });
  }

  /* ---- Filters on the project list ---- */
  function setUpFilters() {
    var form = document.getElementById("filters");
    var list = document.getElementById("project-list");
    if (!form || !list) return;
    var cards = Array.prototype.slice.call(list.querySelectorAll("li.project-card"));
    var count = document.getElementById("filter-count");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var attribute = { policy: "policy", department: "department", grade: "grade", partner: "partners" };

    function apply() {
      var shown = 0;
      cards.forEach(function (card) {
        var visible = selects.every(function (select) {
          var wanted = select.value;
          if (!wanted) return true;
          var have = card.getAttribute("data-" + attribute[select.name]) || "";
          return select.name === "partner" ? have.split(" ").indexOf(wanted) >= 0 : have === wanted;
        });
        if (visible) {
          card.removeAttribute("hidden");
          shown += 1;
        } else {
          card.setAttribute("hidden", "");
        }
      });
      if (count) {
        count.textContent = format(form.getAttribute("data-count-template") || "{shown}/{total}", { shown: shown, total: cards.length });
      }
    }

    selects.forEach(function (select) {
      select.addEventListener("change", apply);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
    });
    form.removeAttribute("hidden");
    apply();
  }

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
  var index = { meta: null, tokens: {}, docs: {}, waiting: {} };
  var searchBase = "";

  function load(kind, shard) {
    var key = kind + shard;
    var have = kind === "t" ? index.tokens : index.docs;
    if (shard in have) return Promise.resolve();
    if (!index.waiting[key]) {
      index.waiting[key] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = searchBase + kind + shard + ".js";
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return index.waiting[key];
  }

  window.kyodoSearch = {
    meta: function (meta) {
      index.meta = meta;
      var current = document.currentScript;
      searchBase = current ? current.src.replace(/meta\.js(\?.*)?$/, "") : "";
      setUpSearch();
    },
    add: function (kind, shard, data) {
      (kind === "t" ? index.tokens : index.docs)[shard] = data;
    }
  };

  function postingsFor(token) {
    var shard = index.tokens[fnv1a(shardKey(token)) % index.meta.shards] || {};
    if (isCjk(token.codePointAt(0))) return shard[token] || [];
    var hits = [];
    Object.keys(shard).forEach(function (t) {
      if (t.indexOf(token) === 0) hits = hits.concat(shard[t]);
    });
    return hits;
  }

  function queryTokens(query) {
    var stop = index.meta.stop || [];
    return tokens(query).filter(function (t) {
      return stop.indexOf(t) < 0 && (isCjk(t.codePointAt(0)) || Array.from(t).length >= 2);
    });
  }

  // Resolves to the ranked document numbers matching every query token.
  function search(query) {
    var q = queryTokens(query);
    if (!q.length) return Promise.resolve([]);
    var shards = {};
    q.forEach(function (t) { shards[fnv1a(shardKey(t)) % index.meta.shards] = true; });
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
    var per = index.meta.docsPerShard;
    return index.docs[Math.floor(n / per)][n % per];
  }

  var searchReady = false;

  function setUpSearch() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-input");
    var results = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (searchReady || !form || !input || !results || !status || !index.meta) return;
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
        shown.forEach(function (n) { docShards[Math.floor(n / index.meta.docsPerShard)] = true; });
        return Promise.all(Object.keys(docShards).map(function (k) { return load("d", k); })).then(function () {
          if (ticket !== latest) return;
          status.textContent = format(form.getAttribute(found.length ? "data-found" : "data-none"), { q: query, n: found.length });
          shown.forEach(function (n) {
            var doc = documentOf(n);
            var li = document.createElement("li");
            var a = document.createElement("a");
            a.href = doc[0];
            a.textContent = doc[1];
            li.appendChild(a);
            if (doc[2]) {
              var meta = document.createElement("p");
              meta.className = "result-meta";
              meta.textContent = doc[2];
              li.appendChild(meta);
            }
            if (doc[3]) {
              var summary = document.createElement("p");
              summary.textContent = doc[3];
              li.appendChild(summary);
            }
            results.appendChild(li);
          });
        });
      }).catch(function () {
        status.textContent = form.getAttribute("data-none").replace("{q}", query);
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = input.value;
      if (window.history && window.history.replaceState) {
        var url = new URL(window.location.href);
        url.searchParams.set("q", query);
        window.history.replaceState(null, "", url.toString());
      }
      run(query);
    });
    var initial = new URLSearchParams(window.location.search).get("q") || "";
    input.value = initial;
    run(initial);
  }

  setUpFilters();
})();
