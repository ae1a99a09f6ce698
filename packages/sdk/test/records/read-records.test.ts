import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  checkWorkflowRecord,
  formatQuarantineEntry,
  readWorkflowRecords,
  sdkCodes,
  type RecordOutcome,
} from "../../src/index.js";
import { keptBytes } from "../../src/records/jsonl-lines.js";
import {
  badRecordExpectations,
  badRecordKinds,
  corpusDocuments,
  generateRecords,
  parquetBadKinds,
  recordLine,
  workflowText,
  writeRecordsJsonl,
  writeRecordsParquet,
  type GeneratorOptions,
} from "../support/record-generator.js";

const dir = mkdtempSync(join(tmpdir(), "flowpy-records-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const now = "2026-11-24T08:00:00Z";
const cap = 64 * 1024;

async function readAll(
  path: string,
  options: Parameters<typeof readWorkflowRecords>[1] = {},
): Promise<RecordOutcome[]> {
  const out: RecordOutcome[] = [];
  for await (const o of readWorkflowRecords(path, options)) out.push(o);
  return out;
}

function lineText(line: string | Uint8Array): string {
  return typeof line === "string" ? line : Buffer.from(line).toString("utf8");
}

describe("readWorkflowRecords (JSONL)", { timeout: 120_000 }, () => {
  const options: GeneratorOptions = {
    count: 40,
    seed: 11,
    now,
    tooLargeBytes: 100 * 1024,
    bad: badRecordKinds.map((kind, i) => ({ kind, at: 3 + 3 * i })),
  };
  const path = join(dir, "bad.jsonl");

  it("reports every bad-record kind with its code and location, at its line", async () => {
    await writeRecordsJsonl(path, options);
    const outcomes = await readAll(path, { maxLineBytes: cap });
    expect(outcomes.map((o) => o.index)).toEqual(
      Array.from({ length: options.count }, (_, i) => i + 1),
    );
    const generated = [...generateRecords(options)];
    for (const g of generated) {
      const o = outcomes[g.index - 1];
      if (o === undefined) throw new Error(`no outcome for ${g.index}`);
      if (g.bad === undefined) {
        expect(o.ok, `record ${g.index}`).toBe(true);
        continue;
      }
      if (o.ok) throw new Error(`record ${g.index} (${g.bad}) was accepted`);
      const expected = badRecordExpectations[g.bad];
      const first = o.diagnostics[0];
      expect(first?.code, g.bad).toBe(expected.code);
      if (expected.path !== undefined)
        expect(first?.path, g.bad).toEqual(expected.path);
      const line = recordLine(g);
      switch (g.bad) {
        case "json-syntax": {
          const text = lineText(line);
          const column =
            text.indexOf('"merchant_id" ') + '"merchant_id" '.length + 1;
          expect(first?.span?.start).toMatchObject({ line: g.index, column });
          expect(first?.message).toContain(`${g.index}:${column}`);
          break;
        }
        case "duplicate-key":
          expect(first?.span?.start.line).toBe(g.index);
          break;
        case "encoding":
          expect(first?.span?.start.line).toBe(g.index);
          expect(o.raw[(first?.span?.start.column ?? 0) - 1]).toBe("\uFFFD");
          break;
        case "too-large":
          expect(first?.span?.start.line).toBe(g.index);
          expect(o.raw.length).toBeLessThanOrEqual(keptBytes);
          expect(lineText(line).startsWith(o.raw)).toBe(true);
          break;
        case "workflow-invalid":
          // The transpiler's own diagnostic follows, located inside the workflow.
          expect(o.diagnostics[1]?.code).toBe("json-syntax");
          expect(o.diagnostics[1]?.path?.[0]).toBe("workflow");
          break;
        default:
          expect(o.raw).toBe(lineText(line));
      }
      const entry = JSON.parse(formatQuarantineEntry(o)) as {
        record: number;
        codes: string[];
        raw: string;
        diagnostics: { code: string; path?: string; line?: number }[];
      };
      expect(entry.record).toBe(g.index);
      expect(entry.codes[0]).toBe(expected.code);
      expect(entry.raw).toBe(o.raw);
      expect(formatQuarantineEntry(o)).not.toContain("\n");
    }
  });

  it("counts blank lines, reads CRLF and a leading BOM, and locates errors by file offset", async () => {
    const [a, b] = [
      ...generateRecords({ count: 2, seed: 3, now, objectShare: 0 }),
    ];
    const lines = [
      `\uFEFF${JSON.stringify(a?.value)}`,
      "",
      "   \t",
      `${JSON.stringify(b?.value)}\r`,
      '{"workflow_id": "x", oops}',
      "",
    ];
    const text = lines.join("\n");
    const file = join(dir, "blank.jsonl");
    writeFileSync(file, text);
    const outcomes = await readAll(file);
    expect(outcomes.map((o) => [o.index, o.ok])).toEqual([
      [1, true],
      [4, true],
      [5, false],
    ]);
    const bad = outcomes[2];
    if (bad === undefined || bad.ok) throw new Error("line 5 was accepted");
    const span = bad.diagnostics[0]?.span;
    expect(span?.start.line).toBe(5);
    // The offset counts from the file's first character after the BOM.
    expect(text.slice(1).slice(span?.start.offset ?? 0)).toMatch(/^oops/);
  });

  it("keeps unknown keys in `extra`, drops nothing, prints object workflows losslessly", async () => {
    const doc = corpusDocuments()[0];
    const workflowJson = JSON.stringify(doc?.value).replace(
      '"version":0.1',
      '"version":0.10',
    );
    const line = `{"workflow_id":"a","merchant_id":"m","workflow":${workflowJson},"last_run_at":null,"runs_total":null,"shop_plan":"plus","scores":[1,2]}`;
    const file = join(dir, "extra.jsonl");
    writeFileSync(file, `${line}\n`);
    const [o] = await readAll(file);
    if (o === undefined || !o.ok) throw new Error("not accepted");
    expect(o.record.extra).toEqual({ shop_plan: "plus", scores: [1, 2] });
    expect("runs_total" in o.record).toBe(false);
    expect(o.record.workflow).toContain('"version": 0.10');
    expect(JSON.parse(o.record.workflow)).toEqual(JSON.parse(workflowJson));

    const protoLine = line.replace('"shop_plan"', '"__proto__"');
    writeFileSync(file, `${protoLine}\n`);
    const [refused] = await readAll(file);
    expect(refused?.ok).toBe(false);
    if (refused !== undefined && !refused.ok)
      expect(refused.diagnostics[0]).toMatchObject({
        code: sdkCodes.recordInvalidField,
        path: ["__proto__"],
      });

    const clash = checkWorkflowRecord({
      workflow_id: "a",
      merchant_id: "m",
      workflow: workflowJson,
      last_run_at: null,
      plan: "x",
      extra: { plan: "y" },
    });
    expect(clash.ok).toBe(false);
    expect(clash.diagnostics[0]).toMatchObject({
      code: sdkCodes.recordInvalidField,
      path: ["plan"],
    });
  });

  it("accepts ISO 8601 timestamps with an offset and rejects the others with their path", () => {
    const base = {
      workflow_id: "a",
      merchant_id: "m",
      workflow: workflowText(corpusDocuments()[0]?.value ?? {}),
    };
    for (const t of ["2026-11-24T08:00:00Z", "2026-11-24T10:00:00.125+02:00"])
      expect(checkWorkflowRecord({ ...base, last_run_at: t }).ok, t).toBe(true);
    for (const t of [
      "2026-11-24T08:00:00",
      "2026-11-24",
      "2026-02-30T08:00:00Z",
      "24/11/2026 08:00",
      "2026-11-24T08:00:00+0200",
    ]) {
      const r = checkWorkflowRecord({
        ...base,
        last_run_at: null,
        updated_at: t,
      });
      expect(r.ok, t).toBe(false);
      expect(r.diagnostics[0], t).toMatchObject({
        code: sdkCodes.recordInvalidTimestamp,
        path: ["updated_at"],
      });
    }
  });

  it("gives one source-level outcome (record 0) for a file it cannot read", async () => {
    for (const p of [
      join(dir, "missing.jsonl"),
      join(dir, "missing.parquet"),
      dir,
      path,
    ]) {
      const outcomes = await readAll(p, { format: "parquet" });
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0]).toMatchObject({
        ok: false,
        index: 0,
        diagnostics: [{ code: sdkCodes.recordSourceUnreadable }],
      });
    }
  });
});

describe("readWorkflowRecords (Parquet)", { timeout: 120_000 }, () => {
  it("gives the same outcomes as JSONL for the same records", async () => {
    const options: GeneratorOptions = {
      count: 300,
      seed: 5,
      now,
      bad: parquetBadKinds.map((kind, i) => ({ kind, at: 10 + 17 * i })),
    };
    const jsonl = join(dir, "same.jsonl");
    const parquet = join(dir, "same.parquet");
    await writeRecordsJsonl(jsonl, options);
    await writeRecordsParquet(parquet, options);
    const summary = (o: RecordOutcome) =>
      o.ok
        ? { index: o.index, record: o.record }
        : {
            index: o.index,
            workflowId: o.workflowId,
            diagnostics: o.diagnostics.map((d) => ({
              code: d.code,
              path: d.path,
            })),
          };
    const fromJsonl = (await readAll(jsonl)).map(summary);
    const fromParquet = (await readAll(parquet)).map(summary);
    expect(fromParquet).toHaveLength(options.count);
    expect(fromParquet).toEqual(fromJsonl);
    expect(fromParquet.filter((o) => "diagnostics" in o)).toHaveLength(
      parquetBadKinds.length,
    );
  });
});
