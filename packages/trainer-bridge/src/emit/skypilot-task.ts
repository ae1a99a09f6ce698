import { codes } from "../diagnostics/codes.js";
import type { Result } from "@flowpy/sdk";
import { error, fail, ok } from "../diagnostics/diagnostic.js";
import type { GpuType } from "../spec/gpu-facts.js";
import type { TrainingSpec } from "../spec/training-spec.js";
import { bootstrapScript } from "../launcher/launch-files.js";
import {
  defaultLaunchOptions,
  type LaunchOptions,
} from "../launcher/launch-options.js";
import { launchProblems } from "../launcher/launch-problems.js";
import { checkAbsolutePath, checkPositiveInt } from "./option-checks.js";
import { shellQuote } from "./shell-quote.js";

/** SkyPilot's accelerator names for the GPUs the spec knows. */
const skypilotAccelerator = {
  H200: "H200",
  "H100-80GB": "H100",
  "A100-80GB": "A100-80GB",
  "A100-40GB": "A100",
} as const satisfies Record<GpuType, string>;

export interface SkyPilotOptions {
  /** `infra` (e.g. `aws`, `k8s`, `gcp/us-central1`); absent lets SkyPilot choose. */
  readonly infra?: string;
  readonly diskSizeGb: number;
  /** Where each node writes the launch files. */
  readonly configDir: string;
}

export const defaultSkyPilotOptions: SkyPilotOptions = {
  diskSizeGb: 1024,
  configDir: "/tmp/flowpy-launch",
};

export interface SkyPilotTask {
  readonly name: string;
  readonly num_nodes: number;
  readonly resources: {
    readonly accelerators: string;
    readonly image_id: string;
    readonly disk_size: number;
    readonly infra?: string;
  };
  readonly secrets?: Readonly<Record<string, null>>;
  readonly run: string;
}

/**
 * A SkyPilot task (`sky jobs launch task.yaml`). SkyPilot runs `run` on every node with
 * `SKYPILOT_NODE_RANK`, `SKYPILOT_NUM_NODES` and `SKYPILOT_NODE_IPS` set, which the shared
 * launcher reads. Secrets are declared with null values, so SkyPilot refuses to launch until
 * they are passed with `--secret NAME` from the submitting environment.
 */
export function emitSkyPilotTask(
  spec: TrainingSpec,
  sky: SkyPilotOptions = defaultSkyPilotOptions,
  launch: LaunchOptions = defaultLaunchOptions,
): Result<SkyPilotTask> {
  const problems = [
    ...launchProblems(spec, launch),
    ...checkPositiveInt(
      sky.diskSizeGb,
      ["skypilot", "diskSizeGb"],
      "disk size",
    ),
    ...checkAbsolutePath(sky.configDir, ["skypilot", "configDir"]),
    ...(sky.infra === undefined || /^[a-z0-9][a-z0-9/_-]*$/.test(sky.infra)
      ? []
      : [
          error(
            codes.emitInvalidOptions,
            `infra "${sky.infra}" is not a SkyPilot infra name`,
            {
              path: ["skypilot", "infra"],
            },
          ),
        ]),
  ];
  if (problems.length > 0) return fail(problems);
  const secrets: Record<string, null> = {};
  for (const s of spec.secretEnv) secrets[s.name] = null;
  return ok({
    name: spec.name,
    num_nodes: spec.compute.nodes,
    resources: {
      accelerators: `${skypilotAccelerator[spec.compute.gpuType]}:${spec.compute.gpusPerNode}`,
      image_id: `docker:${spec.image}`,
      disk_size: sky.diskSizeGb,
      ...(sky.infra === undefined ? {} : { infra: sky.infra }),
    },
    ...(spec.secretEnv.length === 0 ? {} : { secrets }),
    run: bootstrapScript(spec, launch, shellQuote(sky.configDir)),
  });
}
