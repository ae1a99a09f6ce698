import type { TrainingSpec } from "../spec/training-spec.js";
import { toYaml } from "../emit/to-yaml.js";

/**
 * The `fsdp_config` section with accelerate's `fsdp_`-prefixed keys. Transformers'
 * `TrainingArguments.fsdp_config` accepts the same names without the prefix, which is how the
 * torchrun path reuses these settings (see `trlSftArgs`).
 */
export function fsdpConfigSection(
  spec: TrainingSpec,
): Readonly<Record<string, string | number | boolean>> {
  const f = spec.fsdp;
  return {
    fsdp_version: f.version,
    fsdp_auto_wrap_policy: f.autoWrapPolicy,
    fsdp_transformer_layer_cls_to_wrap: f.transformerLayerClsToWrap,
    fsdp_reshard_after_forward: f.reshardAfterForward,
    fsdp_activation_checkpointing: f.activationCheckpointing,
    fsdp_state_dict_type: f.stateDictType,
    fsdp_cpu_ram_efficient_loading: f.cpuRamEfficientLoading,
    fsdp_offload_params: f.offloadParams,
  };
}

/**
 * Accelerate's config file for `accelerate launch --config_file`. The per-node values
 * (`machine_rank`, `main_process_ip`, `main_process_port`) are left to the launcher's command
 * line because they differ between nodes; `num_processes` is the total over all nodes.
 */
export function accelerateFsdpConfig(spec: TrainingSpec): string {
  const c = spec.compute;
  return toYaml({
    compute_environment: "LOCAL_MACHINE",
    distributed_type: "FSDP",
    mixed_precision: spec.fsdp.mixedPrecision,
    num_machines: c.nodes,
    num_processes: c.nodes * c.gpusPerNode,
    machine_rank: 0,
    rdzv_backend: "c10d",
    same_network: true,
    main_training_function: "main",
    use_cpu: false,
    fsdp_config: fsdpConfigSection(spec),
  });
}
