import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
      expect(tables).toEqual([...created, "store_meta"].sort());
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
});
