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

  // Tokens of the index, sorted, for prefix lookups of Latin-script words.
  var sortedTokens = null;

  function lookup(index, token) {
    var exact = isCjk(token.codePointAt(0));
    if (exact) return index.postings[token] || [];
    if (!sortedTokens) sortedTokens = Object.keys(index.postings).sort();
    var lo = 0, hi = sortedTokens.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sortedTokens[mid] < token) lo = mid + 1; else hi = mid;
    }
    var hits = [];
    for (var i = lo; i < sortedTokens.length && sortedTokens[i].indexOf(token) === 0; i++) {
      hits = hits.concat(index.postings[sortedTokens[i]]);
    }
    return hits;
  }

  function search(index, query) {
    var q = tokens(query);
    if (!q.length) return [];
    var scores = null;
    q.forEach(function (token) {
      var hits = {};
      lookup(index, token).forEach(function (pair) {
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
  }

  function setUpSearch() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-input");
    var results = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var index = window.kyodoSearchIndex;
    if (!form || !input || !results || !status || !index) return;

    function run(query) {
      results.textContent = "";
      if (!query.trim()) {
        status.textContent = form.getAttribute("data-prompt");
        return;
      }
      var found = search(index, query);
      status.textContent = format(form.getAttribute(found.length ? "data-found" : "data-none"), { q: query, n: found.length });
      found.forEach(function (i) {
        var doc = index.docs[i];
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
  setUpSearch();
})();
