import { defaultTrainingSpec } from "../../src/spec/training-spec.js";
import type { TrainingSpec } from "../../src/spec/training-spec.js";

/** The weekly default plus a variant with site NCCL settings, a secret and W&B tracking. */
export function specWithSecrets(): TrainingSpec {
  const base = defaultTrainingSpec();
  return {
    ...base,
    name: "weekly-2026-w47",
    env: { NCCL_SOCKET_IFNAME: "eth0", NCCL_IB_HCA: "mlx5_0,mlx5_1" },
    secretEnv: [
      { name: "WANDB_API_KEY", secretName: "wandb", secretKey: "api-key" },
    ],
    tracking: { kind: "wandb", project: "flow-agent", entity: "ml-team" },
  };
}

export { defaultTrainingSpec };
