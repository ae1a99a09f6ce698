import { describe, expect, it } from "vitest";
import {
  codes,
  defaultTrainingSpec,
  planJson,
  planTraining,
  renderPlan,
  type MemoryTermKind,
  type Plan,
  type TrainingSpec,
} from "../../src/index.js";

function term(plan: Plan, kind: MemoryTermKind): number {
  const t = plan.memory.terms.find((x) => x.kind === kind);
  if (t === undefined) throw new Error(`no ${kind} term`);
  return t.bytes;
}

function withChanges(
  change: (s: TrainingSpec) => Partial<TrainingSpec>,
): TrainingSpec {
  const spec = defaultTrainingSpec();
  return { ...spec, ...change(spec) };
}

/** Full fine-tune on one node of 8 × H100 80 GB, 32K tokens, no activation checkpointing. */
const refused = withChanges((s) => ({
  compute: { nodes: 1, gpusPerNode: 8, gpuType: "H100-80GB" },
  hyperparameters: {
    ...s.hyperparameters,
    maxSeqLength: 32768,
    gradientAccumulationSteps: 8,
  },
  fsdp: { ...s.fsdp, activationCheckpointing: false },
}));

describe("planTraining: parameters", () => {
  it("counts Qwen3-32B's parameters from its config", () => {
    const plan = planTraining(defaultTrainingSpec());
    // layer: 5120·8192 + 2·5120·1024 + 8192·5120 + 2·128 + 3·5120·25600 + 2·5120
    //      = 41,943,040 + 10,485,760 + 41,943,040 + 256 + 393,216,000 + 10,240
    expect(plan.params.decoderLayer).toBe(487_598_336);
    // root: 2 · 151,936 · 5,120 + 5,120 (untied embeddings and lm_head, final norm)
    expect(plan.params.root).toBe(1_555_829_760);
    // 64 · 487,598,336 + 1,555,829,760 ≈ the 32.76 B of ml-stack §1.1
    expect(plan.params.total).toBe(32_762_123_264);
  });
});

