import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { emitPyTorchJob } from "../../src/emit/pytorch-job.js";
import { emitSbatchJob } from "../../src/emit/sbatch-job.js";
import { defaultSlurmOptions } from "../../src/emit/slurm-options.js";
import { emitSkyPilotTask } from "../../src/emit/skypilot-task.js";
import { emitTangleComponent } from "../../src/emit/tangle-component.js";
import { emitTrainJob } from "../../src/emit/train-job.js";
import { toYaml } from "../../src/emit/to-yaml.js";
import { defaultKubernetesOptions } from "../../src/emit/kubernetes-options.js";
import { launchFiles } from "../../src/launcher/launch-files.js";
import { defaultLaunchOptions } from "../../src/launcher/launch-options.js";
import type { Result } from "@flowpy/sdk";
import { crdValidator } from "./crd-schema.js";
import { defaultTrainingSpec, specWithSecrets } from "./specs.js";

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}

const k8s = { ...defaultKubernetesOptions("ml"), queueName: "h200-queue" };
const specs = {
  default: defaultTrainingSpec(),
  secrets: specWithSecrets(),
} as const;

/** Every artifact for one spec, as the text that would be written to disk. */
function artifacts(which: keyof typeof specs): Record<string, string> {
  const spec = specs[which];
  const out: Record<string, string> = {};
  for (const f of launchFiles(spec, defaultLaunchOptions))
    out[f.path] = f.content;
  out["fsdp-accelerate-launch.sh"] =
    launchFiles(spec, { ...defaultLaunchOptions, launcher: "accelerate" })[0]
      ?.content ?? "";
  out["sbatch.sh"] = value(
    emitSbatchJob(spec, defaultSlurmOptions("/shared/jobs")),
  ).script;
  out["trainjob.yaml"] = toYaml(value(emitTrainJob(spec, k8s)));
  out["pytorchjob.yaml"] = toYaml(value(emitPyTorchJob(spec, k8s)));
  out["skypilot.yaml"] = toYaml(value(emitSkyPilotTask(spec)));
  out["component.yaml"] = toYaml(value(emitTangleComponent(spec)));
  return out;
}

describe("emitted artifacts", () => {
  for (const which of ["default", "secrets"] as const) {
    const files = artifacts(which);
    for (const [name, text] of Object.entries(files))
      it(`${which}: ${name} matches its snapshot`, async () => {
        await expect(text).toMatchFileSnapshot(
          `__snapshots__/${which}/${name}`,
        );
      });
  }

  it("are byte-identical across runs (pure functions of the spec)", () => {
    expect(artifacts("secrets")).toEqual(artifacts("secrets"));
  });

  it("every shell script parses with bash -n", () => {
    const files = artifacts("secrets");
    const scripts = [
      files["launch.sh"],
      files["fsdp-accelerate-launch.sh"],
      files["sbatch.sh"],
      value(emitSkyPilotTask(specs.secrets)).run,
      value(emitTrainJob(specs.secrets, k8s)).spec.trainer.command[2],
    ];
    for (const s of scripts) {
      expect(s).toBeDefined();
      execFileSync("bash", ["-n"], { input: s });
    }
  });

  it("name secrets only by reference", () => {
    const files = artifacts("secrets");
    const tj = value(emitTrainJob(specs.secrets, k8s));
    expect(tj.spec.trainer.env).toEqual([
      {
        name: "WANDB_API_KEY",
        valueFrom: { secretKeyRef: { name: "wandb", key: "api-key" } },
      },
    ]);
    expect(parse(files["skypilot.yaml"] ?? "")).toMatchObject({
      secrets: { WANDB_API_KEY: null },
    });
    // The launcher insists the secret arrived rather than running without it.
    expect(files["launch.sh"]).toContain(': "${WANDB_API_KEY:?');
  });
});

