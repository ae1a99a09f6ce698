import type { DuckDBValue } from "@duckdb/node-api";

/** A row read back from the store, values as JSON (BIGINT as decimal strings). */
export type FlywheelStoreRow = Readonly<Record<string, unknown>>;

/**
 * What the flywheel needs of the dataset store: `openDatasetStore` gives all of it (its
 * migration 2 holds the flywheel's tables).
 */
export interface FlywheelStore {
  run(sql: string, params?: readonly DuckDBValue[]): Promise<void>;
  all(
    sql: string,
    params?: readonly DuckDBValue[],
  ): Promise<FlywheelStoreRow[]>;
  transaction<T>(work: () => Promise<T>): Promise<T>;
}
