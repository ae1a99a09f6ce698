import type { TrainingSpec } from "../spec/training-spec.js";
import { bootstrapScript } from "../launcher/launch-files.js";
import type { LaunchOptions } from "../launcher/launch-options.js";
import { shellQuote } from "./shell-quote.js";
import type { KubernetesOptions } from "./kubernetes-options.js";

export interface EnvVar {
  readonly name: string;
  readonly valueFrom: {
    readonly secretKeyRef: { readonly name: string; readonly key: string };
  };
}

/** Secrets by reference only: the manifest names the Secret and key, never a value. */
export function secretEnvVars(spec: TrainingSpec): readonly EnvVar[] {
  return spec.secretEnv.map((s) => ({
    name: s.name,
    valueFrom: { secretKeyRef: { name: s.secretName, key: s.secretKey } },
  }));
}

export function jobLabels(
  spec: TrainingSpec,
  k: KubernetesOptions,
): Readonly<Record<string, string>> {
  return {
    "app.kubernetes.io/name": spec.name,
    "app.kubernetes.io/managed-by": "flowpy-trainer-bridge",
    ...(k.queueName === undefined
      ? {}
      : { "kueue.x-k8s.io/queue-name": k.queueName }),
  };
}

export function limitsPerNode(
  spec: TrainingSpec,
  k: KubernetesOptions,
): Readonly<Record<string, string>> {
  const limits: Record<string, string> = {
    [k.gpuResource]: String(spec.compute.gpusPerNode),
  };
  for (const name of Object.keys(k.extraLimitsPerNode).sort())
    limits[name] = k.extraLimitsPerNode[name] ?? "";
  return limits;
}

/** The container command: bash running the self-contained launcher bootstrap. */
export function launcherCommand(
  spec: TrainingSpec,
  k: KubernetesOptions,
  launch: LaunchOptions,
): readonly string[] {
  return [
    "bash",
    "-c",
    bootstrapScript(spec, launch, shellQuote(k.configDir)),
    "flowpy-launch",
  ];
}
