import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from "@kubernetes/client-node";
import { codes } from "../diagnostics/codes.js";
import type { Result } from "@flowpy/sdk";
import { error, fail, ok } from "../diagnostics/diagnostic.js";
import type { PyTorchJobManifest } from "../emit/pytorch-job.js";
import { pytorchJobApi } from "../emit/pytorch-job.js";
import type { TrainJobManifest } from "../emit/train-job.js";
import { trainJobApi } from "../emit/train-job.js";
import type { JobStatus } from "./job-status.js";
import { redact } from "./redact.js";
import type { LogChunk, Submitter } from "./submitter.js";

export type KubernetesJob = TrainJobManifest | PyTorchJobManifest;

export interface KubernetesJobHandle {
  readonly kind: "kubernetes";
  readonly jobKind: KubernetesJob["kind"];
  readonly namespace: string;
  readonly name: string;
}

export type KubernetesSubmitter = Submitter<KubernetesJob, KubernetesJobHandle>;

export interface KubernetesSubmitterOptions {
  /** Credentials and cluster: load with `kubeConfigFromDefaults()` (KUBECONFIG, ~/.kube/config or in-cluster). */
  readonly kubeConfig: KubeConfig;
}

const apis = {
  TrainJob: trainJobApi,
  PyTorchJob: pytorchJobApi,
} as const satisfies Record<
  KubernetesJob["kind"],
  { group: string; version: string; plural: string }
>;

/** Cluster and credentials from the usual places: `KUBECONFIG`, `~/.kube/config`, or the in-cluster service account. */
export function kubeConfigFromDefaults(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromDefault();
  return kc;
}

/** The labels the controllers put on a job's pods. */
const podSelector = {
  TrainJob: (name: string) => `jobset.sigs.k8s.io/jobset-name=${name}`,
  PyTorchJob: (name: string) => `training.kubeflow.org/job-name=${name}`,
} as const satisfies Record<KubernetesJob["kind"], (name: string) => string>;

interface Condition {
  readonly type?: string;
  readonly status?: string;
  readonly reason?: string;
  readonly message?: string;
}

/** Every credential the kubeconfig's current user carries, for redaction. */
function kubeSecrets(kc: KubeConfig): string[] {
  const u = kc.getCurrentUser();
  if (u === null) return [];
  return [u.token, u.password, u.keyData].filter(
    (s): s is string => typeof s === "string" && s !== "",
  );
}

/**
 * The job's state from its status conditions. Both Kubeflow APIs report `Complete`/`Succeeded`,
 * `Failed` and `Suspended` conditions; a TrainJob has no "Running" condition, so an unsuspended
 * job with active child jobs (or a `Running` condition, as PyTorchJob has) is running and
 * anything else is still queued.
 */
export function kubernetesJobStatus(object: unknown): JobStatus {
  const status =
    typeof object === "object" && object !== null
      ? ((object as Record<string, unknown>)["status"] as
          Record<string, unknown> | undefined)
      : undefined;
  const conditions = Array.isArray(status?.["conditions"])
    ? (status["conditions"] as Condition[])
    : [];
  const isTrue = (type: string) =>
    conditions.find((c) => c.type === type && c.status === "True");
  const describe = (c: Condition) =>
    [c.type, c.reason, c.message]
      .filter((w) => w !== undefined && w !== "")
      .join(": ");
  const done = isTrue("Complete") ?? isTrue("Succeeded");
  if (done !== undefined) return { kind: "succeeded", detail: describe(done) };
  const failed = isTrue("Failed");
  if (failed !== undefined) return { kind: "failed", detail: describe(failed) };
  const suspended = isTrue("Suspended");
  if (suspended !== undefined)
    return { kind: "suspended", detail: describe(suspended) };
  const running = isTrue("Running");
  if (running !== undefined)
    return { kind: "running", detail: describe(running) };
  const jobs = Array.isArray(status?.["jobsStatus"])
    ? (status["jobsStatus"] as Record<string, unknown>[])
    : [];
  const active = jobs.reduce(
    (n, j) => n + (typeof j["active"] === "number" ? j["active"] : 0),
    0,
  );
  if (active > 0)
    return { kind: "running", detail: `${active} active child job(s)` };
  return {
    kind: "queued",
    detail:
      conditions.length === 0
        ? "no conditions yet"
        : conditions.map(describe).join("; "),
  };
}

