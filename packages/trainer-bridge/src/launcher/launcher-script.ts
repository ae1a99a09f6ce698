import type { TrainingSpec } from "../spec/training-spec.js";
import { shellQuote } from "../emit/shell-quote.js";
import type { LaunchOptions } from "./launch-options.js";

/**
 * NCCL settings every engine gets unless the spec's `env` says otherwise. Site-specific NICs
 * (`NCCL_SOCKET_IFNAME`, `NCCL_IB_HCA`, `NCCL_IB_GID_INDEX`) have no portable default and come
 * from the spec; `NCCL_DEBUG=WARN` keeps the production logs quiet (INFO is for debugging).
 */
const NCCL_DEFAULTS: Readonly<Record<string, string>> = {
  NCCL_DEBUG: "WARN",
  TORCH_NCCL_ASYNC_ERROR_HANDLING: "1",
};

/** The non-secret environment of every rank, in a fixed (sorted) order. */
export function launcherEnv(
  spec: TrainingSpec,
): ReadonlyArray<[string, string]> {
  const env: Record<string, string> = { ...NCCL_DEFAULTS };
  const t = spec.tracking;
  if (t.kind === "mlflow") {
    env["MLFLOW_TRACKING_URI"] = t.trackingUri;
    env["MLFLOW_EXPERIMENT_NAME"] = t.experimentName;
  } else if (t.kind === "wandb") {
    env["WANDB_PROJECT"] = t.project;
    if (t.entity !== undefined) env["WANDB_ENTITY"] = t.entity;
  }
  Object.assign(env, spec.env);
  return Object.keys(env)
    .sort()
    .map((k): [string, string] => [k, env[k] ?? ""]);
}

const URI_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;

/**
 * The one launcher every engine wraps (`launch.sh`, beside `sft.yaml` and `fsdp.yaml`). It
 * reads the node count, this node's rank and the rendezvous endpoint from whichever engine
 * started it — explicit `--nnodes/--node-rank/--rdzv-host` arguments or `FLOWPY_*` overrides
 * first (Tangle passes them as arguments), then Slurm, Kubeflow Trainer (`PET_*`), PyTorchJob
 * (`MASTER_ADDR`/`RANK`) and SkyPilot — checks them against the spec, and starts the training
 * entry on this node's GPUs.
 */
