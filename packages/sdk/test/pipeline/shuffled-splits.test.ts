import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatasetStore, type DatasetStore } from "../../src/index.js";
import { shuffledSplits } from "../../src/pipeline/shuffled-splits.js";

// Each run fills a DuckDB table and reads it back: ~4× a pure property's cost.
const runs = Math.max(
  1,
  Math.floor(Number(process.env["FLOWPY_RUNS"] ?? 1000) / 4),
);

const splits = ["train", "eval", "test"] as const;

interface StoredRow {
  readonly run: "a" | "b";
  readonly split: (typeof splits)[number];
  /** Few distinct keys, so equal keys (ordered by row id) come up too. */
  readonly key: string;
  readonly json: string;
}

const storedRow: fc.Arbitrary<StoredRow> = fc.record({
  run: fc.constantFrom("a" as const, "a" as const, "b" as const),
  split: fc.constantFrom(...splits),
  key: fc.stringMatching(/^[0-3]{1,2}$/),
  // Multi-byte and astral text, and now and then a long row: offsets count UTF-8 bytes.
  json: fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc
      .tuple(fc.string({ unit: "grapheme", maxLength: 4 }), fc.nat(3000))
      .map(([s, n]) => s.repeat(n)),
  ),
});

let store: DatasetStore;
const root = mkdtempSync(join(tmpdir(), "flowpy-shuffled-"));
beforeAll(async () => {
  const opened = await openDatasetStore(":memory:");
  if (!opened.ok) throw new Error(opened.diagnostics[0]?.message);
  store = opened.value;
});
afterAll(() => {
  store.close();
  rmSync(root, { recursive: true, force: true });
});

describe("shuffledSplits", () => {
  it("reads each split of its run in key order (row id on equal keys), whatever the page size and the other runs' rows, and cleans up", async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(storedRow, { maxLength: 60 }),
        fc.integer({ min: 1, max: 9 }),
        async (rows, batch) => {
          round++;
          await store.run("DELETE FROM rows");
          // Distinct ids whose text order is not the insertion order (61 is prime).
          const ids = rows.map((_, i) => `wf-${(i * 7) % 61}#terse`);
          await store.insert(
            "rows",
            rows.map((r, i) => [
              r.run,
              ids[i] ?? "",
              i,
              "terse",
              r.split,
              r.key,
              r.json,
            ]),
          );
          const spillPath = join(root, `spill-${round}`);
          let released = 0;
          const shuffled = await shuffledSplits({
            store,
            runId: "a",
            batch,
            spillPath,
            released: (bytes) => {
              released += bytes;
            },
          });
          try {
            for (const split of splits) {
              const want = rows
                .map((r, i) => ({ ...r, id: ids[i] ?? "" }))
                .filter((r) => r.run === "a" && r.split === split)
                .sort((x, y) =>
                  x.key !== y.key
                    ? x.key < y.key
                      ? -1
                      : 1
                    : x.id < y.id
                      ? -1
                      : x.id > y.id
                        ? 1
                        : 0,
                )
                .map((r) => r.json);
              expect(shuffled.count[split]).toBe(want.length);
              // Lone surrogates do not survive UTF-8 in DuckDB either: compare as stored.
              const stored = want.map((j) =>
                Buffer.from(j, "utf8").toString("utf8"),
              );
              expect([...shuffled.rows(split)]).toEqual(stored);
              // Read twice: the order is a table, not a one-shot stream.
              expect([...shuffled.rows(split)]).toEqual(stored);
            }
            expect(released).toBe(
              rows
                .filter((r) => r.run === "a")
                .reduce(
                  (n, r) =>
                    n + Buffer.from(r.json, "utf8").toString("utf8").length,
                  0,
                ),
            );
          } finally {
            await shuffled.close();
          }
          expect(existsSync(spillPath)).toBe(false);
          expect(
            await store.all(
              "SELECT table_name FROM information_schema.tables WHERE table_name = 'export_order'",
            ),
          ).toEqual([]);
        },
      ),
      { numRuns: runs },
    );
  }, 120_000);
});
