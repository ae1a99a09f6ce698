import type { Result } from "@flowpy/sdk";
import { ok } from "../diagnostics/diagnostic.js";
import { launchFiles } from "../launcher/launch-files.js";
import {
  defaultLaunchOptions,
  type LaunchOptions,
} from "../launcher/launch-options.js";
import type { JobEngine } from "../manifest/run-manifest.js";
import type { TrainingSpec } from "../spec/training-spec.js";
import type { EmittedFile } from "./emitted-file.js";
import {
  defaultKubernetesOptions,
  type KubernetesOptions,
} from "./kubernetes-options.js";
import { emitPyTorchJob } from "./pytorch-job.js";
import { emitSbatchJob } from "./sbatch-job.js";
import {
  defaultSkyPilotOptions,
  emitSkyPilotTask,
  type SkyPilotOptions,
} from "./skypilot-task.js";
import { defaultSlurmOptions, type SlurmOptions } from "./slurm-options.js";
import { emitTangleComponent } from "./tangle-component.js";
import { toYaml } from "./to-yaml.js";
import { emitTrainJob } from "./train-job.js";

/** Every engine's site settings; `jobFiles` reads the ones its engine needs. */
export interface JobFileOptions {
  readonly launch: LaunchOptions;
  readonly slurm: SlurmOptions;
  readonly kubernetes: KubernetesOptions;
  readonly skypilot: SkyPilotOptions;
  /** Where a Tangle component writes the launch files on each node. */
  readonly tangleConfigDir: string;
}

/** torchrun; Slurm files under `jobRoot`; Kubernetes namespace `default`; SkyPilot and Tangle defaults. */
export function defaultJobFileOptions(jobRoot: string): JobFileOptions {
  return {
    launch: defaultLaunchOptions,
    slurm: defaultSlurmOptions(jobRoot),
    kubernetes: defaultKubernetesOptions("default"),
    skypilot: defaultSkyPilotOptions,
    tangleConfigDir: defaultSkyPilotOptions.configDir,
  };
}

/** The engine's own file: what is submitted (sbatch script, manifest, task, component). */
const engineFile = {
  slurm: (spec, o) => {
    const job = emitSbatchJob(spec, o.slurm, o.launch);
    return job.ok
      ? ok({ path: "sbatch.sh", content: job.value.script, executable: true })
      : job;
  },
  trainjob: (spec, o) =>
    yamlFile("trainjob.yaml", emitTrainJob(spec, o.kubernetes, o.launch)),
  pytorchjob: (spec, o) =>
    yamlFile("pytorchjob.yaml", emitPyTorchJob(spec, o.kubernetes, o.launch)),
  skypilot: (spec, o) =>
    yamlFile("skypilot.yaml", emitSkyPilotTask(spec, o.skypilot, o.launch)),
  tangle: (spec, o) =>
    yamlFile(
      "component.yaml",
      emitTangleComponent(spec, o.tangleConfigDir, o.launch),
    ),
} as const satisfies Record<
  JobEngine,
  (spec: TrainingSpec, o: JobFileOptions) => Result<EmittedFile>
>;

function yamlFile(path: string, made: Result<unknown>): Result<EmittedFile> {
  return made.ok
    ? ok({ path, content: toYaml(made.value), executable: false })
    : { ok: false, diagnostics: made.diagnostics };
}

/**
 * Every file a job on `engine` needs, sorted by path: the engine's own file plus the shared
 * launcher and the configs it reads (embedded in the engine file too, written apart so they
 * can be reviewed and diffed). Pure: the same spec and options give the same bytes.
 */
export function jobFiles(
  engine: JobEngine,
  spec: TrainingSpec,
  options: JobFileOptions,
): Result<readonly EmittedFile[]> {
  const own = engineFile[engine](spec, options);
  if (!own.ok) return own;
  const files = [own.value, ...launchFiles(spec, options.launch)];
  return ok(
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  );
}
