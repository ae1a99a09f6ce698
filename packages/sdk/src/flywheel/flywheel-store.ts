import type { DuckDBValue } from "@duckdb/node-api";

/** A row read back from the store, values as JSON (BIGINT as decimal strings). */
export type FlywheelStoreRow = Readonly<Record<string, unknown>>;

/**
 * What the flywheel needs of the dataset store: `openDatasetStore` gives all of it (its
 * migration 3 holds the flywheel's tables).
 */
export interface FlywheelStore {
  run(sql: string, params?: readonly DuckDBValue[]): Promise<void>;
  all(
    sql: string,
    params?: readonly DuckDBValue[],
  ): Promise<FlywheelStoreRow[]>;
  /** A query's rows in chunks; nothing else runs on the store until the iteration ends. */
  stream(
    sql: string,
    params?: readonly DuckDBValue[],
  ): AsyncIterable<readonly FlywheelStoreRow[]>;
  transaction<T>(work: () => Promise<T>): Promise<T>;
}
