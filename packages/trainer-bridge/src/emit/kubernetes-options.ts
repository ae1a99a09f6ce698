/** Cluster settings for the TrainJob and PyTorchJob emitters. */
export interface KubernetesOptions {
  readonly namespace: string;
  /** Kueue LocalQueue; sets the `kueue.x-k8s.io/queue-name` label when present. */
  readonly queueName?: string;
  /** The (Cluster)TrainingRuntime a TrainJob references; Kubeflow ships `torch-distributed`. */
  readonly runtimeName: string;
  /** Extended resource name of the GPUs. */
  readonly gpuResource: string;
  /** Further per-node resource limits, e.g. RDMA devices (`rdma/ib: "8"`), CPU and memory. */
  readonly extraLimitsPerNode: Readonly<Record<string, string>>;
  /** Where the container writes the launch files before running the launcher. */
  readonly configDir: string;
  /** Size of the in-memory `/dev/shm` a PyTorchJob pod mounts (NCCL and data loaders need more than 64 MiB). */
  readonly shmSizeLimit: string;
}

export function defaultKubernetesOptions(namespace: string): KubernetesOptions {
  return {
    namespace,
    runtimeName: "torch-distributed",
    gpuResource: "nvidia.com/gpu",
    extraLimitsPerNode: {},
    configDir: "/tmp/flowpy-launch",
    shmSizeLimit: "256Gi",
  };
}
