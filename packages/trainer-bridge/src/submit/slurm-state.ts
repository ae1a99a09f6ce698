import type { JobStateKind, JobStatus } from "./job-status.js";

/** Slurm's job states (squeue `%T`, sacct `State`, slurmrestd `job_state`). */
const slurmStates: Readonly<Record<string, JobStateKind>> = {
  PENDING: "queued",
  CONFIGURING: "queued",
  REQUEUED: "queued",
  REQUEUE_FED: "queued",
  REQUEUE_HOLD: "queued",
  RESV_DEL_HOLD: "queued",
  RESIZING: "running",
  RUNNING: "running",
  COMPLETING: "running",
  SIGNALING: "running",
  STAGE_OUT: "running",
  SUSPENDED: "suspended",
  STOPPED: "suspended",
  COMPLETED: "succeeded",
  CANCELLED: "cancelled",
  FAILED: "failed",
  BOOT_FAIL: "failed",
  DEADLINE: "failed",
  NODE_FAIL: "failed",
  OUT_OF_MEMORY: "failed",
  PREEMPTED: "failed",
  REVOKED: "failed",
  SPECIAL_EXIT: "failed",
  TIMEOUT: "failed",
};

/** A Slurm state word (sacct may append "by <uid>", e.g. "CANCELLED by 0") as a job status. */
export function slurmStatus(state: string): JobStatus {
  const word = state.trim().split(/\s+/)[0]?.toUpperCase() ?? "";
  return { kind: slurmStates[word] ?? "unknown", detail: state.trim() };
}

/** Resolves the `%j` (job id), `%x` (job name) and `%%` patterns of an output path. */
export function resolveOutputPattern(
  pattern: string,
  id: string,
  name: string,
): string {
  return pattern.replace(/%([%jx])/g, (_, c: string) =>
    c === "j" ? id : c === "x" ? name : "%",
  );
}
