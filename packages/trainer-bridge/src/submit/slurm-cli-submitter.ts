import { codes } from "../diagnostics/codes.js";
import type { Result } from "@flowpy/sdk";
import { error, fail, ok } from "../diagnostics/diagnostic.js";
import type { SbatchJob } from "../emit/sbatch-job.js";
import type { CommandResult, CommandRunner } from "./command-runner.js";
import type { JobStatus } from "./job-status.js";
import { redact, secretValues } from "./redact.js";
import { readSlurmLog } from "./slurm-log.js";
import { resolveOutputPattern, slurmStatus } from "./slurm-state.js";
import type { Submitter } from "./submitter.js";

/** A Slurm job as the bridge tracks it: its id, name and resolved output file. */
export interface SlurmJobHandle {
  readonly kind: "slurm";
  readonly id: string;
  readonly name: string;
  readonly logPath: string;
}

export interface SlurmCliOptions {
  readonly run: CommandRunner;
  /**
   * Environment for `sbatch` (e.g. `SLURM_CONF`); sbatch exports the submitting environment
   * to the job, which is how `secretEnv` values reach it by name. Values are never logged.
   */
  readonly env?: Readonly<Record<string, string>>;
}

export type SlurmCliSubmitter = Submitter<SbatchJob, SlurmJobHandle>;

/** Slurm through its commands: `sbatch --parsable`, `squeue`/`sacct`, `scancel`, and the output file. */
export function slurmCliSubmitter(options: SlurmCliOptions): SlurmCliSubmitter {
  const env = options.env ?? {};
  const secrets = secretValues(env);
  const run = (cmd: string, args: readonly string[], stdin?: string) =>
    options.run(cmd, args, { env, ...(stdin === undefined ? {} : { stdin }) });
  const failed = (what: string, r: CommandResult): Result<never> =>
    fail([
      error(
        /authentication|munge|credential/i.test(r.stderr)
          ? codes.submitUnauthorized
          : codes.submitCommandFailed,
        `${what} failed (exit ${r.exitCode}): ${redact(r.stderr.trim(), secrets)}`,
      ),
    ]);

  return {
    async submit(job) {
      const r = await run("sbatch", ["--parsable"], job.script);
      if (r.exitCode !== 0) return failed("sbatch", r);
      const id = r.stdout.trim().split(";")[0] ?? "";
      if (!/^\d+$/.test(id))
        return fail([
          error(
            codes.submitTransport,
            `sbatch printed no job id: ${redact(r.stdout.trim(), secrets)}`,
          ),
        ]);
      return ok({
        kind: "slurm",
        id,
        name: job.name,
        logPath: resolveOutputPattern(job.outputPattern, id, job.name),
      });
    },

    async status(handle) {
      // squeue knows jobs until MinJobAge after they end; sacct (with accounting) knows them after.
      const q = await run("squeue", [
        "-h",
        "-j",
        handle.id,
        "--states=all",
        "-o",
        "%T",
      ]);
      const state = q.stdout.trim().split("\n")[0]?.trim() ?? "";
      if (q.exitCode === 0 && state !== "") return ok(slurmStatus(state));
      if (q.exitCode !== 0 && !/invalid job id/i.test(q.stderr))
        return failed("squeue", q);
      const a = await run("sacct", [
        "-n",
        "-X",
        "-P",
        "-j",
        handle.id,
        "-o",
        "State",
      ]);
      const past = a.stdout.trim().split("\n")[0]?.trim() ?? "";
      if (a.exitCode === 0 && past !== "") return ok(slurmStatus(past));
      const missing: JobStatus = {
        kind: "missing",
        detail: `job ${handle.id} is not known to squeue or sacct`,
      };
      return ok(missing);
    },

    readLogs(handle, from) {
      return readSlurmLog(options.run, handle.logPath, from, secrets);
    },

    async cancel(handle) {
      const r = await run("scancel", [handle.id]);
      return r.exitCode === 0 ? ok(undefined) : failed("scancel", r);
    },
  };
}
