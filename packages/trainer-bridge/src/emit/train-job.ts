import type { Result } from "@flowpy/sdk";
import { fail, ok } from "../diagnostics/diagnostic.js";
import type { TrainingSpec } from "../spec/training-spec.js";
import {
  defaultLaunchOptions,
  type LaunchOptions,
} from "../launcher/launch-options.js";
import { launchProblems } from "../launcher/launch-problems.js";
import { kubernetesOptionProblems } from "./kubernetes-checks.js";
import type { KubernetesOptions } from "./kubernetes-options.js";
import {
  jobLabels,
  launcherCommand,
  limitsPerNode,
  secretEnvVars,
  type EnvVar,
} from "./kubernetes-shared.js";

export const trainJobApi = {
  group: "trainer.kubeflow.org",
  version: "v1alpha1",
  plural: "trainjobs",
  kind: "TrainJob",
} as const;

export interface TrainJobManifest {
  readonly apiVersion: "trainer.kubeflow.org/v1alpha1";
  readonly kind: "TrainJob";
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
  };
  readonly spec: {
    readonly runtimeRef: { readonly name: string };
    readonly trainer: {
      readonly image: string;
      readonly command: readonly string[];
      readonly numNodes: number;
      readonly numProcPerNode: number;
      readonly resourcesPerNode: {
        readonly limits: Readonly<Record<string, string>>;
      };
      readonly env?: readonly EnvVar[];
    };
  };
}

/**
 * A Kubeflow Trainer v2 TrainJob on the torch runtime. The runtime injects `PET_NNODES`,
 * `PET_NODE_RANK`, `PET_MASTER_ADDR` and `PET_MASTER_PORT` into every node's container; the
 * shared launcher reads them. With a queue name, Kueue admits the job (its webhook suspends it
 * until then).
 */
export function emitTrainJob(
  spec: TrainingSpec,
  k: KubernetesOptions,
  launch: LaunchOptions = defaultLaunchOptions,
): Result<TrainJobManifest> {
  const problems = [
    ...launchProblems(spec, launch),
    ...kubernetesOptionProblems(k),
  ];
  if (problems.length > 0) return fail(problems);
  const env = secretEnvVars(spec);
  return ok({
    apiVersion: "trainer.kubeflow.org/v1alpha1",
    kind: "TrainJob",
    metadata: {
      name: spec.name,
      namespace: k.namespace,
      labels: jobLabels(spec, k),
    },
    spec: {
      runtimeRef: { name: k.runtimeName },
      trainer: {
        image: spec.image,
        command: launcherCommand(spec, k, launch),
        numNodes: spec.compute.nodes,
        numProcPerNode: spec.compute.gpusPerNode,
        resourcesPerNode: { limits: limitsPerNode(spec, k) },
        ...(env.length === 0 ? {} : { env }),
      },
    },
  });
}
