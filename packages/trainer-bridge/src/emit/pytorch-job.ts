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

export const pytorchJobApi = {
  group: "kubeflow.org",
  version: "v1",
  plural: "pytorchjobs",
  kind: "PyTorchJob",
} as const;

export interface PyTorchReplicaSpec {
  readonly replicas: number;
  readonly restartPolicy: "Never";
  readonly template: {
    readonly metadata: { readonly labels: Readonly<Record<string, string>> };
    readonly spec: {
      readonly containers: readonly [
        {
          readonly name: "pytorch";
          readonly image: string;
          readonly command: readonly string[];
          readonly env?: readonly EnvVar[];
          readonly resources: {
            readonly limits: Readonly<Record<string, string>>;
          };
          readonly securityContext: {
            readonly capabilities: { readonly add: readonly string[] };
          };
          readonly volumeMounts: readonly [
            { readonly name: "dshm"; readonly mountPath: "/dev/shm" },
          ];
        },
      ];
      readonly volumes: readonly [
        {
          readonly name: "dshm";
          readonly emptyDir: {
            readonly medium: "Memory";
            readonly sizeLimit: string;
          };
        },
      ];
    };
  };
}

export interface PyTorchJobManifest {
  readonly apiVersion: "kubeflow.org/v1";
  readonly kind: "PyTorchJob";
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
  };
  readonly spec: {
    readonly nprocPerNode: string;
    readonly runPolicy: {
      readonly cleanPodPolicy: "None";
      readonly backoffLimit: number;
    };
    readonly pytorchReplicaSpecs: {
      readonly Master: PyTorchReplicaSpec;
      readonly Worker?: PyTorchReplicaSpec;
    };
  };
}

/**
 * A legacy training-operator PyTorchJob (for clusters that still run it): one Master pod and
 * `nodes - 1` Worker pods, each running the shared launcher in the `pytorch` container (the
 * operator's required name), with an in-memory `/dev/shm` and `IPC_LOCK` for RDMA.
 */
export function emitPyTorchJob(
  spec: TrainingSpec,
  k: KubernetesOptions,
  launch: LaunchOptions = defaultLaunchOptions,
): Result<PyTorchJobManifest> {
  const problems = [
    ...launchProblems(spec, launch),
    ...kubernetesOptionProblems(k),
  ];
  if (problems.length > 0) return fail(problems);
  const env = secretEnvVars(spec);
  const labels = jobLabels(spec, k);
  const replica = (replicas: number): PyTorchReplicaSpec => ({
    replicas,
    restartPolicy: "Never",
    template: {
      metadata: { labels: { "app.kubernetes.io/name": spec.name } },
      spec: {
        containers: [
          {
            name: "pytorch",
            image: spec.image,
            command: launcherCommand(spec, k, launch),
            ...(env.length === 0 ? {} : { env }),
            resources: { limits: limitsPerNode(spec, k) },
            securityContext: { capabilities: { add: ["IPC_LOCK"] } },
            volumeMounts: [{ name: "dshm", mountPath: "/dev/shm" }],
          },
        ],
        volumes: [
          {
            name: "dshm",
            emptyDir: { medium: "Memory", sizeLimit: k.shmSizeLimit },
          },
        ],
      },
    },
  });
  const workers = spec.compute.nodes - 1;
  return ok({
    apiVersion: "kubeflow.org/v1",
    kind: "PyTorchJob",
    metadata: { name: spec.name, namespace: k.namespace, labels },
    spec: {
      nprocPerNode: String(spec.compute.gpusPerNode),
      runPolicy: { cleanPodPolicy: "None", backoffLimit: 0 },
      pytorchReplicaSpecs: {
        Master: replica(1),
        ...(workers > 0 ? { Worker: replica(workers) } : {}),
      },
    },
  });
}
