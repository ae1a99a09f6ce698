import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../src/index.js";
import {
  createToolbox,
  flowGatewayOverlay,
  openAiTools,
  resolveToolSet,
  toolKeys,
  toolSetDefinition,
  toolSetReference,
} from "../../src/index.js";
import { bundledCatalog, createCompiler } from "@flowpy/transpiler";

function resolved(overlay?: unknown) {
  const r = resolveToolSet(overlay);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  return r.value;
}

/** Every number anywhere in a JSON value. */
function numbersIn(v: JsonValue): number[] {
  if (typeof v === "number") return [v];
  if (Array.isArray(v)) return (v as readonly JsonValue[]).flatMap(numbersIn);
  if (v !== null && typeof v === "object")
    return Object.values(v).flatMap(numbersIn);
  return [];
}

describe("tool-set definition", () => {
  it("resolves to the same hash every time and names every tool once, in definition order", () => {
    const a = resolved();
    const b = resolved();
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).toBe(b.hash);
    expect(a.tools.map((t) => t.key)).toEqual([...toolKeys]);
    expect(openAiTools(a).map((t) => t.function.name)).toEqual(
      toolSetDefinition.tools.map((t) => t.name),
    );
    console.log(
      `tool-set ${a.version}: hash ${a.hash}, definition ${a.definitionHash}`,
    );
  });

  it("gives the tools array only plain names and integer numbers (no 1.0 for the template to reprint)", () => {
    for (const tool of openAiTools(resolved(flowGatewayOverlay))) {
      expect(tool.function.name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      for (const n of numbersIn(tool.function.parameters))
        expect(Number.isSafeInteger(n)).toBe(true);
      expect(Object.keys(tool)).toEqual(["type", "function"]);
      expect(Object.keys(tool.function)).toEqual([
        "name",
        "description",
        "parameters",
      ]);
    }
  });

  it("renames tools per deployment, also inside other tools' descriptions, and hashes the change", () => {
    const base = resolved();
    const gateway = resolved(flowGatewayOverlay);
    expect(gateway.tools.map((t) => t.name)).toEqual([
      "flow_app_agent_task_search",
      "flow_app_agent_task_configuration",
      "flow_app_agent_environment_paths_search",
      "flow_app_agent_submit_workflow",
    ]);
    expect(gateway.tools[0]?.description).toContain(
      "call flow_app_agent_task_configuration for",
    );
    expect(base.tools[0]?.description).toContain("call task_configuration for");
    expect(gateway.hash).not.toBe(base.hash);
    expect(gateway.definitionHash).toBe(base.definitionHash);
    expect(gateway.overlayHash).not.toBe(base.overlayHash);
  });

  it("changes the hash for any visible change: a description, the key style, a limit", () => {
    const base = resolved().hash;
    const variants = [
      {
        deployment: "default",
        tools: { submit_workflow: { description: "Submit it." } },
      },
      { deployment: "default", response_key_style: "camelCase" },
      { deployment: "default", limits: { searchResultsPerQuery: 6 } },
      { deployment: "other" },
    ];
    const hashes = variants.map((v) => resolved(v).hash);
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
  });

  it("rejects bad overlays with diagnostics instead of throwing", () => {
    const cases: unknown[] = [
      { deployment: "x", tools: { task_search: { name: "has space" } } },
      {
        deployment: "x",
        tools: {
          task_search: { name: "same" },
          submit_workflow: { name: "same" },
        },
      },
      { deployment: "x", tools: { unknown_tool: {} } },
      { deployment: "x", colour: "blue" },
      { tools: {} },
      { deployment: "x", limits: { pathDepth: 0 } },
      null,
    ];
    for (const overlay of cases) {
      const r = resolveToolSet(overlay);
      expect(r.ok).toBe(false);
      expect(r.diagnostics.length).toBeGreaterThan(0);
      for (const d of r.diagnostics)
        expect(d.code).toBe("tool-overlay-invalid");
    }
  });

  it("restyles response keys for a camelCase deployment, and only them", async () => {
    const toolSet = resolved({
      deployment: "camel",
      response_key_style: "camelCase",
    });
    const catalog = bundledCatalog();
    const box = createToolbox({
      toolSet,
      catalog,
      compiler: await createCompiler({ catalog }),
    });
    const answer = box.call(
      "task_search",
      '{"search_queries": ["add order tags"]}',
    );
    expect(answer.content).toContain('"taskType":"ACTION"');
    expect(answer.content).not.toContain("task_type");
    expect(JSON.stringify(openAiTools(toolSet))).toContain("search_queries");
  });

  it("documents every tool, parameter and answer key from the definition", () => {
    const toolSet = resolved();
    const doc = toolSetReference(toolSet);
    expect(doc).toContain(toolSet.hash);
    for (const tool of toolSet.tools) {
      expect(doc).toContain(`## \`${tool.name}\``);
      for (const key of Object.keys(tool.parameters.properties))
        expect(doc).toContain(`"${key}"`);
      for (const key of Object.keys(tool.response.properties))
        expect(doc).toContain(`\`${key}\``);
    }
  });
});
