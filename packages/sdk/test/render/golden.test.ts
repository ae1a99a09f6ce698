import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonToValue, parseJson, type JsonNode } from "@flowpy/transpiler";
import type { ChatMessage, ToolDefinition } from "../../src/index.js";
import { renderConversation } from "../../src/index.js";

interface GoldenCase {
  readonly name: string;
  readonly enable_thinking: boolean;
  readonly add_generation_prompt: boolean;
  readonly messages: readonly ChatMessage[];
  readonly tools: readonly ToolDefinition[];
}

const sdk = join(import.meta.dirname, "../..");
const goldenDir = join(import.meta.dirname, "golden");
const fixturesText = readFileSync(
  join(goldenDir, "conversations.json"),
  "utf8",
);
const cases = JSON.parse(fixturesText) as readonly GoldenCase[];
const script = join(sdk, "scripts/render-qwen3-golden.py");

function render(c: GoldenCase): string {
  const r = renderConversation(
    { messages: c.messages, tools: c.tools },
    {
      enableThinking: c.enable_thinking,
      addGenerationPrompt: c.add_generation_prompt,
    },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}

/**
 * Python must read the fixtures exactly as a JavaScript client would send them: every number
 * spelled as `JSON.stringify` spells it and every object's keys in JavaScript's own order
 * (integer-like keys first), or the golden files would test a request no client sends.
 */
function sameAsJavaScriptWouldSend(node: JsonNode, path: string): string[] {
  switch (node.kind) {
    case "number":
      return JSON.stringify(Number(node.raw)) === node.raw
        ? []
        : [`${path}: ${node.raw}`];
    case "array":
      return node.items.flatMap((n, i) =>
        sameAsJavaScriptWouldSend(n, `${path}[${i}]`),
      );
    case "object": {
      const written = node.entries.map((e) => e.key);
      const js = Object.keys(jsonToValue(node) as object);
      const own =
        JSON.stringify(written) === JSON.stringify(js)
          ? []
          : [`${path}: key order`];
      return [
        ...own,
        ...node.entries.flatMap((e) =>
          sameAsJavaScriptWouldSend(e.value, `${path}.${e.key}`),
        ),
      ];
    }
    default:
      return [];
  }
}

const jinjaAvailable =
  spawnSync("python3", ["-c", "import jinja2"], { encoding: "utf8" }).status ===
  0;
const inCi = process.env["CI"] === "true";

describe("golden Qwen3 renderings (Python jinja2 + transformers' tojson)", () => {
  it("has fixtures that a JavaScript client would send byte for byte", () => {
    const parsed = parseJson(fixturesText);
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(sameAsJavaScriptWouldSend(parsed.value, "$")).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  for (const c of cases) {
    it(`renders ${c.name} exactly as the checked-in Python output`, () => {
      const golden = readFileSync(join(goldenDir, `${c.name}.txt`), "utf8");
      expect(render(c)).toBe(golden);
    });
  }

  it("has python3-jinja2 in CI, where the live comparison must run", () => {
    if (inCi) expect(jinjaAvailable).toBe(true);
  });

  it.skipIf(!jinjaAvailable && !inCi)(
    "renders every fixture exactly as a live Python jinja2 run",
    () => {
      const run = spawnSync("python3", [script, "--stdout"], {
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const live = JSON.parse(run.stdout) as Record<string, string>;
      expect(Object.keys(live)).toEqual(cases.map((c) => c.name));
      for (const c of cases) {
        expect(render(c)).toBe(live[c.name]);
        expect(readFileSync(join(goldenDir, `${c.name}.txt`), "utf8")).toBe(
          live[c.name],
        );
      }
    },
  );
});
