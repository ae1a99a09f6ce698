import { describe, expect, it } from "vitest";
import {
  defaultTrainingSpec,
  planTraining,
  renderPlan,
  renderServingSizing,
  servingConfig,
} from "../../src/index.js";
import { TEMPLATE, facts, spec } from "./fixtures.js";

describe("emitted serving files and plan text (file snapshots)", () => {
  const result = servingConfig(spec, facts, { chatTemplate: TEMPLATE });
  if (!result.ok) throw new Error("serving config refused");
  const c = result.value;

  it("config.yaml", async () => {
    await expect(c.configYaml).toMatchFileSnapshot("__snapshots__/config.yaml");
  });
  it("kubernetes.yaml", async () => {
    await expect(c.kubernetes.yaml).toMatchFileSnapshot(
      "__snapshots__/kubernetes.yaml",
    );
  });
  it("helm-values.yaml", async () => {
    await expect(c.kubernetes.helmValuesYaml).toMatchFileSnapshot(
      "__snapshots__/helm-values.yaml",
    );
  });
  it("generation_config.json", async () => {
    await expect(c.generationConfigJson).toMatchFileSnapshot(
      "__snapshots__/generation_config.json.snap",
    );
  });
  it("sizing.txt", async () => {
    await expect(renderServingSizing(c.sizing)).toMatchFileSnapshot(
      "__snapshots__/sizing.txt",
    );
  });
  it("plan of the default spec", async () => {
    await expect(
      renderPlan(planTraining(defaultTrainingSpec())),
    ).toMatchFileSnapshot("__snapshots__/default-plan.txt");
  });
});
