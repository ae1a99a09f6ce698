import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultTrainingSpec, type TrainingSpec } from "../../src/index.js";
import { TEMPLATE, facts, spec } from "../serving/fixtures.js";
import { run } from "./run-cli.js";

let dir = "";
const file = (name: string): string => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "flowpy-train-cli-"));
  writeFileSync(file("spec.json"), JSON.stringify(spec));
  writeFileSync(file("card.json"), JSON.stringify(facts));
  writeFileSync(file("template.jinja"), TEMPLATE);
  const refused: TrainingSpec = {
    ...spec,
    compute: { nodes: 1, gpusPerNode: 8, gpuType: "H100-80GB" },
    hyperparameters: {
      ...spec.hyperparameters,
      maxSeqLength: 32768,
      gradientAccumulationSteps: 8,
    },
    fsdp: { ...spec.fsdp, activationCheckpointing: false },
  };
  writeFileSync(file("refused.json"), JSON.stringify(refused));
  writeFileSync(
    file("card-no-thinking.json"),
    JSON.stringify({ ...facts, thinking: "disabled" }),
  );
});

afterAll(() => {
  // The temp directory is left for the OS: other test files may run concurrently.
});

describe("flowpy-train usage", () => {
  it("exits 2 with the usage text on no or unknown commands and bad options", () => {
    expect(run().code).toBe(2);
    expect(run("bogus").err).toContain("unknown command bogus");
    expect(run("train", "plan").err).toContain("missing --spec");
    expect(
      run("train", "plan", "--spec", file("spec.json"), "--mfu", "two").code,
    ).toBe(2);
    expect(
      run("train", "plan", "--spec", file("spec.json"), "--frobnicate").code,
    ).toBe(2);
    const help = run("--help");
    expect(help.code).toBe(0);
    expect(help.out).toContain("flowpy-train train plan");
  });
});

describe("flowpy-train train", () => {
  it("prints the default spec, which validates", () => {
    const r = run("train", "default-spec");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(defaultTrainingSpec());
    expect(JSON.parse(run("train", "schema").out)).toHaveProperty("properties");
  });

  it("plans the default spec with its arithmetic and exits 0", () => {
    const r = run("train", "plan", "--spec", file("spec.json"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("verdict: fits");
    expect(r.out).toContain("32,762,123,264 × 4 B / 16 GPUs = 8.19 GB");
    const j = run(
      "train",
      "plan",
      "--spec",
      file("spec.json"),
      "--json",
      "--mfu",
      "0.35",
    );
    expect(JSON.parse(j.out)).toMatchObject({ verdict: { kind: "fits" } });
  });

  it("exits 1 and names the dominant term for a plan that does not fit", () => {
    const r = run("train", "plan", "--spec", file("refused.json"));
    expect(r.code).toBe(1);
    expect(r.out).toContain("DOES NOT FIT");
    expect(r.err).toContain("plan-does-not-fit");
    expect(r.err).toContain("$.fsdp.activationCheckpointing");
  });

  it("reports invalid specs and unreadable files as diagnostics with exit 1", () => {
    writeFileSync(
      file("bad.json"),
      JSON.stringify({ ...spec, compute: { nodes: 0 } }),
    );
    const r = run("train", "plan", "--spec", file("bad.json"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("spec-invalid");
    expect(r.err).toContain("$.compute.nodes");
    const missing = run("train", "plan", "--spec", file("nope.json"));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("cli-io");
    writeFileSync(file("syntax.json"), "{");
    expect(run("train", "plan", "--spec", file("syntax.json")).err).toContain(
      "json-syntax",
    );
  });
});

describe("flowpy-train serve and manifest", () => {
  it("writes the serving files, checks parity and builds a verifiable manifest", () => {
    const out = file("serving");
    const config = run(
      "serve",
      "config",
      "--spec",
      file("spec.json"),
      "--dataset-card",
      file("card.json"),
      "--chat-template",
      file("template.jinja"),
      "--out",
      out,
    );
    expect(config.code).toBe(0);
    expect(config.out).toContain("--tool-call-parser hermes");
    expect(config.out).toContain("KV cache capacity");
    expect(readFileSync(join(out, "chat-template.jinja"), "utf8")).toBe(
      TEMPLATE,
    );
    expect(readFileSync(join(out, "config.yaml"), "utf8")).toContain(
      "reasoning-parser: qwen3",
    );
    expect(readFileSync(join(out, "kubernetes.yaml"), "utf8")).toContain(
      "kind: Deployment",
    );
    expect(readFileSync(join(out, "helm-values.yaml"), "utf8")).toContain(
      "servingEngineSpec",
    );

    const serving = join(out, "serving.json");
    const parity = run(
      "serve",
      "parity",
      "--serving",
      serving,
      "--dataset-card",
      file("card.json"),
    );
    expect(parity.code).toBe(0);
    expect(parity.out).toContain("parity ok");
    const mismatch = run(
      "serve",
      "parity",
      "--serving",
      serving,
      "--dataset-card",
      file("card-no-thinking.json"),
    );
    expect(mismatch.code).toBe(1);
    expect(mismatch.err).toContain("serving-thinking-mismatch");

    const manifest = file("manifest.json");
    const built = run(
      "manifest",
      "build",
      "--spec",
      file("spec.json"),
      "--serving",
      serving,
      "--engine",
      "slurm",
      "--job-id",
      "17",
      "--checkpoint",
      spec.output.finalModelUri,
      "-o",
      manifest,
    );
    expect(built.code).toBe(0);
    const verified = run("manifest", "verify", manifest);
    expect(verified.code).toBe(0);
    expect(verified.out).toContain("job slurm/17");

    const text = readFileSync(manifest, "utf8").replace(
      '"id": "17"',
      '"id": "18"',
    );
    writeFileSync(
      file("edited.json"),
      text.replace('"learningRate": 0.00001', '"learningRate": 0.00002'),
    );
    const edited = run("manifest", "verify", file("edited.json"));
    expect(edited.code).toBe(1);
    expect(edited.err).toContain("manifest-hash-mismatch");
  });

  it("refuses to serve a template other than the dataset's", () => {
    writeFileSync(file("other.jinja"), `${TEMPLATE}x`);
    const r = run(
      "serve",
      "config",
      "--spec",
      file("spec.json"),
      "--dataset-card",
      file("card.json"),
      "--chat-template",
      file("other.jinja"),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain("serving-template-mismatch");
  });

  it("refuses a manifest whose serving config loads another checkpoint", () => {
    const r = run(
      "manifest",
      "build",
      "--spec",
      file("spec.json"),
      "--serving",
      join(file("serving"), "serving.json"),
      "--engine",
      "trainjob",
      "--job-id",
      "x",
      "--checkpoint",
      "/shared/models/other",
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain("manifest-inconsistent");
    expect(
      run(
        "manifest",
        "build",
        "--spec",
        file("spec.json"),
        "--serving",
        "s",
        "--engine",
        "k8s",
        "--job-id",
        "1",
        "--checkpoint",
        "c",
      ).code,
    ).toBe(2);
  });
});