describe("planTraining: memory", () => {
  it("breaks down the default 2 × 8 H200 plan and accepts it", () => {
    const plan = planTraining(defaultTrainingSpec());
    // 32,762,123,264 params sharded over 16 GPUs: fp32 params 4 B, fp32 grads 4 B, Adam 8 B
    expect(term(plan, "parameters")).toBe(8_190_530_816);
    expect(term(plan, "gradients")).toBe(8_190_530_816);
    expect(term(plan, "optimizer")).toBe(16_381_061_632);
    // (root 1,555,829,760 + 2 layers · 487,598,336) · 2 B bf16
    expect(term(plan, "allGather")).toBe(5_062_052_864);
    // largest unit 1,555,829,760 · (2 B bf16 grad + 4 B fp32 copy)
    expect(term(plan, "reduceScatter")).toBe(9_334_978_560);
    // 16,384 · 5,120 · 2 B · 64 layers = 10,737,418,240 (checkpointed layer inputs)
    // + 16,384 · 8 · (5,120 + 8,192 + 1,024 + 25,600) = 5,234,491,392 (one layer recomputed)
    expect(term(plan, "activations")).toBe(15_971_909_632);
    // 1,024-token chunk · 151,936 vocab · 10 B
    expect(term(plan, "logits")).toBe(1_555_824_640);
    expect(term(plan, "reserve")).toBe(5_000_000_000);
    // sum of the eight terms
    expect(plan.memory.totalBytes).toBe(69_686_888_960);
    expect(plan.memory.capacityBytes).toBe(141e9);
    // 16,384 · 319,488 B · 64 layers without checkpointing
    expect(plan.memory.activationsWithoutCheckpointingBytes).toBe(
      335_007_449_088,
    );
    expect(plan.verdict).toEqual({
      kind: "fits",
      headroomBytes: 141e9 - 69_686_888_960,
    });
    expect(plan.diagnostics).toEqual([]);
  });

  it("refuses a full fine-tune on 1 × 8 × 80 GB at 32K without checkpointing", () => {
    const plan = planTraining(refused);
    // states: 32,762,123,264 · 16 B / 8 GPUs = 65,524,246,528
    expect(
      term(plan, "parameters") +
        term(plan, "gradients") +
        term(plan, "optimizer"),
    ).toBe(65_524_246_528);
    // 32,768 tokens · 319,488 B · 64 layers
    expect(term(plan, "activations")).toBe(670_014_898_176);
    expect(plan.memory.totalBytes).toBe(756_492_000_768);
    expect(plan.verdict.kind).toBe("does-not-fit");
    if (plan.verdict.kind !== "does-not-fit") return;
    expect(plan.verdict.dominant).toBe("activations");
    expect(plan.verdict.overBytes).toBe(756_492_000_768 - 80e9);
    expect(plan.verdict.reason).toContain("activations, no checkpointing");
    expect(plan.verdict.reason).toContain("670.01 GB");
    expect(plan.diagnostics).toMatchObject([
      {
        code: codes.planDoesNotFit,
        severity: "error",
        path: ["fsdp", "activationCheckpointing"],
      },
    ]);
  });

  it("still refuses it with checkpointing: the states alone nearly fill 80 GB", () => {
    const plan = planTraining({
      ...refused,
      fsdp: { ...refused.fsdp, activationCheckpointing: true },
    });
    // 32,768 · 5,120 · 2 · 64 + 32,768 · 319,488 = 21,474,836,480 + 10,468,982,784
    expect(term(plan, "activations")).toBe(31_943_819_264);
    expect(plan.verdict.kind).toBe("does-not-fit");
    if (plan.verdict.kind === "does-not-fit")
      expect(plan.verdict.dominant).toBe("optimizer");
  });

  it("keeps every layer gathered without reshard-after-forward", () => {
    const plan = planTraining(
      withChanges((s) => ({ fsdp: { ...s.fsdp, reshardAfterForward: false } })),
    );
    // 32,762,123,264 · 2 B
    expect(term(plan, "allGather")).toBe(65_524_246_528);
  });

  it("materialises the full logits with plain nll", () => {
    const plan = planTraining(
      withChanges((s) => ({
        hyperparameters: { ...s.hyperparameters, lossType: "nll" },
      })),
    );
    // 16,384 · 151,936 · 10 B
    expect(term(plan, "logits")).toBe(24_893_194_240);
  });

  it("refuses on 40 GB parts even with checkpointing, naming the optimizer state", () => {
    const plan = planTraining(
      withChanges(() => ({
        compute: { nodes: 1, gpusPerNode: 8, gpuType: "A100-40GB" },
      })),
    );
    expect(plan.verdict.kind).toBe("does-not-fit");
    expect(plan.diagnostics[0]?.path).toEqual(["compute", "nodes"]);
  });
});

