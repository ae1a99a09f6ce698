import { describe, expect, it } from "vitest";
import {
  buildRunManifest,
  codes,
  readRunManifest,
  renderRunManifest,
  servingConfig,
  servingRecord,
  verifyRunManifest,
  type RunManifest,
} from "../../src/index.js";
import { TEMPLATE, facts, spec } from "../serving/fixtures.js";

function manifest(): RunManifest {
  const serving = servingConfig(spec, facts, { chatTemplate: TEMPLATE });
  if (!serving.ok) throw new Error("serving config refused");
  return buildRunManifest({
    spec,
    job: { engine: "slurm", id: "4242" },
    checkpoint: { uri: spec.output.finalModelUri },
    serving: servingRecord(serving.value),
  });
}

/** The same data with every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversed(v)]),
    );
  return value;
}

describe("run manifest", () => {
  it("names dataset, spec, job, checkpoint and serving config, and verifies", () => {
    const m = manifest();
    expect(m.dataset).toEqual({
      name: "flow-agent-sft",
      version: "example",
      uri: spec.dataset.uri,
      chatTemplateSha256: facts.chatTemplate.sha256,
    });
    expect(m.job).toEqual({ engine: "slurm", id: "4242" });
    const serving = servingConfig(spec, facts, { chatTemplate: TEMPLATE });
    expect(serving.ok && m.serving.configSha256 === serving.value.sha256).toBe(
      true,
    );
    const read = readRunManifest(renderRunManifest(m));
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.value).toEqual(m);
  });

  it("is canonical: the same data in any key order gives the same bytes", () => {
    const text = renderRunManifest(manifest());
    const shuffled = reversed(manifest()) as RunManifest;
    expect(renderRunManifest(shuffled)).toBe(text);
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(manifest()));
    expect(text.endsWith("}\n")).toBe(true);
    // keys sorted: "checkpoint" < "dataset" < "job" < "manifestVersion" < "serving" < "training"
    const top = Object.keys(JSON.parse(text) as object);
    expect(top).toEqual([...top].sort());
  });

  it("detects a spec changed after hashing", () => {
    const m = manifest();
    const tampered = {
      ...m,
      training: {
        ...m.training,
        spec: {
          ...m.training.spec,
          hyperparameters: {
            ...m.training.spec.hyperparameters,
            learningRate: 2e-5,
          },
        },
      },
    };
    const result = verifyRunManifest(tampered);
    expect(result.diagnostics).toMatchObject([
      { code: codes.manifestHashMismatch, path: ["training", "specSha256"] },
    ]);
  });

  it("detects a serving config changed after hashing", () => {
    const m = manifest();
    const tampered = {
      ...m,
      serving: {
        ...m.serving,
        config: {
          ...m.serving.config,
          vllm: { ...m.serving.config.vllm, "tool-call-parser": "qwen3_xml" },
        },
      },
    };
    expect(verifyRunManifest(tampered).diagnostics).toMatchObject([
      { code: codes.manifestHashMismatch, path: ["serving", "configSha256"] },
    ]);
  });

  it("detects a serving config for another checkpoint or dataset version", () => {
    const m = manifest();
    const other = {
      ...m,
      checkpoint: { uri: "/shared/models/other" },
      dataset: { ...m.dataset, version: "2026-w01" },
    };
    expect(
      verifyRunManifest(other).diagnostics.map((d) => [d.code, d.path]),
    ).toEqual([
      [codes.manifestInconsistent, ["dataset", "version"]],
      [codes.manifestInconsistent, ["serving", "config", "vllm", "model"]],
    ]);
  });

  it("returns diagnostics for malformed manifests", () => {
    expect(readRunManifest("[").diagnostics[0]?.code).toBe(codes.jsonSyntax);
    const result = verifyRunManifest({
      ...manifest(),
      job: { engine: "k8s", id: "" },
    });
    expect(result.diagnostics.map((d) => d.path)).toEqual([
      ["job", "engine"],
      ["job", "id"],
    ]);
  });
});
