import type { Result } from "@flowpy/sdk";
import { fail, ok } from "../diagnostics/diagnostic.js";
import type { TrainingSpec } from "../spec/training-spec.js";
import { launchFiles, writeFilesScript } from "../launcher/launch-files.js";
import {
  defaultLaunchOptions,
  type LaunchOptions,
} from "../launcher/launch-options.js";
import { launchProblems } from "../launcher/launch-problems.js";
import {
  checkAbsolutePath,
  checkHost,
  checkName,
  checkPositiveInt,
} from "./option-checks.js";
import type { SlurmGpuRequest, SlurmOptions } from "./slurm-options.js";

/**
 * A Slurm batch job: the script text (with its `#SBATCH` lines) for `sbatch`, and the same
 * settings as data for slurmrestd, which takes them as JSON properties instead.
 */
export interface SbatchJob {
  readonly name: string;
  readonly nodes: number;
  readonly tasksPerNode: number;
  readonly gpuRequest: SlurmGpuRequest;
  readonly gpusPerNode: number;
  readonly cpusPerTask?: number;
  readonly timeLimitMinutes?: number;
  readonly partition?: string;
  readonly account?: string;
  readonly exclusive: boolean;
  /** Working directory of the batch step (the shared job root). */
  readonly workDir: string;
  /** `--output` pattern; `%j` is the job id. */
  readonly outputPattern: string;
  readonly script: string;
}

/**
 * The sbatch job for a spec: one task per node, each running the shared launcher through
 * `srun`, so every node gets its own `SLURM_NODEID` and the launcher turns it into the node
 * rank. The batch step first writes the launch files to a per-job directory on shared storage.
 */
export function emitSbatchJob(
  spec: TrainingSpec,
  slurm: SlurmOptions,
  launch: LaunchOptions = defaultLaunchOptions,
): Result<SbatchJob> {
  const problems = [
    ...launchProblems(spec, launch),
    ...checkAbsolutePath(slurm.jobRoot, ["slurm", "jobRoot"]),
    ...checkAbsolutePath(slurm.logDir, ["slurm", "logDir"]),
    ...checkName(slurm.partition, ["slurm", "partition"], "partition"),
    ...checkName(slurm.account, ["slurm", "account"], "account"),
    ...checkPositiveInt(
      slurm.timeLimitMinutes,
      ["slurm", "timeLimitMinutes"],
      "time limit",
    ),
    ...checkPositiveInt(
      slurm.cpusPerTask,
      ["slurm", "cpusPerTask"],
      "CPUs per task",
    ),
    ...checkHost(slurm.rdzvHost, ["slurm", "rdzvHost"]),
  ];
  if (problems.length > 0) return fail(problems);

  const c = spec.compute;
  const outputPattern = `${slurm.logDir}/${spec.name}-%j.out`;
  const directives = [
    `--job-name=${spec.name}`,
    `--nodes=${c.nodes}`,
    "--ntasks-per-node=1",
    ...(slurm.gpuRequest === "gpus-per-node"
      ? [`--gpus-per-node=${c.gpusPerNode}`]
      : []),
    ...(slurm.gpuRequest === "gres" ? [`--gres=gpu:${c.gpusPerNode}`] : []),
    ...(slurm.cpusPerTask === undefined
      ? []
      : [`--cpus-per-task=${slurm.cpusPerTask}`]),
    ...(slurm.exclusive ? ["--exclusive"] : []),
    ...(slurm.timeLimitMinutes === undefined
      ? []
      : [`--time=${slurm.timeLimitMinutes}`]),
    ...(slurm.partition === undefined
      ? []
      : [`--partition=${slurm.partition}`]),
    ...(slurm.account === undefined ? [] : [`--account=${slurm.account}`]),
    `--chdir=${slurm.jobRoot}`,
    `--output=${outputPattern}`,
  ];
  const script = [
    "#!/bin/bash",
    ...directives.map((d) => `#SBATCH ${d}`),
    `# flowpy: ${spec.name} — ${c.nodes} nodes × ${c.gpusPerNode} GPUs; srun starts the shared launcher once per node.`,
    "set -euo pipefail",
    `FLOWPY_JOB_DIR=${slurm.jobRoot}/${spec.name}-"$SLURM_JOB_ID"`,
    writeFilesScript(launchFiles(spec, launch), '"$FLOWPY_JOB_DIR"'),
    ...(slurm.rdzvHost === undefined
      ? []
      : [`export FLOWPY_RDZV_HOST=${slurm.rdzvHost}`]),
    `srun --nodes=${c.nodes} --ntasks-per-node=1 --kill-on-bad-exit=1 "$FLOWPY_JOB_DIR/launch.sh"`,
    "",
  ].join("\n");
  return ok({
    name: spec.name,
    nodes: c.nodes,
    tasksPerNode: 1,
    gpuRequest: slurm.gpuRequest,
    gpusPerNode: c.gpusPerNode,
    ...(slurm.cpusPerTask === undefined
      ? {}
      : { cpusPerTask: slurm.cpusPerTask }),
    ...(slurm.timeLimitMinutes === undefined
      ? {}
      : { timeLimitMinutes: slurm.timeLimitMinutes }),
    ...(slurm.partition === undefined ? {} : { partition: slurm.partition }),
    ...(slurm.account === undefined ? {} : { account: slurm.account }),
    exclusive: slurm.exclusive,
    workDir: slurm.jobRoot,
    outputPattern,
    script,
  });
}
