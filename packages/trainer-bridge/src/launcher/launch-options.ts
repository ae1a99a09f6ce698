/** Which program starts the ranks on each node. */
export type Launcher = "torchrun" | "accelerate";

/** How the shared launcher starts training; engine emitters take these with their own options. */
export interface LaunchOptions {
  readonly launcher: Launcher;
  /**
   * c10d rendezvous port on the head node where the engine assigns none (Slurm, SkyPilot,
   * explicit overrides); Kubeflow's `PET_MASTER_PORT` and PyTorchJob's `MASTER_PORT` win.
   */
  readonly rdzvPort: number;
  /** Python module of the training entry; TRL's SFT script reads its arguments from `--config`. */
  readonly entryModule: string;
}

/** torchrun on TRL's SFT script, rendezvous on torchrun's default c10d port. */
export const defaultLaunchOptions: LaunchOptions = {
  launcher: "torchrun",
  rdzvPort: 29400,
  entryModule: "trl.scripts.sft",
};
