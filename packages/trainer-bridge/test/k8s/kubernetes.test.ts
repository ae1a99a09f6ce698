import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Result } from "@flowpy/sdk";
import { defaultKubernetesOptions } from "../../src/emit/kubernetes-options.js";
import { emitPyTorchJob } from "../../src/emit/pytorch-job.js";
import { emitTrainJob } from "../../src/emit/train-job.js";
import { followJob } from "../../src/submit/follow-job.js";
import type { JobStatus } from "../../src/submit/job-status.js";
import { kubernetesSubmitter } from "../../src/submit/kubernetes-submitter.js";
import { specWithSecrets } from "../emit/specs.js";
import { startMockApiServer, type MockApiServer } from "./mock-api-server.js";

const TOKEN = "canary-k8s-token-5d1e0b7a";

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}

function kubeConfig(server: string, token: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "mock", server, skipTLSVerify: true }],
    users: [{ name: "ci", token }],
    contexts: [{ name: "mock", cluster: "mock", user: "ci" }],
    currentContext: "mock",
  });
  return kc;
}

const k8s = { ...defaultKubernetesOptions("ml"), queueName: "h200-queue" };
const when = "2026-11-24T00:00:00Z";
const cond = (type: string, status: "True" | "False", reason: string) => ({
  type,
  status,
  reason,
  message: `${type} is ${status}`,
  lastTransitionTime: when,
});
const suspended = { conditions: [cond("Suspended", "True", "Suspended")] };
const running = {
  conditions: [cond("Suspended", "False", "Resumed")],
  jobsStatus: [
    {
      name: "node",
      active: 2,
      ready: 2,
      succeeded: 0,
      failed: 0,
      suspended: 0,
    },
  ],
};

let api: MockApiServer;
beforeAll(async () => {
  api = await startMockApiServer(TOKEN);
});
afterAll(async () => {
  await api.close();
});

function trainJob(name: string) {
  return value(emitTrainJob({ ...specWithSecrets(), name }, k8s));
}

async function follow(name: string, job = trainJob(name)) {
  const submitter = kubernetesSubmitter({
    kubeConfig: kubeConfig(api.url, TOKEN),
  });
  const handle = value(await submitter.submit(job));
  const seen: JobStatus["kind"][] = [];
  const logs: string[] = [];
  const final = value(
    await followJob(submitter, handle, {
      pollMs: 1,
      timeoutMs: 10_000,
      onStatus: (s) => seen.push(s.kind),
      onLog: (t) => logs.push(t),
    }),
  );
  return { submitter, handle, final, seen, logs: logs.join("") };
}

