#!/usr/bin/env bash
# flowpy launcher for flow-agent-qwen3-32b-sft: works out this node's rank and the c10d rendezvous from the
# engine that started it, sets the NCCL environment and starts torchrun on the TRL SFT
# entry. The same script runs under Slurm, Kubeflow Trainer, PyTorchJob, SkyPilot and Tangle.
set -euo pipefail
FLOWPY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
expected_nodes=2

while (($#)); do
  case "$1" in
    --nnodes) export FLOWPY_NNODES="$2"; shift 2 ;;
    --node-rank) export FLOWPY_NODE_RANK="$2"; shift 2 ;;
    --rdzv-host) export FLOWPY_RDZV_HOST="$2"; shift 2 ;;
    *) echo "flowpy-launch: unknown argument: $1" >&2; exit 2 ;;
  esac
done

export MLFLOW_EXPERIMENT_NAME=flow-agent-sft
export MLFLOW_TRACKING_URI=http://mlflow.mlops.svc.cluster.local:5000
export NCCL_DEBUG=WARN
export TORCH_NCCL_ASYNC_ERROR_HANDLING=1

rdzv_port_default=29400
if [[ -n "${FLOWPY_NODE_RANK:-}" ]]; then
  engine=override
  nnodes="${FLOWPY_NNODES:-$expected_nodes}"
  node_rank="$FLOWPY_NODE_RANK"
  rdzv_host="${FLOWPY_RDZV_HOST:?FLOWPY_RDZV_HOST must name the head node}"
  rdzv_id="${FLOWPY_RDZV_ID:-flow-agent-qwen3-32b-sft}"
elif [[ -n "${SLURM_JOB_ID:-}" && -n "${SLURM_NODEID:-}" ]]; then
  engine=slurm
  nnodes="${SLURM_JOB_NUM_NODES:-$SLURM_NNODES}"
  node_rank="$SLURM_NODEID"
  head_node="$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)"
  rdzv_host="${FLOWPY_RDZV_HOST:-$head_node}"
  rdzv_id="$SLURM_JOB_ID"
elif [[ -n "${PET_NODE_RANK:-}" ]]; then
  engine=kubeflow
  nnodes="$PET_NNODES"
  node_rank="$PET_NODE_RANK"
  rdzv_host="$PET_MASTER_ADDR"
  rdzv_port_default="${PET_MASTER_PORT:-$rdzv_port_default}"
  rdzv_id="${FLOWPY_RDZV_ID:-flow-agent-qwen3-32b-sft}"
elif [[ -n "${MASTER_ADDR:-}" && -n "${RANK:-}" ]]; then
  # PyTorchJob without PET_* variables: RANK is the pod's index; WORLD_SIZE may count processes.
  engine=pytorchjob
  nnodes="$expected_nodes"
  node_rank="$RANK"
  rdzv_host="$MASTER_ADDR"
  rdzv_port_default="${MASTER_PORT:-$rdzv_port_default}"
  rdzv_id="${FLOWPY_RDZV_ID:-flow-agent-qwen3-32b-sft}"
elif [[ -n "${SKYPILOT_NODE_RANK:-}" ]]; then
  engine=skypilot
  nnodes="$SKYPILOT_NUM_NODES"
  node_rank="$SKYPILOT_NODE_RANK"
  rdzv_host="$(printf '%s\n' "$SKYPILOT_NODE_IPS" | head -n 1)"
  rdzv_id="${SKYPILOT_TASK_ID:-flow-agent-qwen3-32b-sft}"
elif [[ "$expected_nodes" == 1 ]]; then
  engine=local
  nnodes=1
  node_rank=0
  rdzv_host=127.0.0.1
  rdzv_id=flow-agent-qwen3-32b-sft
else
  echo "flowpy-launch: cannot tell this node's rank: no Slurm, Kubeflow, PyTorchJob or SkyPilot environment and no --node-rank" >&2
  exit 2
fi
rdzv_port="${FLOWPY_RDZV_PORT:-$rdzv_port_default}"

if [[ "$nnodes" != "$expected_nodes" ]]; then
  echo "flowpy-launch: the engine started $nnodes nodes, the spec asks for $expected_nodes" >&2
  exit 2
fi
if ! [[ "$node_rank" =~ ^[0-9]+$ ]] || ((node_rank >= nnodes)); then
  echo "flowpy-launch: node rank '$node_rank' is not in 0..$((nnodes - 1))" >&2
  exit 2
fi
echo "flowpy-launch: engine=$engine node_rank=$node_rank nnodes=$nnodes rdzv=$rdzv_host:$rdzv_port id=$rdzv_id"

torchrun \
  --nnodes="$nnodes" \
  --nproc-per-node=8 \
  --node-rank="$node_rank" \
  --rdzv-backend=c10d \
  --rdzv-endpoint="$rdzv_host:$rdzv_port" \
  --rdzv-id="$rdzv_id" \
  --module trl.scripts.sft \
  --config "$FLOWPY_DIR/sft.yaml"

if [[ "$node_rank" == 0 ]]; then
  mkdir -p /shared/models/flow-agent-qwen3-32b-sft
  find /shared/checkpoints/flow-agent-qwen3-32b-sft -maxdepth 1 -type f -exec cp -p -t /shared/models/flow-agent-qwen3-32b-sft {} +
fi
