import { describe, expect, it } from "vitest";
import {
  codes,
  defaultTrainingSpec,
  exampleDatasetFacts,
  parseTrainingSpec,
  readDatasetFacts,
  readTrainingSpec,
  trainingSpecJsonSchema,
} from "../../src/index.js";

/** A deep copy of the default spec as plain JSON, to break in one place. */
function defaultJson(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(defaultTrainingSpec())) as Record<
    string,
    unknown
  >;
}

function at(
  value: Record<string, unknown>,
  key: string,
): Record<string, unknown> {
  return value[key] as Record<string, unknown>;
}

describe("TrainingSpec", () => {
  it("accepts the 2 × 8 H200 default and round-trips it through JSON", () => {
    const spec = defaultTrainingSpec();
    expect(spec.compute).toEqual({ nodes: 2, gpusPerNode: 8, gpuType: "H200" });
    expect(spec.fsdp.transformerLayerClsToWrap).toBe("Qwen3DecoderLayer");
    const parsed = readTrainingSpec(JSON.stringify(spec));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value).toEqual(spec);
  });

  it("reports wrong types and unknown fields at their JSON paths", () => {
    const json = defaultJson();
    at(json, "hyperparameters")["microBatchSize"] = "one";
    at(json, "fsdp")["version"] = 1;
    json["extra"] = true;
    const result = parseTrainingSpec(json);
    expect(result.ok).toBe(false);
    const byPath = result.diagnostics.map((d) => [d.code, d.path]);
    expect(byPath).toContainEqual([
      codes.specInvalid,
      ["hyperparameters", "microBatchSize"],
    ]);
    expect(byPath).toContainEqual([codes.specInvalid, ["fsdp", "version"]]);
    expect(byPath).toContainEqual([codes.specInvalid, ["extra"]]);
  });

  it("reports a global batch that is not micro × accumulation × GPUs", () => {
    const json = defaultJson();
    at(json, "hyperparameters")["globalBatchSize"] = 128;
    const result = parseTrainingSpec(json);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      code: codes.specInconsistent,
      path: ["hyperparameters", "globalBatchSize"],
    });
    // 1 × 4 × 16 = 64
    expect(result.diagnostics[0]?.hint).toContain("64");
  });

  it("reports a chat template hash that differs from the dataset's", () => {
    const json = defaultJson();
    json["chatTemplateSha256"] = "a".repeat(64);
    const result = parseTrainingSpec(json);
    expect(result.diagnostics.map((d) => d.path)).toEqual([
      ["chatTemplateSha256"],
    ]);
  });

  it("refuses credentials written as plain environment values", () => {
    const json = defaultJson();
    json["env"] = { NCCL_IB_HCA: "mlx5_0", WANDB_API_KEY: "sk-123" };
    const result = parseTrainingSpec(json);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.path)).toEqual([
      ["env", "WANDB_API_KEY"],
    ]);
    // The value itself is never echoed back.
    expect(JSON.stringify(result.diagnostics)).not.toContain("sk-123");
  });

  it("checks the wrapped layer class and the model's position limit", () => {
    const json = defaultJson();
    at(json, "fsdp")["transformerLayerClsToWrap"] = "LlamaDecoderLayer";
    at(json, "hyperparameters")["maxSeqLength"] = 65536;
    const paths = parseTrainingSpec(json).diagnostics.map((d) => d.path);
    expect(paths).toEqual([
      ["fsdp", "transformerLayerClsToWrap"],
      ["hyperparameters", "maxSeqLength"],
    ]);
  });

  it("returns diagnostics, never throws, on any JSON value", () => {
    for (const value of [null, 1, "x", [], {}, { schemaVersion: 1 }]) {
      const result = parseTrainingSpec(value);
      expect(result.ok).toBe(false);
      expect(result.diagnostics.length).toBeGreaterThan(0);
    }
    const bad = readTrainingSpec("{ not json");
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0]?.code).toBe(codes.jsonSyntax);
  });

  it("documents every field in its JSON Schema", () => {
    const schema = JSON.stringify(trainingSpecJsonSchema());
    const described = (schema.match(/"description"/g) ?? []).length;
    // one description per field of every object: well over the 60 fields of the spec
    expect(described).toBeGreaterThan(60);
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== "object") return;
      const o = node as Record<string, unknown>;
      const props = o["properties"] as
        Record<string, Record<string, unknown>> | undefined;
      if (props !== undefined)
        for (const [key, child] of Object.entries(props)) {
          if (typeof child["description"] !== "string")
            undocumented.push(`${path}.${key}`);
          walk(child, `${path}.${key}`);
        }
      for (const v of Object.values(o)) if (v !== props) walk(v, path);
    };
    walk(trainingSpecJsonSchema(), "$");
    expect(undocumented).toEqual([]);
  });
});

describe("DatasetFacts", () => {
  it("reads the example card and rejects inconsistent counts with paths", () => {
    expect(readDatasetFacts(JSON.stringify(exampleDatasetFacts)).ok).toBe(true);
    const card = JSON.parse(JSON.stringify(exampleDatasetFacts)) as Record<
      string,
      Record<string, unknown>
    >;
    (card["tokens"] as Record<string, unknown>)["trainAssistant"] = 600_000_000;
    (card["chatTemplate"] as Record<string, unknown>)["sha256"] = "ABC";
    const result = readDatasetFacts(JSON.stringify(card));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.path)).toEqual([
      ["chatTemplate", "sha256"],
    ]);
    (card["chatTemplate"] as Record<string, unknown>)["sha256"] =
      exampleDatasetFacts.chatTemplate.sha256;
    const counts = readDatasetFacts(JSON.stringify(card));
    expect(counts.diagnostics).toMatchObject([
      { code: codes.datasetFactsInvalid, path: ["tokens", "trainAssistant"] },
    ]);
  });
});
