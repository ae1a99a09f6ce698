/**
 * The report's only stylesheet and script, inlined into every report. Neither holds data, and
 * the page's Content-Security-Policy allows exactly these two by hash, so even a string that
 * slipped past escaping could not run or restyle anything.
 */
export const reportCss = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1a1a1a;--muted:#595959;--line:#d4d4d4;--panel:#f4f5f7;--run-0:#0072b2;--run-1:#e69f00;--run-2:#009e73;--run-3:#cc79a7;--run-4:#56b4e9;--run-5:#d55e00;--run-x:#8a8a8a;--good:#007a5a;--bad:#c0392b;--share:#6f52a3;--heat:#4a90d9;--highlight:#fbe3e0}
@media (prefers-color-scheme:dark){:root{--bg:#151515;--fg:#ececec;--muted:#ababab;--line:#3a3a3a;--panel:#202124;--run-0:#4aa8e8;--run-1:#f0b429;--run-2:#2fc795;--run-3:#e08ec0;--run-4:#8fd0f5;--run-5:#ff8a4c;--run-x:#8a8a8a;--good:#3ccf91;--bad:#ff7b6b;--share:#a98ee0;--heat:#1e5aa8;--highlight:#44221f}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--line:#ccc;--panel:#fff;--highlight:#fbe3e0;--heat:#4a90d9;--good:#007a5a;--bad:#c0392b}section,.facet,.card{break-inside:avoid}nav.contents,summary{display:none}body{padding:0}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0 auto;max-width:72rem;padding:1.5rem;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;background:var(--bg);color:var(--fg);overflow-wrap:anywhere}
h1{font-size:1.7rem;line-height:1.25;margin:.2rem 0 1rem}
h2{font-size:1.25rem;margin:0 0 .4rem}
h3{font-size:1.05rem;margin:.2rem 0}
.eyebrow,.muted,.note,.empty,.tick,.card-interval,.card-count,.facet-facts{color:var(--muted)}
.identity{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.3rem 1.5rem;margin:0 0 1rem}
.identity div{min-width:0}.identity dt{font-size:.8rem;color:var(--muted)}.identity dd{margin:0;font-weight:600}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
section{border-top:1px solid var(--line);padding:1.2rem 0 .6rem}
.finding{font-size:1.02rem;font-weight:600;margin:.2rem 0 .5rem}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;padding:0;margin:.3rem 0 .5rem;font-size:.9rem}
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:.35em;vertical-align:-.1em;background:var(--run-x)}
.swatch.run-0{background:var(--run-0)}.swatch.run-1{background:var(--run-1)}.swatch.run-2{background:var(--run-2)}.swatch.run-3{background:var(--run-3)}.swatch.run-4{background:var(--run-4)}.swatch.run-5{background:var(--run-5)}
.swatch.better{background:var(--good)}.swatch.worse{background:var(--bad)}.swatch.ns-key{background:var(--run-x);opacity:.4}.swatch.regressed-key{background:var(--highlight);outline:1px solid var(--bad)}
svg.chart{display:block;max-width:100%;height:auto;margin:.4rem 0}
.chart text{fill:var(--fg);font-size:12px;font-family:inherit;unicode-bidi:isolate}
.chart .tick,.chart .muted{fill:var(--muted)}.chart .tick{font-size:11px}.chart .small{font-size:10px}
.chart .strong{font-weight:700}.chart .axis-title{fill:var(--muted);font-size:11px}
.grid{stroke:var(--line);stroke-width:1}.tickmark,.zero{stroke:var(--fg);stroke-width:1}
.whisker{stroke:var(--fg);stroke-width:1.4;fill:none}
.bar.run-0{fill:var(--run-0)}.bar.run-1{fill:var(--run-1)}.bar.run-2{fill:var(--run-2)}.bar.run-3{fill:var(--run-3)}.bar.run-4{fill:var(--run-4)}.bar.run-5{fill:var(--run-5)}.bar.run-x,.bar.same{fill:var(--run-x)}
.bar.share{fill:var(--share)}.bar.better{fill:var(--good)}.bar.worse{fill:var(--bad)}.bar.ns{fill-opacity:.4}
.highlight{fill:var(--highlight)}.row.regressed .label{fill:var(--bad);font-weight:700}
.heat{fill:var(--heat)}.cell.agree .heat{stroke:var(--fg);stroke-width:1.5}.cell-count{font-weight:600}.chart .cell-share{font-size:10px}
.marker line{stroke:var(--fg);stroke-dasharray:4 3}.chart .marker-label{font-size:11px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.8rem}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:.7rem .9rem}
.card p{margin:0}.card-label{font-size:.9rem}.card-value{font-size:1.9rem;font-weight:700;line-height:1.2}.card-interval,.card-count{font-size:.85rem}
.change{font-size:.9rem;font-weight:600}.change.better,.badge.good{color:var(--good)}.change.worse,.badge.bad{color:var(--bad)}
.badge{font-size:.8rem;border:1px solid currentColor;border-radius:999px;padding:0 .5em;margin-left:.4em;vertical-align:.1em}
.facets{display:grid;grid-template-columns:repeat(auto-fill,minmax(22rem,1fr));gap:1rem}
.facet{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:.7rem .9rem;min-width:0}
.facet.not-gating{border-color:var(--bad)}.facet-facts{font-size:.85rem;margin:.2rem 0}
.notes{border-left:4px solid var(--line);padding:.1rem .9rem;background:var(--panel)}.notes.warning,.problems{border-left:4px solid var(--bad)}
.problems{background:var(--panel);padding:.4rem .9rem;margin:1rem 0}
details.chart-data{margin:.2rem 0 .6rem}summary{cursor:pointer;color:var(--muted);font-size:.9rem}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.88rem;margin:.4rem 0;min-width:50%}
caption{text-align:left;color:var(--muted);font-size:.85rem;padding:.2rem 0}
th,td{border-bottom:1px solid var(--line);padding:.25rem .6rem;text-align:left;vertical-align:top;max-width:28rem}
td.num,td[data-sort]{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th button{all:inherit;cursor:pointer;font-weight:700}th button:focus-visible{outline:2px solid var(--run-0)}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
nav.contents ol{columns:2 18rem;margin:.2rem 0 1rem;padding-left:1.4rem}
a{color:var(--run-0)}footer{border-top:1px solid var(--line);margin-top:1rem;font-size:.88rem;color:var(--muted)}
`;

/** Sorting for the data tables: a click on a header sorts by that column, again to reverse. */
export const reportScript = `
"use strict";
document.querySelectorAll("table.sortable").forEach(function (table) {
  var head = table.tHead && table.tHead.rows[0];
  var body = table.tBodies[0];
  if (!head || !body) return;
  Array.prototype.forEach.call(head.cells, function (th, column) {
    var button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var up = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(head.cells, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column], y = b.cells[column];
        var p = x && x.hasAttribute("data-sort") ? Number(x.getAttribute("data-sort")) : NaN;
        var q = y && y.hasAttribute("data-sort") ? Number(y.getAttribute("data-sort")) : NaN;
        var order;
        if (!isNaN(p) && !isNaN(q)) order = p - q;
        else if (!isNaN(p) || !isNaN(q)) return isNaN(p) ? 1 : -1;
        else {
          var s = x ? x.textContent || "" : "", t = y ? y.textContent || "" : "";
          order = s < t ? -1 : s > t ? 1 : 0;
        }
        return up ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
`;
