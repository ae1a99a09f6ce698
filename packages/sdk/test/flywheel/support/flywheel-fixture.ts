import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatasetStore, type DatasetStore } from "../../../src/index.js";
import {
  startOpenAiTestServer,
  type OpenAiTestServer,
} from "../../support/openai-test-server.js";
import { judgeScript } from "./generated-week.js";

const TABLES = [
  "flywheel_weeks",
  "flywheel_decisions",
  "flywheel_rows",
  "flywheel_lineage",
  "flywheel_versions",
];

/** Every flywheel table's rows in a fixed order: equal text is equal store state. */
export async function dumpFlywheelTables(store: DatasetStore): Promise<string> {
  const parts: string[] = [];
  for (const t of TABLES)
    parts.push(
      t,
      JSON.stringify(await store.all(`SELECT * FROM ${t} ORDER BY ALL`)),
    );
  return parts.join("\n");
}

/** The scripted judge on a loopback server, a temp folder and a fresh store in it. */
export async function flywheelFixture(prefix: string): Promise<{
  readonly server: OpenAiTestServer;
  readonly dir: string;
  readonly store: DatasetStore;
}> {
  const server = await startOpenAiTestServer(judgeScript);
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const opened = await openDatasetStore(join(dir, "store.duckdb"));
  if (!opened.ok) throw new Error(opened.diagnostics[0]?.message);
  return { server, dir, store: opened.value };
}
