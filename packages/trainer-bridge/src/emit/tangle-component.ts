import type { Result } from "@flowpy/sdk";
import { fail, ok } from "../diagnostics/diagnostic.js";
import type { TrainingSpec } from "../spec/training-spec.js";
import { bootstrapScript } from "../launcher/launch-files.js";
import {
  defaultLaunchOptions,
  type LaunchOptions,
} from "../launcher/launch-options.js";
import { launchProblems } from "../launcher/launch-problems.js";
import { checkAbsolutePath } from "./option-checks.js";
import { shellQuote } from "./shell-quote.js";

export type TanglePlaceholder = { readonly inputValue: string };

export interface TangleInput {
  readonly name: string;
  readonly type: "Integer" | "String";
  readonly description: string;
}

/** A Tangle (Kubeflow Pipelines v1 `component.yaml`) component with a container implementation. */
export interface TangleComponent {
  readonly name: string;
  readonly description: string;
  readonly metadata: { readonly annotations: Readonly<Record<string, string>> };
  readonly inputs: readonly TangleInput[];
  readonly implementation: {
    readonly container: {
      readonly image: string;
      readonly command: readonly string[];
      readonly args: readonly (string | TanglePlaceholder)[];
    };
  };
}

/**
 * The task annotations Tangle's launchers read for this job: accelerators per node and the
 * multi-node count (Tangle then starts an indexed set of pods and a headless service). They
 * belong on the pipeline task that uses the component.
 */
export function tangleTaskAnnotations(
  spec: TrainingSpec,
): Readonly<Record<string, string>> {
  return {
    "cloud-pipelines.net/launchers/generic/resources.accelerators":
      JSON.stringify({
        "nvidia.com/gpu": spec.compute.gpusPerNode,
      }),
    "tangleml.com/launchers/kubernetes/multi_node/number_of_nodes": String(
      spec.compute.nodes,
    ),
    "tangleml.com/launchers/kubernetes/security_context.capability.IPC_LOCK":
      "true",
  };
}

/**
 * The training step as a Tangle component. The node count, this node's index and the head
 * node's address are inputs, wired by the pipeline to Tangle's `system/multi_node/*` dynamic
 * data, and reach the shared launcher as `--nnodes/--node-rank/--rdzv-host`. Image and command
 * are fixed by the spec, so identical specs hit Tangle's execution cache.
 */
export function emitTangleComponent(
  spec: TrainingSpec,
  configDir = "/tmp/flowpy-launch",
  launch: LaunchOptions = defaultLaunchOptions,
): Result<TangleComponent> {
  const problems = [
    ...launchProblems(spec, launch),
    ...checkAbsolutePath(configDir, ["tangle", "configDir"]),
  ];
  if (problems.length > 0) return fail(problems);
  return ok({
    name: `train-fsdp-${spec.name}`,
    description: `Full fine-tune of ${spec.baseModel.id} with FSDP on ${spec.compute.nodes} × ${spec.compute.gpusPerNode} ${spec.compute.gpuType} (dataset ${spec.dataset.facts.name}@${spec.dataset.version}).`,
    metadata: { annotations: tangleTaskAnnotations(spec) },
    inputs: [
      {
        name: "number_of_nodes",
        type: "Integer",
        description:
          "Nodes in the job (dynamic data system/multi_node/number_of_nodes).",
      },
      {
        name: "node_index",
        type: "Integer",
        description:
          "This node's index (dynamic data system/multi_node/node_index).",
      },
      {
        name: "node_0_address",
        type: "String",
        description:
          "Address of node 0, the rendezvous host (dynamic data system/multi_node/node_0_address).",
      },
    ],
    implementation: {
      container: {
        image: spec.image,
        command: [
          "bash",
          "-c",
          bootstrapScript(spec, launch, shellQuote(configDir)),
          "flowpy-launch",
        ],
        args: [
          "--nnodes",
          { inputValue: "number_of_nodes" },
          "--node-rank",
          { inputValue: "node_index" },
          "--rdzv-host",
          { inputValue: "node_0_address" },
        ],
      },
    },
  });
}
