import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { TextDecoder } from "node:util";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  formatQuarantineEntry,
  readWorkflowRecords,
  sdkCodes,
  type RecordOutcome,
} from "../../src/index.js";
import { keptBytes } from "../../src/records/jsonl-lines.js";
import { generateRecords, recordLine } from "../support/record-generator.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), "flowpy-records-fuzz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(
  path: string,
  maxLineBytes?: number,
): Promise<RecordOutcome[]> {
  const out: RecordOutcome[] = [];
  for await (const o of readWorkflowRecords(
    path,
    maxLineBytes === undefined ? {} : { maxLineBytes },
  ))
    out.push(o);
  return out;
}

const good = [
  ...generateRecords({ count: 5, seed: 1, now: "2026-11-24T08:00:00Z" }),
].map((g) => String(recordLine(g)));

describe("readWorkflowRecords on hostile input", { timeout: 120_000 }, () => {
  it("gives exactly one outcome per non-blank line, in order, never throwing", async () => {
    const noBreaks = (b: Uint8Array): Uint8Array =>
      b.map((x) => (x === 0x0a || x === 0x0d ? 0x20 : x));
    const line = fc
      .oneof(
        fc
          .constantFrom(
            ...good,
            "",
            "   ",
            "{}",
            "[]",
            "null",
            '{"a":1,"a":2}',
            "{".repeat(300),
          )
          .map((t) => Buffer.from(t, "utf8")),
        fc
          .string({ unit: "binary", maxLength: 60 })
          .map((t) => Buffer.from(t, "utf8")),
        fc.uint8Array({ maxLength: 40 }),
      )
      .map(noBreaks);
    const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    const blank = (b: Uint8Array): boolean => {
      try {
        return strict.decode(b).trim() === "";
      } catch {
        return false;
      }
    };
    let file = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 12 }),
        fc.boolean(),
        async (lines, crlf) => {
          const path = join(dir, `fuzz-${file++}.jsonl`);
          const sep = Buffer.from(crlf ? "\r\n" : "\n");
          writeFileSync(
            path,
            Buffer.concat(lines.flatMap((l, i) => (i === 0 ? [l] : [sep, l]))),
          );
          const outcomes = await readAll(path, 256);
          const bom = (l: Uint8Array, i: number): boolean =>
            i === 0 && l[0] === 0xef && l[1] === 0xbb && l[2] === 0xbf;
          const expected = lines.flatMap((l, i) =>
            blank(bom(l, i) ? l.subarray(3) : l) ? [] : [i + 1],
          );
          expect(outcomes.map((o) => o.index)).toEqual(expected);
          for (const o of outcomes)
            if (!o.ok) {
              expect(o.diagnostics.length).toBeGreaterThan(0);
              expect(
                () => JSON.parse(formatQuarantineEntry(o)) as unknown,
              ).not.toThrow();
            }
          rmSync(path);
        },
      ),
      { numRuns: Math.max(100, Math.floor(runs / 5)) },
    );
  }, 120_000);

  it("never holds an over-long line: a 24 MiB line without a newline is one too-large record", async () => {
    const path = join(dir, "huge.jsonl");
    const handle = await open(path, "w");
    await handle.write(`${good[0]}\n`);
    const block = Buffer.alloc(1 << 20, "x");
    await handle.write('{"workflow_id":"');
    for (let i = 0; i < 24; i++) await handle.write(block);
    await handle.close();
    const outcomes = await readAll(path);
    expect(outcomes.map((o) => [o.index, o.ok])).toEqual([
      [1, true],
      [2, false],
    ]);
    const big = outcomes[1];
    if (big === undefined || big.ok) throw new Error("accepted");
    expect(big.diagnostics[0]?.code).toBe(sdkCodes.recordTooLarge);
    expect(big.raw.length).toBe(keptBytes);
    expect(big.raw.startsWith('{"workflow_id":"xxx')).toBe(true);
  }, 60_000);
});
