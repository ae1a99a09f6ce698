import { stringify } from "yaml";
import type { VllmServeConfig } from "./serving-config.js";
import type { ServingOptions } from "./serving-options.js";

/** Plain Kubernetes objects plus production-stack Helm values, and their YAML. */
export interface ServingKubernetes {
  readonly configMap: Readonly<Record<string, unknown>>;
  readonly deployment: Readonly<Record<string, unknown>>;
  readonly service: Readonly<Record<string, unknown>>;
  /** ConfigMap, Deployment and Service as one multi-document YAML file. */
  readonly yaml: string;
  /** Values for the vLLM production-stack chart (`servingEngineSpec.modelSpec[]`). */
  readonly helmValues: Readonly<Record<string, unknown>>;
  readonly helmValuesYaml: string;
}

export interface KubernetesInput {
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  readonly command: readonly string[];
  readonly configYaml: string;
  readonly chatTemplate: string;
  readonly options: ServingOptions;
  readonly vllm: VllmServeConfig;
  readonly servingSha256: string;
}

/** No line folding and no anchors: every object is written out where it is used. */
export const YAML_OPTIONS = {
  lineWidth: 0,
  aliasDuplicateObjects: false,
} as const;

const CONFIG_KEY = "config.yaml";
const TEMPLATE_KEY = "chat-template.jinja";

function splitImage(image: string): {
  repository: string;
  tag: string;
} {
  const digest = image.indexOf("@");
  if (digest >= 0)
    return { repository: image.slice(0, digest), tag: image.slice(digest) };
  const colon = image.lastIndexOf(":");
  return colon > image.lastIndexOf("/")
    ? { repository: image.slice(0, colon), tag: image.slice(colon + 1) }
    : { repository: image, tag: "latest" };
}

/** The serve flags that production-stack has no dedicated values for (ml-stack §2.4). */
function helmExtraArgs(v: VllmServeConfig): string[] {
  const out: string[] = [
    "--served-model-name",
    v["served-model-name"],
    "--generation-config",
    v["generation-config"],
    "--chat-template",
    v["chat-template"],
  ];
  if (v["enable-auto-tool-choice"] === true)
    out.push("--enable-auto-tool-choice");
  if (v["tool-call-parser"] !== undefined)
    out.push("--tool-call-parser", v["tool-call-parser"]);
  if (v["reasoning-parser"] !== undefined)
    out.push("--reasoning-parser", v["reasoning-parser"]);
  if (v["default-chat-template-kwargs"] !== undefined)
    out.push(
      "--default-chat-template-kwargs",
      JSON.stringify(v["default-chat-template-kwargs"]),
    );
  return out;
}

export function servingKubernetes(input: KubernetesInput): ServingKubernetes {
  const o = input.options;
  const filesName = `${input.name}-serving-files`;
  const labels = {
    "app.kubernetes.io/name": "vllm",
    "app.kubernetes.io/instance": input.name,
    "app.kubernetes.io/managed-by": "flowpy-trainer-bridge",
  };
  const annotations = {
    "flowpy.dev/serving-config-sha256": input.servingSha256,
  };
  const fileMounts = [
    {
      name: "serving-files",
      mountPath: o.configPath,
      subPath: CONFIG_KEY,
      readOnly: true,
    },
    {
      name: "serving-files",
      mountPath: o.chatTemplatePath,
      subPath: TEMPLATE_KEY,
      readOnly: true,
    },
  ];
  const modelMount = {
    name: "models",
    mountPath: o.modelVolume.mountPath,
    readOnly: true,
  };
  const volumes = [
    { name: "serving-files", configMap: { name: filesName } },
    {
      name: "models",
      persistentVolumeClaim: {
        claimName: o.modelVolume.claimName,
        readOnly: true,
      },
    },
  ];
  const apiKeyEnv =
    o.apiKeySecret === undefined
      ? []
      : [
          {
            name: "VLLM_API_KEY",
            valueFrom: {
              secretKeyRef: {
                name: o.apiKeySecret.secretName,
                key: o.apiKeySecret.secretKey,
              },
            },
          },
        ];
  const probe = (path: string, failureThreshold: number) => ({
    httpGet: { path, port: "http" },
    periodSeconds: 10,
    failureThreshold,
  });
  const configMap = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: filesName,
      namespace: input.namespace,
      labels,
      annotations,
    },
    data: {
      [CONFIG_KEY]: input.configYaml,
      [TEMPLATE_KEY]: input.chatTemplate,
    },
  };
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels,
      annotations,
    },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { "app.kubernetes.io/instance": input.name } },
      template: {
        // The annotation changes with the config, so a new config rolls the pods.
        metadata: { labels, annotations },
        spec: {
          containers: [
            {
              name: "vllm",
              image: input.image,
              command: [...input.command],
              ports: [{ name: "http", containerPort: o.port }],
              env: apiKeyEnv,
              resources: {
                requests: {
                  cpu: String(o.cpuRequest),
                  memory: o.memoryRequest,
                  "nvidia.com/gpu": o.tensorParallelSize,
                },
                limits: { "nvidia.com/gpu": o.tensorParallelSize },
              },
              volumeMounts: [
                ...fileMounts,
                modelMount,
                { name: "shm", mountPath: "/dev/shm" },
              ],
              // Loading 65 GB of weights takes minutes: up to 30 minutes before liveness applies.
              startupProbe: probe("/health", 180),
              readinessProbe: probe("/health", 3),
              livenessProbe: probe("/health", 6),
            },
          ],
          volumes: [
            ...volumes,
            {
              name: "shm",
              emptyDir: { medium: "Memory", sizeLimit: o.shmSize },
            },
          ],
        },
      },
    },
  };
  const service = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: input.name, namespace: input.namespace, labels },
    spec: {
      type: "ClusterIP",
      selector: { "app.kubernetes.io/instance": input.name },
      ports: [{ name: "http", port: o.port, targetPort: "http" }],
    },
  };
  const { repository, tag } = splitImage(input.image);
  const v = input.vllm;
  const helmValues = {
    servingEngineSpec: {
      ...(o.apiKeySecret === undefined
        ? {}
        : {
            vllmApiKey: {
              secretName: o.apiKeySecret.secretName,
              secretKey: o.apiKeySecret.secretKey,
            },
          }),
      modelSpec: [
        {
          name: input.name,
          repository,
          tag,
          modelURL: v.model,
          replicaCount: o.replicas,
          requestCPU: o.cpuRequest,
          requestMemory: o.memoryRequest,
          requestGPU: o.tensorParallelSize,
          shmSize: o.shmSize,
          // The chart's own chatTemplate key changed shape between releases; mounting the
          // same ConfigMap as the plain Deployment keeps the template bytes identical.
          extraVolumes: volumes,
          extraVolumeMounts: [fileMounts[1], modelMount],
          vllmConfig: {
            enablePrefixCaching: v["enable-prefix-caching"],
            maxModelLen: v["max-model-len"],
            dtype: v.dtype,
            tensorParallelSize: v["tensor-parallel-size"],
            ...(v["max-num-seqs"] === undefined
              ? {}
              : { maxNumSeqs: v["max-num-seqs"] }),
            gpuMemoryUtilization: v["gpu-memory-utilization"],
            extraArgs: helmExtraArgs(v),
          },
        },
      ],
    },
  };
  const yaml = [configMap, deployment, service]
    .map((doc) => stringify(doc, YAML_OPTIONS))
    .join("---\n");
  return {
    configMap,
    deployment,
    service,
    yaml,
    helmValues,
    helmValuesYaml: stringify(helmValues, YAML_OPTIONS),
  };
}
