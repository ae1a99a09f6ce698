/**
 * Opens rendered reports in Debian's headless Chromium (over the DevTools pipe) and checks
 * what a reader's browser would do with them: no console error or warning, no exception, no
 * request but the file itself, every chart drawn with a size, injected markup inert, table
 * sorting working, and readable text contrast in light, dark and print rendering.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/index.js";
import { renderHtmlReport } from "../../src/report/render-html-report.js";
import {
  chromiumPath,
  evaluate,
  installHint,
  launchChromium,
  openPage,
  type Browser,
} from "./headless-chromium.js";
import {
  emptyReport,
  hostileReport,
  hugeReport,
  sampleReport,
} from "./sample-reports.js";

const hostile = [
  "<script>document.title='pwned'</script>",
  '"><img src="http://127.0.0.1:9/x.png" onerror="document.title=\'pwned\'">',
  "</svg><svg onload=\"document.title='pwned'\"></svg>",
  "</style><style>body{display:none}</style>",
  "\u202Eevil\u202C \u0000 \uD800",
].join(" ");

const media = {
  light: [{ name: "prefers-color-scheme", value: "light" }],
  dark: [{ name: "prefers-color-scheme", value: "dark" }],
  print: [
    { name: "prefers-color-scheme", value: "dark" },
    { name: "print", value: "" },
  ],
} as const;

let browser: Browser | undefined;
let dir = "";

function write(name: string, html: string): string {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html);
  return pathToFileURL(file).href;
}

function opened(): Browser {
  if (browser === undefined) throw new Error(installHint);
  return browser;
}

const chartSizes = `[...document.querySelectorAll("svg.chart")].map((svg) => {
  const r = svg.getBoundingClientRect();
  return [r.width, r.height];
})`;

/** WCAG contrast of the computed colour of `selector` against the page background. */
const contrastOf = (selector: string): string => `(() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const el = document.querySelector(${JSON.stringify(selector)});
  const fg = lum(getComputedStyle(el).color);
  const bg = lum(getComputedStyle(document.body).backgroundColor);
  return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
})()`;

async function visitCleanly(
  report: Report,
  name: string,
  mode: keyof typeof media,
): Promise<string> {
  const html = renderHtmlReport(report);
  const url = write(name, html);
  const page = await openPage(opened(), url, media[mode]);
  const sizes = (await evaluate(opened(), page.sessionId, chartSizes)) as [
    number,
    number,
  ][];
  // The evaluation above went through the same pipe after every load-time event.
  const seen = page.settle();
  expect(seen.problems, `${name} (${mode})`).toEqual([]);
  expect(seen.exceptions, `${name} (${mode})`).toEqual([]);
  expect(seen.requests, `${name} (${mode})`).toEqual([url]);
  expect(sizes).toHaveLength(html.split('<svg class="chart"').length - 1);
  for (const [w, h] of sizes) {
    expect(w).toBeGreaterThan(50);
    expect(h).toBeGreaterThan(20);
  }
  return page.sessionId;
}

describe("the HTML report in headless Chromium", () => {
  beforeAll(async () => {
    const executable = chromiumPath();
    if (executable === undefined) throw new Error(installHint);
    dir = mkdtempSync(join(tmpdir(), "flowpy-report-"));
    browser = await launchChromium(executable);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it("catches the faults it looks for (a page with a console error, an exception and a request)", async () => {
    const url = write(
      "faulty",
      `<!DOCTYPE html><title>faulty</title><img src="http://127.0.0.1:9/x.png"><script>console.error("boom"); console.warn("careful"); throw new Error("uncaught");</script>`,
    );
    const page = await openPage(opened(), url);
    await evaluate(opened(), page.sessionId, "1");
    const seen = page.settle();
    expect(seen.problems.some((p) => p.includes("boom"))).toBe(true);
    expect(seen.problems.some((p) => p.includes("careful"))).toBe(true);
    expect(seen.exceptions.join()).toContain("uncaught");
    expect(seen.requests).toContain("http://127.0.0.1:9/x.png");
  }, 20_000);

  for (const mode of ["light", "dark", "print"] as const)
    it(`renders the sample report cleanly with readable text (${mode})`, async () => {
      const session = await visitCleanly(sampleReport, `sample-${mode}`, mode);
      for (const selector of ["h1", ".finding", "td", ".card-value"])
        expect(
          (await evaluate(opened(), session, contrastOf(selector))) as number,
          `${selector} (${mode})`,
        ).toBeGreaterThanOrEqual(7);
      for (const selector of [".eyebrow", "caption", ".note"])
        expect(
          (await evaluate(opened(), session, contrastOf(selector))) as number,
          `${selector} (${mode})`,
        ).toBeGreaterThanOrEqual(4.5);
    }, 20_000);

  it("keeps hostile strings as inert text", async () => {
    const report = hostileReport(hostile);
    const session = await visitCleanly(report, "hostile", "light");
    const dom = (await evaluate(
      opened(),
      session,
      `({
        title: document.title,
        scripts: document.scripts.length,
        styles: document.querySelectorAll("style").length,
        injected: document.querySelectorAll("img, iframe, object, embed, [onerror], [onload], [src]").length,
        bodyShown: getComputedStyle(document.body).display,
        textKept: document.body.textContent.includes(${JSON.stringify(hostile.replace("\u0000", "\uFFFD").replace("\uD800", "\uFFFD"))}),
      })`,
    )) as Record<string, unknown>;
    expect(dom).toEqual({
      title: hostile.replace("\u0000", "\uFFFD").replace("\uD800", "\uFFFD"),
      scripts: 1,
      styles: 1,
      injected: 0,
      bodyShown: "block",
      textKept: true,
    });
  }, 20_000);

  it("handles a report with 1,000 slices per section and one with nothing in it", async () => {
    await visitCleanly(hugeReport(1000), "huge", "light");
    await visitCleanly(emptyReport, "empty", "dark");
  }, 30_000);

  it("sorts a table when its header is clicked, both ways, without errors", async () => {
    const session = await visitCleanly(sampleReport, "sortable", "light");
    const column = (n: number): string =>
      `[...document.querySelectorAll("section[data-kind=table] tbody tr")].map((r) => r.cells[${n}].textContent)`;
    const click = (n: number): string =>
      `document.querySelectorAll("section[data-kind=table] th button")[${n}].click()`;
    await evaluate(opened(), session, click(1));
    expect(await evaluate(opened(), session, column(1))).toEqual([
      "140",
      "180",
      "220",
      "610",
    ]);
    await evaluate(opened(), session, click(1));
    expect(await evaluate(opened(), session, column(1))).toEqual([
      "610",
      "220",
      "180",
      "140",
    ]);
    await evaluate(opened(), session, click(3));
    // The row without a value sorts last.
    expect(await evaluate(opened(), session, column(3))).toEqual([
      "72.0%",
      "78.0%",
      "91.0%",
      "",
    ]);
    await evaluate(opened(), session, click(0));
    expect(await evaluate(opened(), session, column(0))).toEqual([
      "create",
      "edit",
      "email",
      "question",
    ]);
    const seen = opened().events.filter(
      (e) => e.sessionId === session && e.method === "Runtime.exceptionThrown",
    );
    expect(seen).toEqual([]);
  }, 20_000);
});