describe("Kubernetes submission against a loopback API server", () => {
  it("POSTs the emitted TrainJob with the bearer token, then polls Suspended → Running → Complete", async () => {
    const job = trainJob("tj-complete");
    api.play("tj-complete", [
      suspended,
      suspended,
      running,
      running,
      { conditions: [cond("Complete", "True", "JobsSucceeded")] },
    ]);
    const { final, seen, logs } = await follow("tj-complete", job);

    const post = api.requests.find(
      (r) => r.method === "POST" && r.path.endsWith("/trainjobs"),
    );
    expect(post).toMatchObject({
      path: "/apis/trainer.kubeflow.org/v1alpha1/namespaces/ml/trainjobs",
      authorization: `Bearer ${TOKEN}`,
      contentType: expect.stringContaining("application/json"),
    });
    expect(post?.body).toEqual(JSON.parse(JSON.stringify(job)));
    expect(seen).toEqual(["suspended", "running", "succeeded"]);
    expect(final).toEqual({
      kind: "succeeded",
      detail: "Complete: JobsSucceeded: Complete is True",
    });
    // Logs of both pods, found by the JobSet label, each line once and in order.
    expect(logs.split("\n").filter((l) => l !== "")).toEqual(
      expect.arrayContaining([
        "[tj-complete-node-0-0] tj-complete-node-0-0 step 0",
        "[tj-complete-node-0-1] tj-complete-node-0-1 step 2",
      ]),
    );
    expect(logs.match(/node-0-0 step 0/g)?.length).toBe(1);
    const podList = api.requests.find(
      (r) => r.path === "/api/v1/namespaces/ml/pods",
    );
    expect(podList?.query["labelSelector"]).toBe(
      "jobset.sigs.k8s.io/jobset-name=tj-complete",
    );
    for (const r of api.requests)
      expect(r.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("reports a failed job with its reason", async () => {
    api.play("tj-failed", [
      suspended,
      running,
      { conditions: [cond("Failed", "True", "DeadlineExceeded")] },
    ]);
    const { final, seen } = await follow("tj-failed");
    expect(seen).toEqual(["suspended", "running", "failed"]);
    expect(final.detail).toContain("DeadlineExceeded");
  });

  it("cancels by deleting the TrainJob; the job is then missing", async () => {
    api.play("tj-cancel", [running]);
    const submitter = kubernetesSubmitter({
      kubeConfig: kubeConfig(api.url, TOKEN),
    });
    const handle = value(await submitter.submit(trainJob("tj-cancel")));
    expect(value(await submitter.status(handle)).kind).toBe("running");
    value(await submitter.cancel(handle));
    const del = api.requests.find((r) => r.method === "DELETE");
    expect(del?.path).toBe(
      "/apis/trainer.kubeflow.org/v1alpha1/namespaces/ml/trainjobs/tj-cancel",
    );
    expect(JSON.stringify({ q: del?.query, b: del?.body })).toContain(
      "Foreground",
    );
    expect(value(await submitter.status(handle))).toMatchObject({
      kind: "missing",
    });
    // Cancelling twice is an error the caller sees, not a crash.
    const again = await submitter.cancel(handle);
    expect(again.ok).toBe(false);
    expect(again.diagnostics[0]?.code).toBe("submit-not-found");
  });

  it("submits a PyTorchJob to its own endpoint", async () => {
    api.play("ptj", [
      {
        conditions: [
          cond("Created", "True", "Created"),
          cond("Running", "True", "Running"),
        ],
      },
    ]);
    const job = value(
      emitPyTorchJob({ ...specWithSecrets(), name: "ptj" }, k8s),
    );
    const submitter = kubernetesSubmitter({
      kubeConfig: kubeConfig(api.url, TOKEN),
    });
    const handle = value(await submitter.submit(job));
    expect(api.requests.at(-1)).toMatchObject({
      method: "POST",
      path: "/apis/kubeflow.org/v1/namespaces/ml/pytorchjobs",
    });
    expect(value(await submitter.status(handle)).kind).toBe("running");
    value(await submitter.readLogs(handle));
    expect(api.requests.at(-3)?.query["labelSelector"]).toBe(
      "training.kubeflow.org/job-name=ptj",
    );
  });

  it("turns a conflict into a diagnostic", async () => {
    const submitter = kubernetesSubmitter({
      kubeConfig: kubeConfig(api.url, TOKEN),
    });
    value(await submitter.submit(trainJob("tj-twice")));
    const r = await submitter.submit(trainJob("tj-twice"));
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: "submit-rejected",
        message: expect.stringContaining("already exists"),
      }),
    ]);
  });

  it("never repeats the token in errors, even when the server echoes it", async () => {
    const wrong = "canary-wrong-token-a41c99e2";
    const submitter = kubernetesSubmitter({
      kubeConfig: kubeConfig(api.url, wrong),
    });
    const job = trainJob("tj-denied");
    const results = [
      await submitter.submit(job),
      await submitter.status({
        kind: "kubernetes",
        jobKind: "TrainJob",
        namespace: "ml",
        name: "tj-denied",
      }),
      await submitter.readLogs({
        kind: "kubernetes",
        jobKind: "TrainJob",
        namespace: "ml",
        name: "tj-denied",
      }),
      await submitter.cancel({
        kind: "kubernetes",
        jobKind: "TrainJob",
        namespace: "ml",
        name: "tj-denied",
      }),
    ];
    // The server did echo it…
    expect(api.requests.at(-1)?.authorization).toBe(`Bearer ${wrong}`);
    for (const r of results) {
      expect(r.ok).toBe(false);
      expect(r.diagnostics[0]?.code).toBe("submit-unauthorized");
      // …but the diagnostics do not.
      expect(JSON.stringify(r.diagnostics)).not.toContain(wrong);
    }
  });

  it("redacts the token from an error body that quotes it", async () => {
    const submitter = kubernetesSubmitter({
      kubeConfig: kubeConfig(api.url, TOKEN),
    });
    const r = await submitter.submit(trainJob("echo-credentials"));
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([
      {
        code: "submit-rejected",
        severity: "error",
        message:
          "creating TrainJob ml/echo-credentials answered 422: rejected request with authorization Bearer ***",
      },
    ]);
  });

  it("reports an unreachable API server as a transport error", async () => {
    const submitter = kubernetesSubmitter({
      kubeConfig: kubeConfig("http://127.0.0.1:1", TOKEN),
    });
    const r = await submitter.submit(trainJob("tj-nowhere"));
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.code).toBe("submit-transport");
    expect(JSON.stringify(r.diagnostics)).not.toContain(TOKEN);
  });
});
