import { codes } from "../diagnostics/codes.js";
import type { Result } from "@flowpy/sdk";
import { error, fail, ok } from "../diagnostics/diagnostic.js";
import type { SbatchJob } from "../emit/sbatch-job.js";
import type { CommandRunner } from "./command-runner.js";
import type { HttpResponse, HttpTransport } from "./http-transport.js";
import { redact, secretValues } from "./redact.js";
import type { SlurmJobHandle } from "./slurm-cli-submitter.js";
import { readSlurmLog } from "./slurm-log.js";
import { resolveOutputPattern, slurmStatus } from "./slurm-state.js";
import type { Submitter } from "./submitter.js";

export interface SlurmRestOptions {
  readonly transport: HttpTransport;
  /** OpenAPI plugin version in the path; Slurm 22.05 serves `v0.0.38` (later releases change it). */
  readonly apiVersion: string;
  /** JWT auth (`rest_auth/jwt`): sent as `X-SLURM-USER-NAME`/`X-SLURM-USER-TOKEN`; omit for unix-socket local auth. */
  readonly auth?: { readonly userName: string; readonly token: string };
  /** The job's environment: slurmrestd exports nothing implicitly, so PATH and secrets go here. */
  readonly jobEnv: Readonly<Record<string, string>>;
  /** Reads the job's output file (slurmrestd serves no logs). */
  readonly run: CommandRunner;
}

/** Credentials for slurmrestd from the usual environment variables (`SLURM_JWT`, `USER`). */
export function slurmRestAuthFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): { readonly userName: string; readonly token: string } | undefined {
  const token = env["SLURM_JWT"];
  const userName = env["SLURM_USER"] ?? env["USER"];
  return token === undefined || token === "" || userName === undefined
    ? undefined
    : { userName, token };
}

interface RestError {
  readonly error?: string;
  readonly description?: string;
  readonly error_number?: number;
  readonly errno?: number;
}

export type SlurmRestSubmitter = Submitter<SbatchJob, SlurmJobHandle>;

/** Slurm through slurmrestd's OpenAPI (v0.0.38 paths and field names). */
export function slurmRestSubmitter(
  options: SlurmRestOptions,
): SlurmRestSubmitter {
  const secrets = [
    ...(options.auth === undefined ? [] : [options.auth.token]),
    ...secretValues(options.jobEnv),
  ];
  const base = `/slurm/${options.apiVersion}`;
  const headers: Record<string, string> = {
    accept: "application/json",
    ...(options.auth === undefined
      ? {}
      : {
          "x-slurm-user-name": options.auth.userName,
          "x-slurm-user-token": options.auth.token,
        }),
  };

  async function call(
    method: "GET" | "POST" | "DELETE",
    path: string,
    body?: unknown,
  ): Promise<Result<Record<string, unknown>>> {
    let res: HttpResponse;
    try {
      res = await options.transport({
        method,
        path: `${base}${path}`,
        headers:
          body === undefined
            ? headers
            : { ...headers, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return fail([
        error(
          codes.submitTransport,
          `slurmrestd unreachable: ${redact(why, secrets)}`,
        ),
      ]);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      parsed = undefined;
    }
    const doc =
      typeof parsed === "object" && parsed !== null
        ? (parsed as Record<string, unknown>)
        : {};
    const errors = Array.isArray(doc["errors"])
      ? (doc["errors"] as RestError[])
      : [];
    const words = errors
      .map((e) =>
        [e.error, e.description]
          .filter((w) => w !== undefined && w !== "")
          .join(": "),
      )
      .filter((w) => w !== "");
    if (
      res.status >= 200 &&
      res.status < 300 &&
      errors.length === 0 &&
      parsed !== undefined
    )
      return ok(doc);
    const what = words.length > 0 ? words.join("; ") : res.body.slice(0, 200);
    const code =
      res.status === 401 || res.status === 403
        ? codes.submitUnauthorized
        : /invalid job id|not found/i.test(what)
          ? codes.submitNotFound
          : res.status >= 500 && words.length === 0
            ? codes.submitTransport
            : codes.submitRejected;
    return fail([
      error(
        code,
        `slurmrestd ${method} ${path} answered ${res.status}: ${redact(what, secrets)}`,
      ),
    ]);
  }

  return {
    async submit(job) {
      const properties = {
        name: job.name,
        nodes: job.nodes,
        tasks_per_node: job.tasksPerNode,
        current_working_directory: job.workDir,
        standard_output: job.outputPattern,
        environment: options.jobEnv,
        ...(job.gpuRequest === "gpus-per-node"
          ? { gpus_per_node: String(job.gpusPerNode) }
          : {}),
        ...(job.gpuRequest === "gres"
          ? { gres: `gpu:${job.gpusPerNode}` }
          : {}),
        ...(job.cpusPerTask === undefined
          ? {}
          : { cpus_per_task: job.cpusPerTask }),
        ...(job.timeLimitMinutes === undefined
          ? {}
          : { time_limit: job.timeLimitMinutes }),
        ...(job.partition === undefined ? {} : { partition: job.partition }),
        ...(job.account === undefined ? {} : { account: job.account }),
        ...(job.exclusive ? { exclusive: "true" } : {}),
      };
      const r = await call("POST", "/job/submit", {
        job: properties,
        script: job.script,
      });
      if (!r.ok) return r;
      const id = r.value["job_id"];
      if (typeof id !== "number")
        return fail([
          error(
            codes.submitTransport,
            "slurmrestd accepted the job but sent no job_id",
          ),
        ]);
      return ok({
        kind: "slurm",
        id: String(id),
        name: job.name,
        logPath: resolveOutputPattern(job.outputPattern, String(id), job.name),
      });
    },

    async status(handle) {
      const r = await call("GET", `/job/${handle.id}`);
      if (!r.ok)
        return r.diagnostics.every((d) => d.code === codes.submitNotFound)
          ? ok({
              kind: "missing",
              detail: `slurmrestd does not know job ${handle.id}`,
            })
          : r;
      const jobs = r.value["jobs"];
      const first: unknown = Array.isArray(jobs) ? jobs[0] : undefined;
      const state =
        typeof first === "object" && first !== null
          ? (first as Record<string, unknown>)["job_state"]
          : undefined;
      return typeof state === "string"
        ? ok(slurmStatus(state))
        : ok({
            kind: "missing",
            detail: `slurmrestd lists no job ${handle.id}`,
          });
    },

    readLogs(handle, from) {
      return readSlurmLog(options.run, handle.logPath, from, secrets);
    },

    async cancel(handle) {
      const r = await call("DELETE", `/job/${handle.id}`);
      return r.ok ? ok(undefined) : r;
    },
  };
}
