import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  codeUnitKey,
  openDatasetStore,
  type DatasetStore,
} from "../../src/index.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

let store: DatasetStore;
beforeAll(async () => {
  const opened = await openDatasetStore(":memory:");
  if (!opened.ok) throw new Error(opened.diagnostics[0]?.message);
  store = opened.value;
});
afterAll(() => store.close());

describe("store.insert", () => {
  it("inserts every row with its values and NULLs, over several statements", async () => {
    await store.run(
      "CREATE TABLE t (a VARCHAR NOT NULL, b BIGINT NOT NULL, c VARCHAR, d BOOLEAN, e DOUBLE)",
    );
    // 5 columns: 4,000 rows per statement, so 9,001 rows take three.
    const rows = Array.from({ length: 9001 }, (_, i) => [
      `row ${i} 'quoted' "\u{1F600}"`,
      i,
      i % 3 === 0 ? null : `c${i}`,
      i % 2 === 0,
      i / 7,
    ]);
    await store.insert("t", rows);
    await store.insert("t", []);
    const back = await store.all("SELECT a, b, c, d, e FROM t ORDER BY b");
    expect(back).toHaveLength(rows.length);
    for (const [i, r] of back.entries()) {
      const want = rows[i] ?? [];
      expect([r["a"], Number(r["b"]), r["c"], r["d"], r["e"]]).toEqual(want);
    }
  });

  it("is all-or-nothing inside a transaction", async () => {
    await store.run("CREATE TABLE u (a BIGINT PRIMARY KEY)");
    const rows = Array.from({ length: 30_000 }, (_, i) => [i]);
    // A repeated key in the last statement: the earlier statements roll back too.
    rows.push([5]);
    await expect(
      store.transaction(() => store.insert("u", rows)),
    ).rejects.toThrow();
    expect(await store.all("SELECT count(*) AS n FROM u")).toEqual([
      { n: "0" },
    ]);
  });
});

describe("codeUnitKey", () => {
  it("sorts in DuckDB as JavaScript sorts the texts (astral characters and lone surrogates too)", async () => {
    await store.run("CREATE TABLE k (i BIGINT, key VARCHAR)");
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: "binary", maxLength: 6 }), {
          maxLength: 30,
        }),
        async (texts) => {
          await store.run("DELETE FROM k");
          await store.insert(
            "k",
            texts.map((t, i) => [i, codeUnitKey(t)]),
          );
          const order = (
            await store.all("SELECT i FROM k ORDER BY key, i")
          ).map((r) => texts[Number(r["i"])]);
          expect(order).toEqual(
            [...texts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
          );
        },
      ),
      { numRuns: Math.max(100, Math.floor(runs / 5)) },
    );
  });
});
