// Runs theme/static/js/search.js in Node against an index folder, the same
// file the browser runs: `node harness.js INDEX_DIR QUERY...` prints JSON.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [indexDir, ...queries] = process.argv.slice(2);
const head = {
  appendChild(script) {
    const file = path.join(indexDir, path.basename(script.src));
    setImmediate(() => {
      if (!fs.existsSync(file)) { script.onerror(); return; }
      vm.runInThisContext(fs.readFileSync(file, "utf8"));
      script.onload();
    });
  },
};
global.window = global;
global.document = { readyState: "complete", head, createElement: () => ({}), querySelector: () => null };
vm.runInThisContext(fs.readFileSync(path.join(__dirname, "../../theme/static/js/search.js"), "utf8"));

(async () => {
  const out = {};
  for (const query of queries) {
    const found = await window.WardSearch.search(query);
    const ids = found.results.map((r) => r.doc);
    out[query] = found.manifest ? (await window.WardSearch.documents(ids, found.manifest)).map((row) => row[1]) : [];
  }
  out.__keys = queries.map((q) => (q.match(/[\p{L}\p{N}]+/gu) || []).map((w) => [window.WardSearch.exactKey(w), window.WardSearch.foldedKey(w)]));
  process.stdout.write(JSON.stringify(out));
})();
