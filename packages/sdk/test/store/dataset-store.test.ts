import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import {
  openDatasetStore,
  sdkCodes,
  storeMigrations,
  storeSchemaVersion,
  type DatasetStore,
} from "../../src/index.js";

const root = mkdtempSync(join(tmpdir(), "flowpy-store-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function open(path: string): Promise<DatasetStore> {
  const r = await openDatasetStore(path);
  if (!r.ok) throw new Error(r.diagnostics[0]?.message);
  return r.value;
}

describe("dataset store", () => {
  const path = join(root, "store.duckdb");

  it("creates every table of the documented schema at the current version, and reopens without migrating again", async () => {
    const store = await open(path);
    try {
      expect(store.schemaVersion).toBe(storeSchemaVersion);
      const tables = (
        await store.all(
          "SELECT table_name FROM information_schema.tables ORDER BY table_name",
        )
      ).map((r) => r["table_name"]);
      const created = storeMigrations
        .flatMap((m) => m.statements)
        .flatMap((s) => /CREATE TABLE (\w+)/.exec(s)?.[1] ?? []);
      // A table a later migration rebuilds is created twice.
      expect(tables).toEqual([...new Set(created), "store_meta"].sort());
      await store.run(
        "INSERT INTO runs (run_id, config_json, seed, status) VALUES ('r', '{}', 1, 'running')",
      );
    } finally {
      store.close();
    }
    const again = await open(path);
    try {
      expect(await again.all("SELECT run_id FROM runs")).toEqual([
        { run_id: "r" },
      ]);
    } finally {
      again.close();
    }
  });

  it("a failed transaction leaves nothing behind", async () => {
    const store = await open(path);
    try {
      await expect(
        store.transaction(async () => {
          await store.run(
            "INSERT INTO runs (run_id, config_json, seed, status) VALUES ('t', '{}', 1, 'running')",
          );
          // The primary key refuses a second run 'r'.
          await store.run(
            "INSERT INTO runs (run_id, config_json, seed, status) VALUES ('r', '{}', 1, 'running')",
          );
        }),
      ).rejects.toThrow();
      expect(
        await store.all("SELECT run_id FROM runs ORDER BY run_id"),
      ).toEqual([{ run_id: "r" }]);
    } finally {
      store.close();
    }
  });

  it("refuses a store written by a newer schema, and a path it cannot open, with a diagnostic", async () => {
    const newer = join(root, "newer.duckdb");
    const store = await open(newer);
    await store.run(
      "UPDATE store_meta SET value = ? WHERE key = 'schema_version'",
      [String(storeSchemaVersion + 1)],
    );
    store.close();
    const refused = await openDatasetStore(newer);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.diagnostics[0]?.code).toBe(sdkCodes.storeUnavailable);
      expect(refused.diagnostics[0]?.message).toContain("schema version");
    }
    const bad = await openDatasetStore(
      join(root, "no", "such", "dir", "s.duckdb"),
    );
    expect(bad.ok).toBe(false);
  });

  it("migration 5 keeps a version-4 store's rows and drops their key index", async () => {
    const old = join(root, "v4.duckdb");
    const instance = await DuckDBInstance.create(old);
    const connection = await instance.connect();
    await connection.run(
      "CREATE TABLE store_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
    );
    for (const m of storeMigrations.filter((m) => m.version <= 4))
      for (const sql of m.statements) await connection.run(sql);
    await connection.run(
      "INSERT INTO store_meta VALUES ('schema_version', '4')",
    );
    const row = ["r", "wf-1#terse", 3, "terse", "train", "k", '{"a":"\u00e9"}'];
    await connection.run("INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?)", row);
    // Version 4 refuses a second copy of a row id.
    await expect(
      connection.run("INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?)", row),
    ).rejects.toThrow();
    connection.closeSync();
    instance.closeSync();
    const store = await open(old);
    try {
      expect(
        await store.all(
          "SELECT value FROM store_meta WHERE key = 'schema_version'",
        ),
      ).toEqual([{ value: String(storeSchemaVersion) }]);
      const back = await store.all("SELECT * FROM rows");
      expect(back).toEqual([
        {
          run_id: "r",
          row_id: "wf-1#terse",
          position: "3",
          style: "terse",
          split: "train",
          shuffle_key: "k",
          row_json: '{"a":"\u00e9"}',
        },
      ]);
      await store.run("INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?)", row);
      expect(await store.all("SELECT row_id FROM rows")).toHaveLength(2);
      expect(
        await store.all(
          "SELECT table_name FROM information_schema.tables WHERE table_name = 'rows_indexed'",
        ),
      ).toEqual([]);
    } finally {
      store.close();
    }
  });
});
