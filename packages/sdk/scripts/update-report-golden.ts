/**
 * Rewrites the golden sample report (`packages/sdk/test/report/golden/sample-report.html`)
 * from the current renderer: `pnpm update:report-golden`, then review the diff and open the
 * page in a browser. The report test fails while the checked-in page differs from a render.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderHtmlReport } from "../src/index.js";
import { sampleReport } from "../test/report/sample-reports.js";

const target = join(
  import.meta.dirname,
  "../test/report/golden/sample-report.html",
);
writeFileSync(target, renderHtmlReport(sampleReport));
process.stdout.write(`wrote ${target}\n`);
