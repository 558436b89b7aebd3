/* Site search that works from disk (file://), under any sub-path and online.
 *
 * The index is a set of small script files written at build time
 * (plugins/search/index.py). Each calls WardSearch.add(name, data); this
 * file loads only the ones a query needs, with <script> tags, because
 * fetch/XHR, ES modules and workers are blocked on file://.
 *
 * Matching folds tones and marks (đ → d), so "hoi nghi" finds "Hội nghị";
 * exact-accent matches, title matches and words close together rank higher;
 * the last word matches as a prefix while typing. The word keys mirror
 * plugins/search/folding.py. */
(function () {
  "use strict";

  var TONES = { "\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5" };
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var PAGE = 10;

  function exactKey(word) {
    var d = word.toLowerCase().normalize("NFD"), tone = "", kept = "";
    for (var i = 0; i < d.length; i++) {
      var c = d.charAt(i);
      if (TONES[c]) { tone = TONES[c]; } else { kept += c; }
    }
    return kept.normalize("NFC") + tone;
  }

  function foldedKey(word) {
    return word.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function words(text) {
    return text.normalize("NFC").match(/[\p{L}\p{N}]+/gu) || [];
  }

  function filePart(key) {
    if (/^[a-z0-9]+$/.test(key)) { return key; }
    var bytes = new TextEncoder().encode(key), hex = "x";
    for (var i = 0; i < bytes.length; i++) { hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16); }
    return hex;
  }

  function decodeNumbers(text) {
    var out = [], current = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = ALPHABET.indexOf(text.charAt(i));
      current += (digit & 31) * Math.pow(2, shift);
      if (digit & 32) { shift += 5; } else { out.push(current); current = 0; shift = 0; }
    }
    return out;
  }

  function decodePostings(text, keep) {
    var n = decodeNumbers(text), out = [], i = 0, doc = -1;
    while (i < n.length) {
      var head = n[i];
      doc += Math.floor(head / 8) + 1;
      var count = (head >> 1) & 3, stored = Math.min(count, keep), positions = [], last = -1;
      i += 1;
      for (var k = 0; k < stored; k++) { last += n[i + k] + 1; positions.push(last); }
      i += stored;
      out.push({ doc: doc, title: (head & 1) === 1, count: count, positions: positions });
    }
    return out;
  }

  /* -- loading shards ---------------------------------------------------- */
  var store = {}, waiting = {}, root = "";

  function load(name) {
    if (store[name]) { return Promise.resolve(store[name]); }
    if (!waiting[name]) {
      waiting[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root + name + ".js";
        script.onload = function () { resolve(store[name]); };
        script.onerror = function () { reject(new Error("Không tải được chỉ mục tìm kiếm: " + name)); };
        document.head.appendChild(script);
      });
    }
    return waiting[name];
  }

  var WardSearch = window.WardSearch = {
    add: function (name, data) { store[name] = data; },
    setRoot: function (url) { root = url; },
    exactKey: exactKey,
    foldedKey: foldedKey,
    decodePostings: decodePostings
  };

  /* -- querying ------------------------------------------------------------ */
  function parse(query, manifest) {
    var stop = {};
    manifest.stop.forEach(function (w) { stop[w] = true; });
    var raw = words(query), terms = [];
    raw.forEach(function (word, index) {
      var exact = exactKey(word), folded = foldedKey(word);
      if (stop[exact] && raw.length > 1) { return; }
      terms.push({
        word: word,
        exact: exact,
        folded: folded,
        toned: exact !== folded,           // the user typed marks: reward exact matches
        prefix: index === raw.length - 1 && folded.length >= manifest.prefix
      });
    });
    return terms;
  }

  function shardsFor(term, manifest) {
    var key = term.folded.slice(0, manifest.prefix), names = [];
    var big = manifest.big[key] || [];
    if (manifest.shards.indexOf("p-" + filePart(key)) >= 0) { names.push("p-" + filePart(key)); }
    big.forEach(function (word) {
      if (word === term.folded || (term.prefix && word.indexOf(term.folded) === 0)) { names.push("t-" + filePart(word)); }
    });
    return names;
  }

  function collect(term, shards, keep) {
    // doc id → {title, positions, exact}
    var hits = {};
    shards.forEach(function (shard) {
      Object.keys(shard || {}).forEach(function (word) {
        if (word !== term.folded && !(term.prefix && word.indexOf(term.folded) === 0)) { return; }
        var forms = shard[word];
        Object.keys(forms).forEach(function (form) {
          var exact = term.toned && (form === term.exact || (term.prefix && form.indexOf(term.exact.replace(/[1-5]$/, "")) === 0 && form.slice(-1) === term.exact.slice(-1)));
          decodePostings(forms[form], keep).forEach(function (p) {
            var hit = hits[p.doc] || (hits[p.doc] = { title: false, positions: [], exact: false, count: 0 });
            hit.title = hit.title || p.title;
            hit.exact = hit.exact || exact;
            hit.count += p.count;
            hit.positions = hit.positions.concat(p.positions);
          });
        });
      });
    });
    Object.keys(hits).forEach(function (d) { hits[d].positions.sort(function (a, b) { return a - b; }); });
    return hits;
  }

  function closest(a, b) {
    // smallest b - a with b after a (word order kept), else Infinity
    var best = Infinity, j = 0;
    for (var i = 0; i < a.length; i++) {
      while (j < b.length && b[j] <= a[i]) { j++; }
      if (j < b.length) { best = Math.min(best, b[j] - a[i]); }
    }
    return best;
  }

  // Ties: the newest article first. Ids are the pages, then the articles
  // from the oldest to the newest (a new article moves no other id).
  function tieOrder(id, manifest) {
    return id < manifest.pages ? manifest.docs + id : manifest.docs - id;
  }

  function rank(terms, hitsPerTerm, manifest) {
    var total = manifest.docs;
    var docs = Object.keys(hitsPerTerm[0]).filter(function (d) {
      return hitsPerTerm.every(function (hits) { return hits[d]; });
    });
    var idf = hitsPerTerm.map(function (hits) { return Math.log(1 + total / (1 + Object.keys(hits).length)); });
    return docs.map(function (d) {
      var score = 0;
      hitsPerTerm.forEach(function (hits, i) {
        var h = hits[d];
        var weight = idf[i] * (h.exact ? 1.5 : 1);
        score += weight * ((h.title ? 3 : 0) + (h.count ? 1 + Math.log(h.count) : 0));
      });
      for (var i = 0; i + 1 < hitsPerTerm.length; i++) {
        var gap = closest(hitsPerTerm[i][d].positions, hitsPerTerm[i + 1][d].positions);
        if (gap === 1) { score += 4; } else if (gap < 10) { score += 2 / gap; }
        if (hitsPerTerm[i][d].title && hitsPerTerm[i + 1][d].title) { score += 1; }
      }
      return { doc: Number(d), score: score };
    }).sort(function (a, b) { return b.score - a.score || tieOrder(a.doc, manifest) - tieOrder(b.doc, manifest); });
  }

  WardSearch.search = function (query) {
    return load("manifest").then(function (manifest) {
      var terms = parse(query, manifest);
      if (!terms.length) { return { terms: [], results: [] }; }
      return Promise.all(terms.map(function (term) {
        return Promise.all(shardsFor(term, manifest).map(load)).then(function (shards) { return collect(term, shards, manifest.positions); });
      })).then(function (hitsPerTerm) {
        // A last word of one or two letters that matches nothing is still
        // being typed ("chuyen doi s"): search without it for now.
        var last = terms.length - 1;
        if (last > 0 && !terms[last].prefix && !Object.keys(hitsPerTerm[last]).length) {
          terms = terms.slice(0, last);
          hitsPerTerm = hitsPerTerm.slice(0, last);
        }
        return { terms: terms, results: rank(terms, hitsPerTerm, manifest), manifest: manifest };
      });
    });
  };

  WardSearch.documents = function (ids, manifest) {
    return Promise.all(ids.map(function (id) {
      return load("d-" + Math.floor(id / manifest.perShard)).then(function (rows) { return rows[id % manifest.perShard]; });
    }));
  };

  /* -- showing results ------------------------------------------------------ */
  /* Indexed text is plain text, written by editors: it only ever becomes
   * text nodes (and <mark> elements made here), never markup. */
  function matches(word, terms) {
    var folded = foldedKey(word);
    return terms.some(function (t) { return folded === t.folded || (t.prefix && folded.indexOf(t.folded) === 0); });
  }

  function appendHighlighted(parent, text, terms) {
    var re = /[\p{L}\p{N}]+/gu, m, last = 0;
    while ((m = re.exec(text))) {
      if (!matches(m[0], terms)) { continue; }
      if (m.index > last) { parent.appendChild(document.createTextNode(text.slice(last, m.index))); }
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      parent.appendChild(mark);
      last = m.index + m[0].length;
    }
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
    return parent;
  }

  function appendSnippet(parent, text, terms) {
    var re = /[\p{L}\p{N}]+/gu, m, first = -1;
    while ((m = re.exec(text))) { if (matches(m[0], terms)) { first = m.index; break; } }
    var start = Math.max(0, first - 60);
    if (start > 0) { start = text.indexOf(" ", start) + 1; }
    appendHighlighted(parent, (start > 0 ? "… " : "") + text.slice(start, start + 220) + (start + 220 < text.length ? " …" : ""), terms);
    return parent;
  }

  function element(tag, className) {
    var made = document.createElement(tag);
    if (className) { made.className = className; }
    return made;
  }

  function init() {
    var page = document.querySelector("[data-search-page]");
    if (!page) { return; }
    root = page.getAttribute("data-index");
    var siteRoot = page.getAttribute("data-root");
    var form = page.querySelector("form");
    var input = form.querySelector("input[name=q]");
    var status = page.querySelector("[data-search-status]");
    var list = page.querySelector("[data-search-results]");
    var more = page.querySelector("[data-search-more]");
    page.querySelector("[data-search-nojs]").hidden = true;
    var state = { results: [], shown: 0, terms: [], manifest: null, token: 0 };

    function showMore() {
      var ids = state.results.slice(state.shown, state.shown + PAGE).map(function (r) { return r.doc; });
      var token = state.token;
      return WardSearch.documents(ids, state.manifest).then(function (rows) {
        if (token !== state.token) { return; }
        rows.forEach(function (row) {
          var item = element("li", "search-result");
          var link = element("a");
          link.href = siteRoot + row[0];
          item.appendChild(element("h2", "search-result__title")).appendChild(appendHighlighted(link, row[1], state.terms));
          var meta = [row[2], row[3]].filter(Boolean).join(" · ");
          if (meta) { item.appendChild(element("p", "meta")).textContent = meta; }
          appendSnippet(item.appendChild(element("p", "search-result__snippet")), row[4], state.terms);
          list.appendChild(item);
        });
        state.shown += rows.length;
        more.hidden = state.shown >= state.results.length;
      });
    }

    function run(query) {
      var token = ++state.token;
      while (list.firstChild) { list.removeChild(list.firstChild); }
      more.hidden = true;
      if (!query.trim()) { status.textContent = "Nhập từ cần tìm, có dấu hoặc không dấu."; return Promise.resolve(); }
      status.textContent = "Đang tìm…";
      return WardSearch.search(query).then(function (found) {
        if (token !== state.token) { return; }
        state.results = found.results; state.terms = found.terms; state.manifest = found.manifest; state.shown = 0;
        var message = found.results.length
          ? "Tìm thấy " + found.results.length + " kết quả cho “" + query.trim() + "”."
          : "Không tìm thấy kết quả nào cho “" + query.trim() + "”. Thử bỏ bớt từ hoặc kiểm tra chính tả.";
        // Announce only once the first results are on the page.
        return (found.results.length ? showMore() : Promise.resolve()).then(function () {
          if (token === state.token) { status.textContent = message; }
        });
      }).catch(function (error) {
        status.textContent = error.message;
      });
    }

    function setUrl(query) {
      try {
        var url = new URL(window.location.href);
        url.searchParams.set("q", query);
        window.history.replaceState(null, "", url.href);
      } catch (e) { /* some file:// set-ups refuse; the search still works */ }
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { setUrl(input.value); run(input.value); }, 200);
    });
    more.addEventListener("click", function () {
      var next = list.children.length;
      showMore().then(function () {
        var link = list.children[next] && list.children[next].querySelector("a");
        if (link) { link.focus(); }
      });
    });

    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    run(query);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
