// The report modules are imported directly: loading the whole SDK entry (tokenizer and all)
// would take longer than these tests.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Report, ReportSection } from "../../src/index.js";
import { checkReport } from "../../src/report/check-report.js";
import {
  renderHtmlReport,
  reportSectionKinds,
} from "../../src/report/render-html-report.js";
import { sdkCodes } from "../../src/sdk-codes.js";
import { formatDelta, formatValue } from "../../src/report/format-value.js";
import {
  allowedAttributes,
  allowedTags,
  readTags,
  visibleText,
  withoutRawText,
} from "./html-structure.js";
import { reportArbitrary } from "./report-arbitrary.js";
import {
  emptyReport,
  hostileReport,
  hugeReport,
  sampleReport,
} from "./sample-reports.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);
/** A whole report is rendered and re-read per run, so these properties run a fifth as often. */
const propertyTimeout = Math.max(60_000, runs * 60);
const loneSurrogate =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const goldenPath = join(import.meta.dirname, "golden/sample-report.html");

/** Strings that break pages that build HTML by concatenation. */
export const hostileStrings: readonly string[] = [
  "<script>document.body.dataset.pwned = 1</script>",
  '"><img src=x onerror="document.body.dataset.pwned=1">',
  "'><svg onload=alert(1)>",
  "</svg><script>alert(1)</script><svg>",
  "</title></style></textarea><script>alert(1)</script>",
  "<!-- not a comment --> ]]> <![CDATA[ x ]]>",
  "&amp; &lt; &#60; &#x3C; & < > \" '",
  "\u202Eevil name\u202C with RTL override \u200F mark \u2066 isolate",
  "control \u0000 NUL \u0001 \u0008 \u000B \u001F DEL \u007F C1 \u0085",
  "lone surrogates \uD800 and \uDFFF, a pair 😀",
  "javascript:alert(1)",
  "{{ 7*7 }} ${7*7} %s %n",
  "x".repeat(5000),
  "",
];

