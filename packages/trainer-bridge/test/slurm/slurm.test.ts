import { createHash } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Result } from "@flowpy/sdk";
import { emitSbatchJob, type SbatchJob } from "../../src/emit/sbatch-job.js";
import { defaultLaunchOptions } from "../../src/launcher/launch-options.js";
import type { TrainingSpec } from "../../src/spec/training-spec.js";
import { execFileRunner } from "../../src/submit/command-runner.js";
import { followJob } from "../../src/submit/follow-job.js";
import { unixSocketTransport } from "../../src/submit/http-transport.js";
import type { JobStatus } from "../../src/submit/job-status.js";
import {
  slurmCliSubmitter,
  type SlurmJobHandle,
} from "../../src/submit/slurm-cli-submitter.js";
import { slurmRestSubmitter } from "../../src/submit/slurm-rest-submitter.js";
import type { Submitter } from "../../src/submit/submitter.js";
import { specWithSecrets } from "../emit/specs.js";
import { makeTestBin, readTorchrunRecord } from "../fixtures/test-bin.js";
import {
  clusterUnavailableReason,
  freePorts,
  startSlurmCluster,
  type SlurmCluster,
} from "./cluster.js";

const unavailable = clusterUnavailableReason();
if (unavailable !== undefined && process.env["CI"] === "true")
  throw new Error(`the Slurm end-to-end test cannot run in CI: ${unavailable}`);
if (unavailable !== undefined)
  console.warn(`skipping the Slurm end-to-end test: ${unavailable}`);

const CANARY = "canary-slurm-secret-7f3a9c";
const canarySha = createHash("sha256").update(CANARY).digest("hex");

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}