/** A Kubeflow TrainJob/PyTorchJob submitter over `@kubernetes/client-node`'s generated clients. */
export function kubernetesSubmitter(
  options: KubernetesSubmitterOptions,
): KubernetesSubmitter {
  const kc = options.kubeConfig;
  const custom = kc.makeApiClient(CustomObjectsApi);
  const core = kc.makeApiClient(CoreV1Api);
  const secrets = kubeSecrets(kc);

  function failure(what: string, e: unknown): Result<never> {
    const record =
      typeof e === "object" && e !== null ? (e as Record<string, unknown>) : {};
    const status =
      typeof record["code"] === "number" ? record["code"] : undefined;
    let reason = "";
    const body = record["body"];
    const parsed: unknown = typeof body === "string" ? safeJson(body) : body;
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      typeof (parsed as Record<string, unknown>)["message"] === "string"
    )
      reason = (parsed as Record<string, string>)["message"] ?? "";
    else if (typeof body === "string") reason = body.slice(0, 200);
    else if (status === undefined)
      reason = e instanceof Error ? e.message : String(e);
    const code =
      status === undefined
        ? codes.submitTransport
        : status === 401 || status === 403
          ? codes.submitUnauthorized
          : status === 404
            ? codes.submitNotFound
            : status >= 500
              ? codes.submitTransport
              : codes.submitRejected;
    const head =
      status === undefined ? `${what} failed` : `${what} answered ${status}`;
    return fail([
      error(code, redact(reason === "" ? head : `${head}: ${reason}`, secrets)),
    ]);
  }

  return {
    async submit(job) {
      const api = apis[job.kind];
      try {
        await custom.createNamespacedCustomObject({
          ...api,
          namespace: job.metadata.namespace,
          body: job,
        });
      } catch (e) {
        return failure(
          `creating ${job.kind} ${job.metadata.namespace}/${job.metadata.name}`,
          e,
        );
      }
      return ok({
        kind: "kubernetes",
        jobKind: job.kind,
        namespace: job.metadata.namespace,
        name: job.metadata.name,
      });
    },

    async status(handle) {
      try {
        const object: unknown = await custom.getNamespacedCustomObject({
          ...apis[handle.jobKind],
          namespace: handle.namespace,
          name: handle.name,
        });
        return ok(kubernetesJobStatus(object));
      } catch (e) {
        const r = failure(
          `reading ${handle.jobKind} ${handle.namespace}/${handle.name}`,
          e,
        );
        return !r.ok &&
          r.diagnostics.every((d) => d.code === codes.submitNotFound)
          ? ok({
              kind: "missing",
              detail: `${handle.jobKind} ${handle.name} no longer exists`,
            })
          : r;
      }
    },

    async readLogs(handle, from) {
      // Position: JSON of characters already returned per pod, so each call returns what is new.
      const seen: Record<string, number> =
        from === undefined
          ? {}
          : ((safeJson(from) as Record<string, number>) ?? {});
      try {
        const pods = await core.listNamespacedPod({
          namespace: handle.namespace,
          labelSelector: podSelector[handle.jobKind](handle.name),
        });
        const names = pods.items
          .map((p) => p.metadata?.name)
          .filter((n): n is string => n !== undefined)
          .sort();
        const parts: string[] = [];
        const next: Record<string, number> = { ...seen };
        for (const name of names) {
          const text = await core.readNamespacedPodLog({
            name,
            namespace: handle.namespace,
          });
          const start = seen[name] ?? 0;
          const fresh = text.slice(start);
          next[name] = text.length;
          if (fresh !== "")
            parts.push(
              fresh
                .split("\n")
                .map((line, i, all) =>
                  i === all.length - 1 && line === ""
                    ? ""
                    : `[${name}] ${line}`,
                )
                .join("\n"),
            );
        }
        const chunk: LogChunk = {
          text: parts.join(""),
          next: JSON.stringify(next),
        };
        return ok(chunk);
      } catch (e) {
        return failure(
          `reading logs of ${handle.jobKind} ${handle.namespace}/${handle.name}`,
          e,
        );
      }
    },

    async cancel(handle) {
      try {
        await custom.deleteNamespacedCustomObject({
          ...apis[handle.jobKind],
          namespace: handle.namespace,
          name: handle.name,
          propagationPolicy: "Foreground",
        });
        return ok(undefined);
      } catch (e) {
        return failure(
          `deleting ${handle.jobKind} ${handle.namespace}/${handle.name}`,
          e,
        );
      }
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
