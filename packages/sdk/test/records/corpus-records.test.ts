import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { findWorkflowFiles } from "@flowpy/transpiler";
import { afterAll, describe, expect, it } from "vitest";
import {
  corpusRecords,
  rootMerchant,
  sdkCodes,
  type RecordOutcome,
} from "../../src/index.js";
import { corpusDir, corpusDocuments } from "../support/record-generator.js";

const dir = mkdtempSync(join(tmpdir(), "flowpy-corpus-records-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function all(path: string): Promise<RecordOutcome[]> {
  const out: RecordOutcome[] = [];
  for await (const o of corpusRecords(path)) out.push(o);
  return out;
}

describe("corpusRecords", { timeout: 120_000 }, () => {
  it("gives one valid record per corpus document: merchant = topic folder, id = relative path", async () => {
    const files = findWorkflowFiles(corpusDir) ?? [];
    const outcomes = await all(corpusDir);
    expect(outcomes).toHaveLength(files.length);
    expect(outcomes.map((o) => o.index)).toEqual(files.map((_, i) => i + 1));
    const ids: string[] = [];
    for (const o of outcomes) {
      if (!o.ok) throw new Error(`corpus record ${o.index} is bad`);
      const { workflow_id: id, merchant_id: merchant } = o.record;
      ids.push(id);
      expect(id.split("/")[0]).toBe(merchant);
      expect(o.record.last_run_at).toBeNull();
      expect(o.record.runs_total).toBeUndefined();
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      files.map((f) => relative(corpusDir, f).split(sep).join("/")),
    );
  });

  it("reports a document that does not read as a bad record, and a missing folder as record 0", async () => {
    mkdirSync(join(dir, "topic"));
    writeFileSync(
      join(dir, "a.json"),
      JSON.stringify(corpusDocuments()[0]?.value),
    );
    writeFileSync(join(dir, "topic", "broken.json"), "{ not json");
    const outcomes = await all(dir);
    expect(outcomes.map((o) => [o.index, o.ok])).toEqual([
      [1, true],
      [2, false],
    ]);
    const [a, broken] = outcomes;
    if (a?.ok) expect(a.record.merchant_id).toBe(rootMerchant);
    if (broken !== undefined && !broken.ok) {
      expect(broken.workflowId).toBe("topic/broken.json");
      expect(broken.raw).toBe("{ not json");
      expect(broken.diagnostics[0]?.code).toBe(sdkCodes.recordWorkflowInvalid);
    }
    const missing = await all(join(dir, "nope"));
    expect(missing).toMatchObject([
      {
        ok: false,
        index: 0,
        diagnostics: [{ code: sdkCodes.recordSourceUnreadable }],
      },
    ]);
  });
});