function mustRender(report: Report): string {
  const html = renderHtmlReport(report);
  const tags = readTags(html);
  if (typeof tags === "string") throw new Error(tags);
  const strangers = tags.flatMap((t) => [
    ...(allowedTags.has(t.name) ? [] : [`<${t.name}>`]),
    ...t.attributes
      .filter(
        ([name, value]) =>
          !allowedAttributes.has(name) ||
          (name === "href" && !/^#s\d+$/.test(value)),
      )
      .map(([name, value]) => `${name}="${value}" on <${t.name}>`),
  ]);
  expect(strangers).toEqual([]);
  const opened = (name: string): number =>
    tags.filter((t) => t.name === name && !t.closing).length;
  expect(opened("script")).toBe(1);
  expect(opened("style")).toBe(1);
  expect(html.slice(0, html.indexOf("</head>")).match(/<title>/g)).toHaveLength(
    1,
  );
  return html;
}

function sectionHtml(html: string, index: number): string {
  const start = html.indexOf(`<section id="s${index + 1}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</section>", start));
}

describe("renderHtmlReport", () => {
  it("matches the checked-in golden sample (regenerate with pnpm update:report-golden)", () => {
    expect(renderHtmlReport(sampleReport)).toBe(
      readFileSync(goldenPath, "utf8"),
    );
  });

  it("gives the same bytes for the same report, however it was built", () => {
    const once = renderHtmlReport(sampleReport);
    expect(renderHtmlReport(structuredClone(sampleReport))).toBe(once);
    expect(
      renderHtmlReport(JSON.parse(JSON.stringify(sampleReport)) as Report),
    ).toBe(once);
    expect(once).not.toMatch(/\d{4}-\d\d-\d\dT(?!06:00:00Z)/);
  });

  it("draws every section kind through its handler, each once, in the given order", () => {
    const report = hostileReport("plain");
    expect(report.sections.map((s) => s.kind)).toEqual([...reportSectionKinds]);
    expect(new Set(reportSectionKinds).size).toBe(8);
    const html = mustRender(report);
    const drawn = [
      ...html.matchAll(
        /<section id="s\d+" class="kind-([a-z-]+)" data-kind="([a-z-]+)"/g,
      ),
    ];
    expect(drawn.map((m) => m[2])).toEqual([...reportSectionKinds]);
    const charted = new Set([
      "slice-bars",
      "failure-share",
      "confusion-matrices",
      "deltas",
      "histogram",
    ]);
    report.sections.forEach((s, i) =>
      expect(sectionHtml(html, i).includes('<svg class="chart"'), s.kind).toBe(
        charted.has(s.kind),
      ),
    );
  });

  it("escapes hostile strings everywhere: no injected tag or attribute, and the text survives", () => {
    for (const hostile of hostileStrings) {
      const html = mustRender(hostileReport(hostile));
      expect(html).not.toMatch(loneSurrogate);
      expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
      expect(visibleText(html)).toContain(hostile);
    }
  });

  it(
    "escapes any string in any field (property)",
    () => {
      fc.assert(
        fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
          const html = mustRender(hostileReport(s));
          expect(html).not.toMatch(loneSurrogate);
          expect(visibleText(html)).toContain(s);
        }),
        { numRuns: Math.ceil(runs / 5) },
      );
    },
    propertyTimeout,
  );

  it(
    "renders any report, however broken its numbers, and lists what is wrong (property)",
    () => {
      fc.assert(
        fc.property(reportArbitrary, (report) => {
          const html = mustRender(report);
          expect(renderHtmlReport(report)).toBe(html);
          const problems = checkReport(report);
          if (problems.length === 0)
            expect(html).not.toContain('class="problems"');
          else
            expect(html).toContain(
              `The data behind this report has ${problems.length} `,
            );
          expect(withoutRawText(html)).not.toMatch(
            /NaN|Infinity|undefined|\[object/,
          );
        }),
        { numRuns: Math.ceil(runs / 5) },
      );
    },
    propertyTimeout,
  );

  it("allows exactly its own style and script by hash, and nothing else", () => {
    const html = renderHtmlReport(sampleReport);
    const hash = (tag: string): string => {
      const m = new RegExp(`<${tag}>([^]*?)</${tag}>`).exec(html);
      return createHash("sha256")
        .update(m?.[1] ?? "", "utf8")
        .digest("base64");
    };
    const policy =
      /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(policy?.split("; ")).toEqual([
      "default-src 'none'",
      `style-src 'sha256-${hash("style")}'`,
      `script-src 'sha256-${hash("script")}'`,
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    expect(withoutRawText(html)).not.toMatch(
      /\sstyle="|\son[a-z]+="|https?:|url\(/,
    );
  });

  it("says 'nothing to show' for every empty section and draws no chart", () => {
    expect(checkReport(emptyReport)).toEqual([]);
    const html = mustRender(emptyReport);
    expect(html).not.toContain('<svg class="chart"');
    emptyReport.sections.forEach((s, i) =>
      expect(sectionHtml(html, i), s.kind).toMatch(
        /<p class="empty">No [a-z]+ to show\.<\/p>/,
      ),
    );
  });

  it("keeps huge sections readable: charts cut to the worst 40 rows, tables keep all 1,000", () => {
    const report = hugeReport(1000);
    expect(checkReport(report)).toEqual([]);
    const html = mustRender(report);
    expect(html.length).toBeLessThan(4_000_000);
    report.sections.forEach((s, i) => {
      const part = sectionHtml(html, i);
      const rows = part.match(/<g class="row/g)?.length ?? 0;
      const tableRows = (part.match(/<tr>/g)?.length ?? 0) - 1;
      expect(tableRows, s.kind).toBe(1000);
      if (s.kind === "histogram" || s.kind === "table") return;
      expect(rows, s.kind).toBe(40);
      expect(part).toMatch(/The chart shows the 40 (weakest|largest) of 1,000/);
    });
  });

  it("sorts slice bars worst first and marks regressed slices", () => {
    const html = renderHtmlReport(sampleReport);
    const index = sampleReport.sections.findIndex(
      (s) => s.kind === "slice-bars",
    );
    const section = sampleReport.sections[index] as Extract<
      ReportSection,
      { kind: "slice-bars" }
    >;
    const labels = [
      ...sectionHtml(html, index).matchAll(
        /<text class="label"[^>]*>([^<]*)<\/text>/g,
      ),
    ].map((m) => m[1]);
    const expected = [...section.slices]
      .sort(
        (a, b) =>
          (a.values[0]?.estimate.value ?? 0) -
          (b.values[0]?.estimate.value ?? 0),
      )
      .map((s) => (s.regressed === true ? `▼ ${s.name}` : s.name));
    expect(labels).toEqual(expected);
    expect(
      sectionHtml(html, index).match(/<g class="row regressed">/g)?.length,
    ).toBe(section.slices.filter((s) => s.regressed === true).length);
  });

  it("shortens long names in charts only: the full name stays in the title and the table", () => {
    const long = `${"very long slice name ".repeat(20)}end`;
    const html = mustRender(hostileReport(long));
    expect(html).toContain(`>${long.slice(0, 26)}…</text>`);
    expect(html).toContain(`<td>${long}</td>`);
    expect(html).toContain(`<title>${long}`);
  });

  it("reports bad data as diagnostics and shows it as n/a", () => {
    const base = hostileReport("x");
    const broken: Report = {
      ...base,
      sections: [
        {
          kind: "slice-bars",
          title: "t",
          metric: "m",
          format: "percent",
          runIds: ["x-a", "ghost"],
          slices: [
            {
              name: "s",
              values: [
                {
                  runId: "x-a",
                  estimate: {
                    value: Number.NaN,
                    interval: { low: 0.9, high: 0.1 },
                  },
                  count: -1,
                },
              ],
            },
          ],
        },
        {
          kind: "confusion-matrices",
          title: "c",
          facets: [
            {
              facet: "f",
              labels: ["a", "b"],
              counts: [[1, 2]],
              kappa: { value: Infinity },
              requiredKappa: 0.6,
              gating: false,
            },
          ],
        },
      ],
    };
    const codes = checkReport(broken).map(
      (d) => `${d.code} ${JSON.stringify(d.path)}`,
    );
    expect(codes).toEqual([
      `${sdkCodes.reportUnknownRun} ["sections",0,"runIds",1]`,
      `${sdkCodes.reportNonFiniteNumber} ["sections",0,"slices",0,"values",0,"estimate","value"]`,
      `${sdkCodes.reportIntervalInvalid} ["sections",0,"slices",0,"values",0,"estimate","interval"]`,
      `${sdkCodes.reportCountInvalid} ["sections",0,"slices",0,"values",0,"count"]`,
      `${sdkCodes.reportNonFiniteNumber} ["sections",1,"facets",0,"kappa","value"]`,
      `${sdkCodes.reportMatrixShape} ["sections",1,"facets",0,"counts"]`,
    ]);
    const html = mustRender(broken);
    expect(html).toContain("The data behind this report has 6 problems.");
    expect(html).toContain(">n/a<");
  });
});

describe("report number formats", () => {
  it("are fixed, grouped and free of negative zero, whatever the machine's locale", () => {
    expect(formatValue(0.4215, "percent")).toBe("42.1%");
    expect(formatValue(1234567.891, "number")).toBe("1,234,568");
    expect(formatValue(-0.0001, "number")).toBe("0.00");
    expect(formatValue(-12.25, "number")).toBe("−12.3");
    expect(formatValue(999, "milliseconds")).toBe("999 ms");
    expect(formatValue(2840, "milliseconds")).toBe("2.84 s");
    expect(formatValue(0.0042, "usd")).toBe("$0.0042");
    expect(formatValue(Number.NaN, "integer")).toBe("n/a");
    expect(formatDelta(-0.09, "percent")).toBe("−9.0 pts");
    expect(formatDelta(0.00001, "percent")).toBe("±0.0 pts");
    expect(formatDelta(3, "integer")).toBe("+3");
  });
});