describe("TrainJob", () => {
  const schema = crdValidator("trainjob-v1alpha1.schema.yaml");
  // The CRD's two CEL rules on metadata.name (ajv runs no CEL), restated.
  const nameRules = z
    .string()
    .max(63)
    .regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);

  it("validates against the CRD schema, with the Kueue queue label", () => {
    for (const spec of Object.values(specs)) {
      const job = value(emitTrainJob(spec, k8s));
      const ok = schema(JSON.parse(JSON.stringify(job)));
      expect(schema.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
      expect(nameRules.safeParse(job.metadata.name).success).toBe(true);
      expect(job.metadata.labels["kueue.x-k8s.io/queue-name"]).toBe(
        "h200-queue",
      );
      expect(job.spec.trainer.numNodes).toBe(spec.compute.nodes);
      expect(job.spec.trainer.resourcesPerNode.limits["nvidia.com/gpu"]).toBe(
        "8",
      );
    }
  });

  it("the schema check bites: a wrong type or an unknown field is rejected", () => {
    const job = JSON.parse(
      JSON.stringify(value(emitTrainJob(specs.default, k8s))),
    ) as {
      spec: {
        trainer: Record<string, unknown>;
        runtimeRef: Record<string, unknown>;
      };
    };
    job.spec.trainer["numNodes"] = "two";
    expect(schema(job)).toBe(false);
    job.spec.trainer["numNodes"] = 2;
    job.spec.trainer["podSpecOverrides"] = {};
    expect(schema(job)).toBe(false);
    delete job.spec.trainer["podSpecOverrides"];
    job.spec.runtimeRef["name"] = "";
    expect(schema(job)).toBe(false);
  });

  it("leaves out the Kueue label without a queue", () => {
    const job = value(
      emitTrainJob(specs.default, defaultKubernetesOptions("ml")),
    );
    expect(Object.keys(job.metadata.labels)).not.toContain(
      "kueue.x-k8s.io/queue-name",
    );
  });

  it("reports bad cluster options as diagnostics", () => {
    const r = emitTrainJob(specs.default, {
      ...k8s,
      namespace: "ML_Team",
      extraLimitsPerNode: { "rdma/ib": "lots" },
    });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ["emit-invalid-options", ["kubernetes", "namespace"]],
      ["emit-invalid-options", ["kubernetes", "extraLimitsPerNode", "rdma/ib"]],
    ]);
  });
});

describe("PyTorchJob", () => {
  const schema = crdValidator("pytorchjob-v1.schema.yaml");

  it("validates against the CRD schema: one Master, nodes-1 Workers, container `pytorch`", () => {
    for (const spec of Object.values(specs)) {
      const job = value(emitPyTorchJob(spec, k8s));
      const ok = schema(JSON.parse(JSON.stringify(job)));
      expect(schema.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
      expect(job.spec.pytorchReplicaSpecs.Master.replicas).toBe(1);
      expect(job.spec.pytorchReplicaSpecs.Worker?.replicas).toBe(
        spec.compute.nodes - 1,
      );
      expect(
        job.spec.pytorchReplicaSpecs.Master.template.spec.containers[0].name,
      ).toBe("pytorch");
      expect(job.spec.nprocPerNode).toBe("8");
    }
  });

  it("the schema check bites: nprocPerNode must be a string, quantities must parse", () => {
    const job = JSON.parse(
      JSON.stringify(value(emitPyTorchJob(specs.default, k8s))),
    ) as {
      spec: Record<string, unknown> & {
        pytorchReplicaSpecs: {
          Master: {
            template: {
              spec: { volumes: { emptyDir: Record<string, unknown> }[] };
            };
          };
        };
      };
    };
    job.spec["nprocPerNode"] = 8;
    expect(schema(job)).toBe(false);
    job.spec["nprocPerNode"] = "8";
    expect(schema(job)).toBe(true);
    const dshm = job.spec.pytorchReplicaSpecs.Master.template.spec.volumes[0];
    if (dshm === undefined) throw new Error("no volume");
    dshm.emptyDir["sizeLimit"] = "256 gigs";
    expect(schema(job)).toBe(false);
  });

  it("has no Worker replica for a single node", () => {
    const one = {
      ...specs.default,
      compute: { ...specs.default.compute, nodes: 1 },
    };
    const job = value(
      emitPyTorchJob(
        {
          ...one,
          hyperparameters: { ...one.hyperparameters, globalBatchSize: 32 },
        },
        k8s,
      ),
    );
    expect(job.spec.pytorchReplicaSpecs.Worker).toBeUndefined();
  });
});

// The documented shapes (docs.skypilot.co task YAML; ml-stack §5 for the KFP v1 component).
const SkyPilotTaskShape = z.strictObject({
  name: z.string().regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/),
  num_nodes: z.int().positive(),
  resources: z.strictObject({
    accelerators: z.string().regex(/^[A-Za-z0-9-]+:\d+$/),
    image_id: z.string().startsWith("docker:"),
    disk_size: z.int().positive(),
    infra: z.string().optional(),
  }),
  secrets: z.record(z.string(), z.null()).optional(),
  run: z.string().min(1),
});

