/* The documents register, filtered in place: by type, issuer, year, field
 * and text, from disk (file://) as online. Progressive enhancement: without
 * this script the register is a paginated table with filter pages.
 *
 * The data is in script files written at build time (plugins/documents):
 * van-ban/du-lieu/index.js calls WardRegister.setup({types, issuers, fields,
 * years}); each van-ban/du-lieu/<year>.js calls WardRegister.add(year, rows),
 * and is loaded with a <script> tag only when a filter needs that year
 * (fetch, modules and workers are blocked on file://). Text matches with
 * tones, marks and đ folded, so "ke hoach su dung dat" finds "Kế hoạch sử
 * dụng đất" and "123/qd" finds "123/QĐ-UBND". */
(function () {
  "use strict";

  var setup = null, base = "", rows = {}, loading = {}, waiting = [], started = false;
  var NUMBER = 0, TITLE = 1, DATE = 2, TYPE = 3, ISSUER = 4, FIELD = 5, URL = 6, STATE = 7, STATE_TEXT = 8, FILES = 9;

  function fold(text) {
    return " " + text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim() + " ";
  }

  window.WardRegister = {
    setup: function (data) {
      setup = data;
      var script = document.currentScript;
      base = script ? script.src.replace(/index\.js(\?.*)?$/, "") : "";
      ready();
    },
    add: function (year, list) {
      for (var i = 0; i < list.length; i++) { list[i].folded = fold(list[i][NUMBER] + " " + list[i][TITLE]); }
      rows[year] = list;
      var ready = waiting;
      waiting = [];
      for (var k = 0; k < ready.length; k++) { ready[k](); }
    }
  };

  function load(years, done) {
    var missing = years.filter(function (y) { return !rows[y]; });
    if (!missing.length) { done(); return; }
    waiting.push(function () { load(years, done); });
    missing.forEach(function (year) {
      if (loading[year]) { return; }
      loading[year] = true;
      var script = document.createElement("script");
      script.src = base + year + ".js";
      script.onerror = function () { loading[year] = false; };
      document.head.appendChild(script);
    });
  }

  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  function cell(tag, label, child) {
    var c = document.createElement(tag);
    c.setAttribute("data-label", label);
    if (tag === "th") { c.scope = "row"; }
    if (typeof child === "string") { c.textContent = child; } else if (child) { c.appendChild(child); }
    return c;
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function start() {
    var form = document.querySelector("[data-register-filter]");
    var table = document.querySelector("table.register");
    if (!form || !setup) { return; }
    var root = form.getAttribute("data-root") || "";
    var controls = {
      type: form.querySelector("[name=loai]"), issuer: form.querySelector("[name=co-quan]"),
      year: form.querySelector("[name=nam]"), field: form.querySelector("[name=linh-vuc]"),
      text: form.querySelector("[name=tu-khoa]")
    };
    setup.types.forEach(function (n, i) { option(controls.type, i, n); });
    setup.issuers.forEach(function (n, i) { option(controls.issuer, i, n); });
    setup.years.forEach(function (y) { option(controls.year, y, y); });
    if (setup.fields.length) { setup.fields.forEach(function (n, i) { option(controls.field, i, n); }); }
    else { controls.field.parentNode.hidden = true; }
    var status = form.querySelector("[data-register-status]");
    var results = document.createElement("tbody");
    var original = table ? table.tBodies[0] : null;
    var pagination = document.querySelector(".pagination");
    form.hidden = false;

    function render(found) {
      results.textContent = "";
      found.slice(0, 200).forEach(function (r) {
        var tr = document.createElement("tr");
        var d = r[DATE];
        tr.appendChild(cell("th", "Số ký hiệu", link(root + r[URL], r[NUMBER])));
        tr.appendChild(cell("td", "Ngày ban hành", d.slice(6, 8) + "/" + d.slice(4, 6) + "/" + d.slice(0, 4)));
        tr.appendChild(cell("td", "Trích yếu", link(root + r[URL], r[TITLE])));
        tr.appendChild(cell("td", "Loại", setup.types[r[TYPE]]));
        tr.appendChild(cell("td", "Cơ quan ban hành", setup.issuers[r[ISSUER]]));
        var state = document.createElement("span");
        if (r[STATE_TEXT]) { state.className = "doc-status doc-status--" + r[STATE]; state.textContent = r[STATE_TEXT]; }
        else { state.textContent = "—"; }
        tr.appendChild(cell("td", "Tình trạng", state));
        var files = document.createElement("span");
        r[FILES].forEach(function (f, i) {
          var a = link(root + f[1], f[0]);
          a.className = "register__file";
          a.setAttribute("download", "");
          var name = document.createElement("span");
          name.className = "visually-hidden";
          name.textContent = " " + f[2];
          a.appendChild(name);
          if (i) { files.appendChild(document.createTextNode(" ")); }
          files.appendChild(a);
        });
        if (!r[FILES].length) { files.textContent = "—"; }
        tr.appendChild(cell("td", "Tệp", files));
        results.appendChild(tr);
      });
    }

    function apply() {
      var active = controls.type.value || controls.issuer.value || controls.year.value || controls.field.value ||
        controls.text.value.trim();
      if (!active) {
        if (original && results.parentNode) { table.replaceChild(original, results); }
        if (pagination) { pagination.hidden = false; }
        status.textContent = "";
        return;
      }
      var years = controls.year.value ? [Number(controls.year.value)] : setup.years;
      status.textContent = "Đang tìm…";
      load(years, function () {
        var query = fold(controls.text.value).trim();
        var found = [];
        years.forEach(function (y) {
          (rows[y] || []).forEach(function (r) {
            if (controls.type.value !== "" && r[TYPE] !== Number(controls.type.value)) { return; }
            if (controls.issuer.value !== "" && r[ISSUER] !== Number(controls.issuer.value)) { return; }
            if (controls.field.value !== "" && r[FIELD] !== Number(controls.field.value)) { return; }
            if (query && r.folded.indexOf(" " + query) < 0) { return; }
            found.push(r);
          });
        });
        found.sort(function (a, b) { return a[DATE] < b[DATE] ? 1 : a[DATE] > b[DATE] ? -1 : 0; });
        render(found);
        if (table && original && original.parentNode) { table.replaceChild(results, original); }
        if (pagination) { pagination.hidden = true; }
        status.textContent = found.length ? "Tìm thấy " + found.length + " văn bản" +
          (found.length > 200 ? " (hiện 200 văn bản mới nhất)" : "") + "." : "Không có văn bản nào khớp.";
      });
    }

    var timer = null;
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 150); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
  }

  // Both this file and the data's index are deferred: start once the page
  // is parsed and the index has run, whichever comes last.
  function ready() {
    if (!started && setup && document.readyState !== "loading") { started = true; start(); }
  }
  document.addEventListener("DOMContentLoaded", ready);
  ready();
})();