let cluster: SlurmCluster;
let startedAt = 0;
beforeAll(async () => {
  if (unavailable !== undefined) return;
  startedAt = Date.now();
  // Limits are generous: on a loaded 2-core machine slurmctld's scheduling and
  // cancellation take tens of seconds; the test asserts outcomes, not speed.
  cluster = await startSlurmCluster({ rest: true });
}, 180_000);
afterAll(async () => {
  if (unavailable !== undefined || cluster === undefined) return;
  const strays = await cluster.stop();
  console.info(
    `slurm cluster lifetime: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
  );
  expect(strays, "processes left behind by the test cluster").toEqual([]);
}, 90_000);

/** A work area for one submission path, owned by the account its jobs run as. */
function workArea(name: string, owner?: { uid: number; gid: number }) {
  const root = join(cluster.dir, name);
  const dirs = {
    root,
    jobs: join(root, "jobs"),
    logs: join(root, "logs"),
    records: join(root, "records"),
    out: join(root, "out"),
  };
  for (const d of Object.values(dirs)) {
    mkdirSync(d, { recursive: true, mode: 0o755 });
    if (owner !== undefined) chownSync(d, owner.uid, owner.gid);
  }
  const bin = makeTestBin(root);
  return { ...dirs, bin };
}

async function emitFor(
  area: ReturnType<typeof workArea>,
  name: string,
): Promise<{ job: SbatchJob; port: number }> {
  const base = specWithSecrets();
  const spec: TrainingSpec = {
    ...base,
    name,
    output: {
      ...base.output,
      checkpointUri: join(area.out, "ckpt"),
      finalModelUri: join(area.out, "final"),
    },
  };
  const [port] = await freePorts(1);
  if (port === undefined) throw new Error("no free port");
  const job = value(
    emitSbatchJob(
      spec,
      {
        jobRoot: area.jobs,
        logDir: area.logs,
        gpuRequest: "none",
        exclusive: false,
        rdzvHost: "127.0.0.1",
      },
      { ...defaultLaunchOptions, rdzvPort: port },
    ),
  );
  return { job, port };
}

async function runToCompletion(
  submitter: Submitter<SbatchJob, SlurmJobHandle>,
  area: ReturnType<typeof workArea>,
  job: SbatchJob,
  port: number,
) {
  const handle = value(await submitter.submit(job));
  const seen: JobStatus["kind"][] = [];
  const logs: string[] = [];
  const final = value(
    await followJob(submitter, handle, {
      pollMs: 250,
      timeoutMs: 150_000,
      onLog: (t) => logs.push(t),
      onStatus: (s) => seen.push(s.kind),
    }),
  );
  const log = logs.join("");
  expect(final, log).toMatchObject({ kind: "succeeded", detail: "COMPLETED" });
  expect(seen.at(-1)).toBe("succeeded");
  // Both "nodes" ran the launcher with their own rank and the same rendezvous.
  for (const rank of [0, 1]) {
    const rec = readTorchrunRecord(area.records, rank);
    expect(rec.args).toEqual([
      "--nnodes=2",
      "--nproc-per-node=8",
      `--node-rank=${rank}`,
      "--rdzv-backend=c10d",
      `--rdzv-endpoint=127.0.0.1:${port}`,
      `--rdzv-id=${handle.id}`,
      "--module",
      "trl.scripts.sft",
      "--config",
      join(area.jobs, `${job.name}-${handle.id}`, "sft.yaml"),
    ]);
    expect(rec.env).toMatchObject({
      SLURM_NODEID: String(rank),
      SLURMD_NODENAME: `n${rank + 1}`,
      SLURM_JOB_ID: handle.id,
      SLURM_JOB_NUM_NODES: "2",
      NCCL_DEBUG: "WARN",
      NCCL_SOCKET_IFNAME: "eth0",
      NCCL_IB_HCA: "mlx5_0,mlx5_1",
      TORCH_NCCL_ASYNC_ERROR_HANDLING: "1",
    });
    // The secret reached both nodes by name from the submitting environment…
    expect(rec.other["secret_sha256"]).toBe(canarySha);
    expect(log).toContain(
      `flowpy-launch: engine=slurm node_rank=${rank} nnodes=2 rdzv=127.0.0.1:${port} id=${handle.id}`,
    );
    expect(log).toContain(
      `fake-torchrun: node_rank=${rank} nnodes=2 endpoint=127.0.0.1:${port}`,
    );
  }
  // …and appears in no log or job file.
  expect(log).not.toContain(CANARY);
  expect(readdirSync(join(area.out, "final"))).toEqual(["model.safetensors"]);
  // The whole log, read again from the start, is what was streamed.
  expect(value(await submitter.readLogs(handle)).text).toBe(log);
  return handle;
}

async function cancelRunning(
  submitter: Submitter<SbatchJob, SlurmJobHandle>,
  job: SbatchJob,
) {
  const handle = value(await submitter.submit(job));
  const running = value(
    await followJob(
      {
        ...submitter,
        // Stop following as soon as the job runs: a running status is "terminal" for this wait.
        status: async (h) => {
          const s = await submitter.status(h);
          return s.ok && s.value.kind === "running"
            ? { ...s, value: { kind: "succeeded", detail: "RUNNING" } }
            : s;
        },
      },
      handle,
      { pollMs: 250, timeoutMs: 90_000 },
    ),
  );
  expect(running.detail).toBe("RUNNING");
  value(await submitter.cancel(handle));
  const after = value(
    await followJob(submitter, handle, { pollMs: 250, timeoutMs: 90_000 }),
  );
  expect(after).toMatchObject({ kind: "cancelled" });
  expect(after.detail).toMatch(/^CANCELLED/);
}

describe.skipIf(unavailable !== undefined)(
  "a real two-node Slurm cluster",
  () => {
    it("runs the emitted sbatch job through sbatch/squeue on both nodes, streams logs, and cancels", async () => {
      const area = workArea("cli");
      const env = {
        ...cluster.env,
        PATH: `${area.bin}:/usr/bin:/bin:/usr/sbin:/sbin`,
        FAKE_TORCHRUN_RECORD_DIR: area.records,
        FLOWPY_TEST_SECRET_NAME: "WANDB_API_KEY",
        WANDB_API_KEY: CANARY,
      };
      const submitter = slurmCliSubmitter({
        run: execFileRunner({ PATH: env.PATH }),
        env,
      });
      const { job, port } = await emitFor(area, "slurm-cli-e2e");
      await runToCompletion(submitter, area, job, port);

      const slow = slurmCliSubmitter({
        run: execFileRunner({ PATH: env.PATH }),
        env: { ...env, FAKE_TORCHRUN_SLEEP: "120" },
      });
      await cancelRunning(slow, (await emitFor(area, "slurm-cli-cancel")).job);

      expect(
        value(
          await submitter.status({
            kind: "slurm",
            id: "999999",
            name: "x",
            logPath: "/nonexistent",
          }),
        ),
      ).toMatchObject({
        kind: "missing",
      });
    }, 400_000);

    it("does the same through slurmrestd over its unix socket", async () => {
      const user = cluster.restUser;
      const socket = cluster.restSocket;
      if (user === undefined || socket === undefined)
        throw new Error("slurmrestd was not started");
      const area = workArea("rest", user);
      const jobEnv = {
        PATH: `${area.bin}:/usr/bin:/bin`,
        SLURM_CONF: cluster.env["SLURM_CONF"] ?? "",
        FAKE_TORCHRUN_RECORD_DIR: area.records,
        FLOWPY_TEST_SECRET_NAME: "WANDB_API_KEY",
        WANDB_API_KEY: CANARY,
      };
      const base = {
        transport: unixSocketTransport(socket),
        apiVersion: "v0.0.38",
        run: execFileRunner({ PATH: "/usr/bin:/bin" }),
      };
      const submitter = slurmRestSubmitter({ ...base, jobEnv });
      const { job, port } = await emitFor(area, "slurm-rest-e2e");
      await runToCompletion(submitter, area, job, port);

      const slow = slurmRestSubmitter({
        ...base,
        jobEnv: { ...jobEnv, FAKE_TORCHRUN_SLEEP: "120" },
      });
      await cancelRunning(slow, (await emitFor(area, "slurm-rest-cancel")).job);

      expect(existsSync(socket)).toBe(true);
    }, 400_000);
  },
);
