import {
  DuckDBInstance,
  type DuckDBConnection,
  type DuckDBValue,
} from "@duckdb/node-api";
import type { Diagnostic, Result } from "@flowpy/transpiler";
import { sdkCodes } from "../sdk-codes.js";
import { storeMigrations, storeSchemaVersion } from "./store-schema.js";

/** A row read back from the store, values as JSON (BIGINT as decimal strings). */
export type StoreRow = Readonly<Record<string, unknown>>;

/**
 * An open dataset store: an embedded DuckDB database file. Owned by its opener, who must
 * `close()` it; nothing is kept at module level. All writes of one pipeline batch go through
 * one `transaction`, so a kill leaves either all of the batch or none of it.
 */
export interface DatasetStore {
  readonly path: string;
  readonly schemaVersion: number;
  run(sql: string, params?: readonly DuckDBValue[]): Promise<void>;
  all(sql: string, params?: readonly DuckDBValue[]): Promise<StoreRow[]>;
  /**
   * Inserts rows (each a full list of the table's column values, in column order) with a
   * few multi-row statements: one statement per row costs ~20× more in parsing and binding.
   */
  insert(
    table: string,
    rows: readonly (readonly DuckDBValue[])[],
  ): Promise<void>;
  /**
   * A query's rows in chunks as DuckDB produces them (a sort spills to disk rather than
   * filling memory). Run nothing else on the store until the iteration ends.
   */
  stream(
    sql: string,
    params?: readonly DuckDBValue[],
  ): AsyncIterable<readonly StoreRow[]>;
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** The underlying connection, for appenders and `COPY`. */
  readonly connection: DuckDBConnection;
  close(): void;
}

const INSERT_VALUES = 20_000;

function failure(message: string): Result<never> {
  const d: Diagnostic = {
    code: sdkCodes.storeUnavailable,
    severity: "error",
    message,
  };
  return { ok: false, diagnostics: [d] };
}

/**
 * Opens (creating when absent) the store at `path` (`:memory:` for a throwaway one) and
 * migrates it to the current schema. A database written by a newer version is refused.
 */
export async function openDatasetStore(
  path: string,
  options: {
    /** DuckDB's buffer limit (e.g. `1GB`): bounds the store's memory whatever the data size. */
    readonly memoryLimit?: string;
    /**
     * Where DuckDB spills sorts and joins that outgrow `memoryLimit`; `<path>.tmp` for a
     * file store (DuckDB's own default, made explicit so an in-memory store spills too).
     */
    readonly tempDirectory?: string;
  } = {},
): Promise<Result<DatasetStore>> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, {
      memory_limit: options.memoryLimit ?? "1GB",
      ...(options.tempDirectory !== undefined
        ? { temp_directory: options.tempDirectory }
        : path === ":memory:"
          ? {}
          : { temp_directory: `${path}.tmp` }),
    });
  } catch (e) {
    return failure(
      `cannot open the store ${path}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const connection = await instance.connect();
  const close = (): void => {
    connection.closeSync();
    instance.closeSync();
  };
  const run = async (sql: string, params?: readonly DuckDBValue[]) => {
    await connection.run(sql, params === undefined ? undefined : [...params]);
  };
  const all = async (sql: string, params?: readonly DuckDBValue[]) =>
    (
      await connection.runAndReadAll(
        sql,
        params === undefined ? undefined : [...params],
      )
    ).getRowObjectsJson() as StoreRow[];
  const insert = async (
    table: string,
    rows: readonly (readonly DuckDBValue[])[],
  ): Promise<void> => {
    for (let start = 0; start < rows.length;) {
      const width = rows[start]?.length ?? 1;
      // Rows per statement: bounded so that one statement binds at most ~20k values.
      const end = Math.min(
        rows.length,
        start + Math.max(1, Math.floor(INSERT_VALUES / width)),
      );
      const chunk = rows.slice(start, end);
      const tuple = `(${new Array<string>(width).fill("?").join(", ")})`;
      await run(
        `INSERT INTO ${table} VALUES ${chunk.map(() => tuple).join(", ")}`,
        chunk.flat(),
      );
      start = end;
    }
  };
  async function* stream(sql: string, params?: readonly DuckDBValue[]) {
    const result = await connection.stream(
      sql,
      params === undefined ? undefined : [...params],
    );
    for await (const rows of result.yieldRowObjectJson())
      yield rows as StoreRow[];
  }
  const transaction = async <T>(work: () => Promise<T>): Promise<T> => {
    await run("BEGIN TRANSACTION");
    try {
      const value = await work();
      await run("COMMIT");
      return value;
    } catch (e) {
      await run("ROLLBACK");
      throw e;
    }
  };
  try {
    await run(
      "CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
    );
    const found = await all(
      "SELECT value FROM store_meta WHERE key = 'schema_version'",
    );
    const current = Number(found[0]?.["value"] ?? 0);
    if (current > storeSchemaVersion) {
      close();
      return failure(
        `the store ${path} has schema version ${current}; this version of flowpy reads up to ${storeSchemaVersion}`,
      );
    }
    for (const m of storeMigrations) {
      if (m.version <= current) continue;
      await transaction(async () => {
        for (const s of m.statements) await run(s);
        await run(
          "INSERT OR REPLACE INTO store_meta VALUES ('schema_version', ?)",
          [String(m.version)],
        );
      });
    }
  } catch (e) {
    close();
    return failure(
      `cannot migrate the store ${path}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return {
    ok: true,
    value: {
      path,
      schemaVersion: storeSchemaVersion,
      run,
      all,
      insert,
      stream,
      transaction,
      connection,
      close,
    },
    diagnostics: [],
  };
}
