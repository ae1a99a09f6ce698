import { readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import {
  checkFlowRoundTrip,
  flowToPython,
  pythonToFlow,
} from "@flowpy/transpiler";
import {
  buildDatasetRow,
  buildTrajectory,
  createCompiler,
  createTrajectoryEnvironment,
  qwen3Tokenizer,
  serializeRow,
  sha256Hex,
} from "@flowpy/sdk";

/**
 * What the SDK's main functions give on fixed inputs, computed the same way in Node (the
 * test) and in Deno (`deno-smoke.ts`): equal facts mean the runtime changes nothing. Each
 * entry names the part it exercises, so a Deno break shows up as the one fact that differs.
 */
export interface SmokeFacts {
  /** flowToPython: sha256 of the Python text. */
  readonly python: string;
  /** pythonToFlow on that Python: sha256 of the Flow JSON. */
  readonly json: string;
  readonly roundTrip: string;
  /** createCompiler (tree-sitter) on a valid and a broken model answer. */
  readonly compiled: { readonly ok: boolean; readonly workflow: string };
  /** Every syntax error of the broken answer: more than one only when tree-sitter loaded. */
  readonly syntaxErrors: readonly string[];
  /** The Qwen3 tokenizer package. */
  readonly tokens: readonly number[];
  /** A create trajectory rendered and tokenized into a dataset row (sha256 of its JSONL line). */
  readonly row: {
    readonly sha256: string;
    readonly tokens: number;
    readonly trained: number;
  };
  /** @duckdb/node-api's native addon: the row's token count stored and summed. */
  readonly duckdb: string;
}

const workflowFile = new URL(
  "../../../../corpus/notifications/asana-task-for-dispute/workflow.json",
  import.meta.url,
);

// Two separate syntax errors: the first parser stops at the first; tree-sitter reports both.
const brokenAnswer = "```python\nif x ==:\n    pass\ny = (1,\nz = ]\n```\n";

export async function smokeFacts(): Promise<SmokeFacts> {
  const json = readFileSync(workflowFile, "utf8");
  const forward = flowToPython(json);
  if (!forward.ok) throw new Error("flowToPython rejected the workflow");
  const back = pythonToFlow(forward.value.python);
  if (!back.ok) throw new Error("pythonToFlow rejected the Python");
  const compiler = await createCompiler();
  const compiled = compiler.compile(
    `\`\`\`python\n${forward.value.python}\`\`\`\n`,
  );
  const broken = compiler.compile(brokenAnswer);
  const env = await createTrajectoryEnvironment({});
  const trajectory = buildTrajectory(
    { workflow: json, variant: "create", seed: 1 },
    env,
  );
  if (!trajectory.ok) throw new Error("buildTrajectory failed");
  const row = buildDatasetRow(
    trajectory.value.conversation,
    { id: "smoke#create", source: "smoke", variant: "create", tasks: [] },
    { enableThinking: true },
  );
  if (!row.ok) throw new Error("buildDatasetRow failed");
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  let duckdb: string;
  try {
    await connection.run("CREATE TABLE rows (id VARCHAR, tokens INTEGER)");
    await connection.run("INSERT INTO rows VALUES ($id, $tokens), ('b', 1)", {
      id: row.value.meta.id,
      tokens: row.value.meta.tokens,
    });
    const read = await connection.runAndReadAll(
      "SELECT count(*)::INTEGER AS n, sum(tokens)::INTEGER AS total FROM rows",
    );
    duckdb = JSON.stringify(read.getRowObjectsJson());
  } finally {
    connection.closeSync();
    db.closeSync();
  }
  return {
    python: sha256Hex(forward.value.python),
    json: sha256Hex(back.value.json),
    roundTrip: checkFlowRoundTrip(json).status,
    compiled: {
      ok: compiled.ok,
      workflow: sha256Hex(compiled.workflow ?? ""),
    },
    syntaxErrors: broken.diagnostics.map(
      (d) =>
        `${d.code}@${d.span === undefined ? "-" : `${d.span.start.line}:${d.span.start.column}`}`,
    ),
    tokens: qwen3Tokenizer().encode("Tag orders over $100 as VIP"),
    row: {
      sha256: sha256Hex(serializeRow(row.value)),
      tokens: row.value.meta.tokens,
      trained: row.value.meta.trained_tokens,
    },
    duckdb,
  };
}