const Placeholder = z.strictObject({ inputValue: z.string() });
const ComponentShape = z.strictObject({
  name: z.string().min(1),
  description: z.string(),
  metadata: z.strictObject({ annotations: z.record(z.string(), z.string()) }),
  inputs: z.array(
    z.strictObject({
      name: z.string(),
      type: z.string(),
      description: z.string(),
    }),
  ),
  implementation: z.strictObject({
    container: z.strictObject({
      image: z.string().min(1),
      command: z.array(z.union([z.string(), Placeholder])),
      args: z.array(z.union([z.string(), Placeholder])),
    }),
  }),
});

describe("SkyPilot task and Tangle component", () => {
  it("SkyPilot YAML has the documented task shape", () => {
    for (const which of ["default", "secrets"] as const) {
      const task = parse(artifacts(which)["skypilot.yaml"] ?? "") as unknown;
      expect(SkyPilotTaskShape.safeParse(task).error).toBeUndefined();
      expect(task).toMatchObject({
        num_nodes: 2,
        resources: { accelerators: "H200:8" },
      });
    }
  });

  it("the component's placeholders name declared inputs", () => {
    const c = ComponentShape.parse(
      parse(artifacts("default")["component.yaml"] ?? ""),
    );
    const declared = new Set(c.inputs.map((i) => i.name));
    const used = c.implementation.container.args.flatMap((a) =>
      typeof a === "string" ? [] : [a.inputValue],
    );
    expect(used.length).toBe(3);
    for (const u of used) expect(declared.has(u)).toBe(true);
    expect(
      c.metadata.annotations[
        "tangleml.com/launchers/kubernetes/multi_node/number_of_nodes"
      ],
    ).toBe("2");
  });
});

describe("emit refusals", () => {
  it("refuses a loss on every token: the masked rows cannot express it", () => {
    const spec = {
      ...specs.default,
      hyperparameters: {
        ...specs.default.hyperparameters,
        assistantOnlyLoss: false,
      },
    };
    for (const r of [
      emitSbatchJob(spec, defaultSlurmOptions("/shared/jobs")),
      emitTrainJob(spec, k8s),
      emitPyTorchJob(spec, k8s),
      emitSkyPilotTask(spec),
      emitTangleComponent(spec),
    ]) {
      expect(r.ok).toBe(false);
      expect(r.diagnostics[0]).toMatchObject({
        code: "emit-unsupported",
        path: ["hyperparameters", "assistantOnlyLoss"],
      });
    }
  });

  it("refuses Slurm options that would break the #SBATCH lines", () => {
    const r = emitSbatchJob(specs.default, {
      ...defaultSlurmOptions("/shared/my jobs"),
      partition: "gpu h200",
      timeLimitMinutes: 0,
    });
    expect(r.diagnostics.map((d) => d.path)).toEqual([
      ["slurm", "jobRoot"],
      ["slurm", "logDir"],
      ["slurm", "partition"],
      ["slurm", "timeLimitMinutes"],
    ]);
  });
});
