/** How the job asks Slurm for GPUs: `--gpus-per-node`, `--gres=gpu:N`, or not at all (CPU test clusters). */
export type SlurmGpuRequest = "gpus-per-node" | "gres" | "none";

/** Site settings for the Slurm emitter; the spec says what to run, these say where. */
export interface SlurmOptions {
  /** Shared directory every node sees; each job writes its launch files to `<jobRoot>/<name>-<jobid>`. */
  readonly jobRoot: string;
  /** Directory for the job's output file `<name>-<jobid>.out`. */
  readonly logDir: string;
  readonly partition?: string;
  readonly account?: string;
  /** Wall-clock limit in minutes. */
  readonly timeLimitMinutes?: number;
  readonly cpusPerTask?: number;
  readonly gpuRequest: SlurmGpuRequest;
  /** Ask for whole nodes (`--exclusive`), the norm for 8-GPU FSDP nodes. */
  readonly exclusive: boolean;
  /**
   * Rendezvous host to use instead of the head node's name, for clusters whose node names do
   * not resolve (and the loopback test cluster, where every "node" is 127.0.0.1).
   */
  readonly rdzvHost?: string;
}

/** Whole GPU nodes, files and logs under `jobRoot`. */
export function defaultSlurmOptions(jobRoot: string): SlurmOptions {
  return {
    jobRoot,
    logDir: jobRoot,
    gpuRequest: "gpus-per-node",
    exclusive: true,
  };
}