describe("planTraining: time and cost", () => {
  it("predicts about 12 hours for ml-stack's ~1 B-token weekly run", () => {
    const plan = planTraining(defaultTrainingSpec());
    // 500,000,000 tokens / 16,384 → 30,518 packed sequences; /64 → 477 steps; × 2 epochs
    expect(plan.time.totalSteps).toBe(954);
    expect(plan.time.trainedTokens).toBe(1_000_000_000);
    // (6 · 32,762,123,264 + 6 · 64 · 8,192 · 4,166.67 mean row) · 4/3 recompute
    // = (196,572,739,584 + 13,107,200,000) · 4/3 = 279,573,252,778.67
    expect(plan.time.executedFlopsPerToken).toBeCloseTo(279_573_252_778.67, 0);
    // 16 · 989.4e12 · 0.40 = 6.33216e15 FLOP/s → 22,649.38 tokens/s
    expect(plan.time.tokensPerSecond).toBeCloseTo(22_649.377, 2);
    // 64 · 16,384 tokens per step / 22,649.377
    expect(plan.time.stepSeconds).toBeCloseTo(46.296, 2);
    // 1e9 / 22,649.377 = 44,151.3 s = 12.264 h
    expect(plan.time.hours).toBeCloseTo(12.264, 2);
    expect(plan.time.hours).toBeGreaterThan(11);
    expect(plan.time.hours).toBeLessThan(13);
    // 16 GPUs · 12.264 h · $3.50 default H200 rate
    expect(plan.cost.gpuHours).toBeCloseTo(196.228, 2);
    expect(plan.cost.usd).toBeCloseTo(686.8, 1);
    expect(plan.cost.priceSource).toBe("gpu-table-default");
  });

  it("spans ml-stack's 0.9–1.2 B tokens per 12 h at 35–45 % without attention", () => {
    // ml-stack §3.5: 16 · 989e12 · {0.35, 0.45} / 8N → 21K–27K tokens/s. Rows of 1 token
    // remove the attention term, so only 8N remains.
    const spec = withChanges((s) => ({
      dataset: {
        ...s.dataset,
        facts: {
          ...s.dataset.facts,
          rows: { train: 500_000_000, eval: 0 },
          tokens: { ...s.dataset.facts.tokens, maxRow: 1 },
        },
      },
    }));
    const slow = planTraining(spec, { mfu: 0.35 });
    const fast = planTraining(spec, { mfu: 0.45 });
    // 16 · 989.4e12 · 0.35 / (8 · 32,762,123,264 + 8 · 64 · 8192 · 1) = 21,139.3
    expect(slow.time.tokensPerSecond).toBeCloseTo(21_139.3, 0);
    expect(slow.time.tokensPerSecond * 12 * 3600).toBeGreaterThan(0.9e9);
    expect(fast.time.tokensPerSecond * 12 * 3600).toBeLessThan(1.2e9);
  });

  it("counts rows, not packed sequences, without packing", () => {
    const plan = planTraining(
      withChanges((s) => ({
        hyperparameters: { ...s.hyperparameters, packing: false },
      })),
    );
    // ceil(120,000 rows / 64) = 1,875 steps per epoch, × 2
    expect(plan.time.totalSteps).toBe(3750);
  });

  it("uses the spec's price when given", () => {
    const spec = withChanges((s) => ({
      compute: { ...s.compute, pricePerGpuHourUsd: 2 },
    }));
    const plan = planTraining(spec);
    expect(plan.cost.priceSource).toBe("spec");
    expect(plan.cost.usd).toBeCloseTo(plan.cost.gpuHours * 2, 6);
  });

  it("warns when the longest row is cut by the max sequence length", () => {
    const plan = planTraining(
      withChanges((s) => ({
        hyperparameters: { ...s.hyperparameters, maxSeqLength: 8192 },
      })),
    );
    expect(plan.diagnostics).toMatchObject([
      { code: codes.planTruncates, severity: "warning" },
    ]);
  });
});

describe("renderPlan", () => {
  it("shows every figure with its arithmetic, deterministically", () => {
    const text = renderPlan(planTraining(defaultTrainingSpec()));
    expect(text).toBe(renderPlan(planTraining(defaultTrainingSpec())));
    expect(text).toContain(
      "parameters, sharded fp32: 32,762,123,264 × 4 B / 16 GPUs = 8.19 GB",
    );
    expect(text).toContain("verdict: fits, 71.31 GB headroom");
    expect(text).toContain("= 12.26 h");
    expect(text).toContain("mfu = 0.4");
    const refusedText = renderPlan(planTraining(refused));
    expect(refusedText).toContain("DOES NOT FIT");
    expect(refusedText).toContain("error[plan-does-not-fit]");
  });

  it("serialises the plan as JSON that parses back to the same figures", () => {
    const plan = planTraining(defaultTrainingSpec());
    expect(JSON.parse(planJson(plan))).toEqual(plan);
  });
});
