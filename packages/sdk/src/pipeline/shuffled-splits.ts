import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import type { Split } from "../dedup/assign-splits.js";
import { splitNames } from "../dedup/assign-splits.js";
import type { DatasetStore, StoreRow } from "../store/dataset-store.js";

/** A run's rows, each split readable in its seeded order (`ORDER BY shuffle_key`). */
export interface ShuffledSplits {
  readonly count: Readonly<Record<Split, number>>;
  /** The split's serialized rows in seeded order. */
  rows(split: Split): Iterable<string>;
  /** Removes the spill file and the order table; call once reading is over. */
  close(): Promise<void>;
}

export interface ShuffledSplitsOptions {
  readonly store: DatasetStore;
  readonly runId: string;
  /** Rows per page read from the store. */
  readonly batch: number;
  /** A file of its own the rows are copied to (removed by `close`). */
  readonly spillPath: string;
  /** Called with the bytes of text each page read and let go (for garbage collection). */
  readonly released: (bytes: number) => void;
}

/**
 * Puts a run's rows in their seeded order in time and memory linear in the rows. Why not
 * read them from the store in key order: rows are inserted in workflow order, so their
 * random shuffle keys are spread over the whole table; any page of consecutive keys is
 * scattered over every block of the table, and DuckDB reads ~40 KB `row_json` values a
 * block of rows at a time, so each page cost a scan of the table (O(n²) over a split), and
 * sorting the wide rows themselves would make DuckDB hold or spill them all.
 *
 * Instead, only the narrow keys are sorted, once, into each row's ordinal in its split; the
 * wide rows are then read once, in storage order, a page of `batch` consecutive row ids at a
 * time (row ids are storage positions, so a page reads only its own blocks), and appended
 * to a spill file, noting each ordinal's offset and length. Reading a split in order is then
 * one positioned file read per row. Memory: one page of rows, plus 16 bytes per row for the
 * offsets; disk: one more copy of the rows until `close`.
 */
export async function shuffledSplits(
  options: ShuffledSplitsOptions,
): Promise<ShuffledSplits> {
  const { store, runId, batch } = options;
  await store.run(
    `CREATE OR REPLACE TEMP TABLE export_order AS
     SELECT rid, split, ord, row_number() OVER (ORDER BY rid) - 1 AS seq
     FROM (SELECT rowid AS rid, split,
                  row_number() OVER (PARTITION BY split ORDER BY shuffle_key, row_id) - 1 AS ord
           FROM rows WHERE run_id = ?)
     ORDER BY rid`,
    [runId],
  );
  const fd = openSync(options.spillPath, "w+");
  const close = async (): Promise<void> => {
    closeSync(fd);
    rmSync(options.spillPath, { force: true });
    await store.run("DROP TABLE IF EXISTS export_order");
  };
  try {
    const counted = await store.all(
      "SELECT split, count(*) AS n FROM export_order GROUP BY split",
    );
    const count: Record<Split, number> = { train: 0, eval: 0, test: 0 };
    for (const r of counted) count[splitOf(r)] = int(r, "n");
    const offsets = table(count, (n) => new Float64Array(n));
    const lengths = table(count, (n) => new Float64Array(n).fill(-1));
    const pages = await store.all(
      `SELECT seq // ? AS page, min(rid) AS lo, max(rid) AS hi FROM export_order
       GROUP BY page ORDER BY page`,
      [batch],
    );
    let end = 0;
    for (const p of pages) {
      const lo = int(p, "lo");
      const hi = int(p, "hi");
      // Both bounds on both sides: DuckDB then prunes each table's scan to the page.
      const page = await store.all(
        `SELECT o.split, o.ord, r.row_json FROM rows r JOIN export_order o ON o.rid = r.rowid
         WHERE r.rowid BETWEEN ? AND ? AND o.rid BETWEEN ? AND ?`,
        [lo, hi, lo, hi],
      );
      let bytes = 0;
      for (const r of page) {
        const json = text(r, "row_json");
        bytes += json.length;
        const buffer = Buffer.from(json, "utf8");
        const split = splitOf(r);
        const ord = int(r, "ord");
        offsets[split][ord] = end;
        lengths[split][ord] = buffer.length;
        for (let at = 0; at < buffer.length;)
          at += writeSync(fd, buffer, at, buffer.length - at, end + at);
        end += buffer.length;
      }
      options.released(bytes);
    }
    for (const split of splitNames)
      if (lengths[split].includes(-1))
        throw new Error(`export: a ${split} row was not read from the store`);
    return {
      count,
      *rows(split) {
        const at = offsets[split];
        const length = lengths[split];
        let buffer = Buffer.alloc(1 << 16);
        for (let i = 0; i < count[split]; i++) {
          const n = length[i] ?? 0;
          if (n > buffer.length) buffer = Buffer.alloc(n * 2);
          for (let got = 0; got < n;) {
            const read = readSync(fd, buffer, got, n - got, (at[i] ?? 0) + got);
            if (read === 0) throw new Error("export: the spill file is short");
            got += read;
          }
          yield buffer.toString("utf8", 0, n);
        }
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

function table<T>(
  count: Readonly<Record<Split, number>>,
  make: (n: number) => T,
): Record<Split, T> {
  return {
    train: make(count.train),
    eval: make(count.eval),
    test: make(count.test),
  };
}

function splitOf(row: StoreRow): Split {
  const split = splitNames.find((s) => s === row["split"]);
  if (split === undefined) throw new Error("export: a row has no known split");
  return split;
}

function text(row: StoreRow, key: string): string {
  const v = row[key];
  if (typeof v !== "string") throw new Error(`export: ${key} is not text`);
  return v;
}

function int(row: StoreRow, key: string): number {
  const v = Number(row[key]);
  if (!Number.isSafeInteger(v))
    throw new Error(`export: ${key} is not an integer`);
  return v;
}