export function launcherScript(
  spec: TrainingSpec,
  options: LaunchOptions,
): string {
  const name = shellQuote(spec.name);
  const nodes = spec.compute.nodes;
  const gpus = spec.compute.gpusPerNode;
  const exports = launcherEnv(spec)
    .map(([k, v]) => `export ${k}=${shellQuote(v)}`)
    .join("\n");
  const secrets = spec.secretEnv
    .map(
      (s) =>
        `: "\${${s.name}:?the secret ${s.name} did not reach this node (pass it by reference from the engine)}"`,
    )
    .join("\n");
  const launch =
    options.launcher === "torchrun"
      ? [
          "torchrun",
          '  --nnodes="$nnodes"',
          `  --nproc-per-node=${gpus}`,
          '  --node-rank="$node_rank"',
          "  --rdzv-backend=c10d",
          '  --rdzv-endpoint="$rdzv_host:$rdzv_port"',
          '  --rdzv-id="$rdzv_id"',
          `  --module ${options.entryModule}`,
          '  --config "$FLOWPY_DIR/sft.yaml"',
        ]
      : [
          "accelerate launch",
          '  --config_file "$FLOWPY_DIR/fsdp.yaml"',
          '  --num_machines "$nnodes"',
          `  --num_processes "$((nnodes * ${gpus}))"`,
          '  --machine_rank "$node_rank"',
          '  --main_process_ip "$rdzv_host"',
          '  --main_process_port "$rdzv_port"',
          "  --rdzv_backend c10d",
          `  --module ${options.entryModule}`,
          '  --config "$FLOWPY_DIR/sft.yaml"',
        ];
  const out = spec.output;
  const publish = URI_SCHEME.test(out.finalModelUri)
    ? `  echo ${shellQuote(`flowpy-launch: the final model stays in ${out.checkpointUri}; uploading it to ${out.finalModelUri} is left to the pipeline`)}`
    : [
        `  mkdir -p ${shellQuote(out.finalModelUri)}`,
        `  find ${shellQuote(out.checkpointUri)} -maxdepth 1 -type f -exec cp -p -t ${shellQuote(out.finalModelUri)} {} +`,
      ].join("\n");
  return `#!/usr/bin/env bash
# flowpy launcher for ${spec.name}: works out this node's rank and the c10d rendezvous from the
# engine that started it, sets the NCCL environment and starts ${options.launcher} on the TRL SFT
# entry. The same script runs under Slurm, Kubeflow Trainer, PyTorchJob, SkyPilot and Tangle.
set -euo pipefail
FLOWPY_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
expected_nodes=${nodes}

while (($#)); do
  case "$1" in
    --nnodes) export FLOWPY_NNODES="$2"; shift 2 ;;
    --node-rank) export FLOWPY_NODE_RANK="$2"; shift 2 ;;
    --rdzv-host) export FLOWPY_RDZV_HOST="$2"; shift 2 ;;
    *) echo "flowpy-launch: unknown argument: $1" >&2; exit 2 ;;
  esac
done

${exports}
${secrets === "" ? "" : `${secrets}\n`}
rdzv_port_default=${options.rdzvPort}
if [[ -n "\${FLOWPY_NODE_RANK:-}" ]]; then
  engine=override
  nnodes="\${FLOWPY_NNODES:-$expected_nodes}"
  node_rank="$FLOWPY_NODE_RANK"
  rdzv_host="\${FLOWPY_RDZV_HOST:?FLOWPY_RDZV_HOST must name the head node}"
  rdzv_id="\${FLOWPY_RDZV_ID:-${name}}"
elif [[ -n "\${SLURM_JOB_ID:-}" && -n "\${SLURM_NODEID:-}" ]]; then
  engine=slurm
  nnodes="\${SLURM_JOB_NUM_NODES:-$SLURM_NNODES}"
  node_rank="$SLURM_NODEID"
  head_node="$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)"
  rdzv_host="\${FLOWPY_RDZV_HOST:-$head_node}"
  rdzv_id="$SLURM_JOB_ID"
elif [[ -n "\${PET_NODE_RANK:-}" ]]; then
  engine=kubeflow
  nnodes="$PET_NNODES"
  node_rank="$PET_NODE_RANK"
  rdzv_host="$PET_MASTER_ADDR"
  rdzv_port_default="\${PET_MASTER_PORT:-$rdzv_port_default}"
  rdzv_id="\${FLOWPY_RDZV_ID:-${name}}"
elif [[ -n "\${MASTER_ADDR:-}" && -n "\${RANK:-}" ]]; then
  # PyTorchJob without PET_* variables: RANK is the pod's index; WORLD_SIZE may count processes.
  engine=pytorchjob
  nnodes="$expected_nodes"
  node_rank="$RANK"
  rdzv_host="$MASTER_ADDR"
  rdzv_port_default="\${MASTER_PORT:-$rdzv_port_default}"
  rdzv_id="\${FLOWPY_RDZV_ID:-${name}}"
elif [[ -n "\${SKYPILOT_NODE_RANK:-}" ]]; then
  engine=skypilot
  nnodes="$SKYPILOT_NUM_NODES"
  node_rank="$SKYPILOT_NODE_RANK"
  rdzv_host="$(printf '%s\\n' "$SKYPILOT_NODE_IPS" | head -n 1)"
  rdzv_id="\${SKYPILOT_TASK_ID:-${name}}"
elif [[ "$expected_nodes" == 1 ]]; then
  engine=local
  nnodes=1
  node_rank=0
  rdzv_host=127.0.0.1
  rdzv_id=${name}
else
  echo "flowpy-launch: cannot tell this node's rank: no Slurm, Kubeflow, PyTorchJob or SkyPilot environment and no --node-rank" >&2
  exit 2
fi
rdzv_port="\${FLOWPY_RDZV_PORT:-$rdzv_port_default}"

if [[ "$nnodes" != "$expected_nodes" ]]; then
  echo "flowpy-launch: the engine started $nnodes nodes, the spec asks for $expected_nodes" >&2
  exit 2
fi
if ! [[ "$node_rank" =~ ^[0-9]+$ ]] || ((node_rank >= nnodes)); then
  echo "flowpy-launch: node rank '$node_rank' is not in 0..$((nnodes - 1))" >&2
  exit 2
fi
echo "flowpy-launch: engine=$engine node_rank=$node_rank nnodes=$nnodes rdzv=$rdzv_host:$rdzv_port id=$rdzv_id"

${launch.join(" \\\n")}

if [[ "$node_rank" == 0 ]]; then
${publish}
fi
`;
}
