import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  defaultTrainingSpec,
  parseTrainingSpec,
  planTraining,
  type TrainingSpec,
} from "../../src/index.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

/** Valid specs across cluster shapes, sequence lengths, batching and FSDP switches. */
const specs: fc.Arbitrary<TrainingSpec> = fc
  .record({
    nodes: fc.integer({ min: 1, max: 16 }),
    gpusPerNode: fc.constantFrom(1, 2, 4, 8),
    gpuType: fc.constantFrom("H200", "H100-80GB", "A100-80GB", "A100-40GB"),
    maxSeqLength: fc.integer({ min: 256, max: 40960 }),
    microBatchSize: fc.integer({ min: 1, max: 8 }),
    accumulation: fc.integer({ min: 1, max: 16 }),
    checkpointing: fc.boolean(),
    reshard: fc.boolean(),
    packing: fc.boolean(),
    lossType: fc.constantFrom("chunked_nll", "nll"),
    epochs: fc.double({ min: 0.5, max: 5, noNaN: true }),
  } as const)
  .map((r) => {
    const d = defaultTrainingSpec();
    return {
      ...d,
      compute: {
        nodes: r.nodes,
        gpusPerNode: r.gpusPerNode,
        gpuType: r.gpuType,
      },
      hyperparameters: {
        ...d.hyperparameters,
        epochs: r.epochs,
        maxSeqLength: r.maxSeqLength,
        microBatchSize: r.microBatchSize,
        gradientAccumulationSteps: r.accumulation,
        globalBatchSize:
          r.microBatchSize * r.accumulation * r.nodes * r.gpusPerNode,
        packing: r.packing,
        lossType: r.lossType,
      },
      fsdp: {
        ...d.fsdp,
        activationCheckpointing: r.checkpointing,
        reshardAfterForward: r.reshard,
      },
    };
  });

describe("planTraining properties", () => {
  it("is total and self-consistent on valid specs", () => {
    fc.assert(
      fc.property(specs, (spec) => {
        expect(parseTrainingSpec(spec).ok).toBe(true);
        const plan = planTraining(spec);
        const sum = plan.memory.terms.reduce((s, t) => s + t.bytes, 0);
        expect(plan.memory.totalBytes).toBe(sum);
        expect(plan.memory.terms.every((t) => t.bytes > 0)).toBe(true);
        const fits = plan.memory.totalBytes <= plan.memory.capacityBytes;
        expect(plan.verdict.kind).toBe(fits ? "fits" : "does-not-fit");
        expect(
          plan.diagnostics.some((d) => d.code === "plan-does-not-fit"),
        ).toBe(!fits);
        expect(plan.memory.activationsWithCheckpointingBytes).toBeLessThan(
          plan.memory.activationsWithoutCheckpointingBytes,
        );
        expect(Number.isFinite(plan.time.hours) && plan.time.hours > 0).toBe(
          true,
        );
        expect(plan.cost.usd).toBeCloseTo(
          plan.cost.gpuHours * plan.cost.pricePerGpuHourUsd,
          6,
        );
      }),
      { numRuns: runs },
    );
  });

  it("needs more memory per GPU for longer sequences and fewer GPUs", () => {
    fc.assert(
      fc.property(specs, (spec) => {
        const longer = {
          ...spec,
          hyperparameters: {
            ...spec.hyperparameters,
            maxSeqLength: spec.hyperparameters.maxSeqLength * 2,
          },
        };
        expect(planTraining(longer).memory.totalBytes).toBeGreaterThan(
          planTraining(spec).memory.totalBytes,
        );
        const more = {
          ...spec,
          compute: { ...spec.compute, nodes: spec.compute.nodes * 2 },
          hyperparameters: {
            ...spec.hyperparameters,
            globalBatchSize: spec.hyperparameters.globalBatchSize * 2,
          },
        };
        expect(planTraining(more).memory.totalBytes).toBeLessThan(
          planTraining(spec).memory.totalBytes,
        );
        // Twice the GPUs at the same utilisation: half the wall-clock.
        expect(planTraining(more).time.hours).toBeCloseTo(
          planTraining(spec).time.hours / 2,
          6,
        );
      }),
      { numRuns: runs },
    );
  });

  it("never throws on arbitrary JSON, only returns diagnostics", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseTrainingSpec(value);
        expect(result.ok).toBe(false);
        expect(result.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: runs },
    );
  });
});
