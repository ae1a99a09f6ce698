import type { Result } from "@flowpy/sdk";
import type { JobStatus } from "./job-status.js";

/** A piece of log text and where the next read continues. */
export interface LogChunk {
  readonly text: string;
  /** Opaque position for the next `readLogs` call (bytes for Slurm, per-pod lengths for Kubernetes). */
  readonly next: string;
}

/**
 * What every engine's submitter does. Each call is one request to the engine; the submitter
 * keeps no state between calls, so a handle can be stored and used from another process.
 * Engine and transport failures come back as diagnostics (with credentials redacted).
 */
export interface Submitter<Job, Handle> {
  submit(job: Job): Promise<Result<Handle>>;
  status(handle: Handle): Promise<Result<JobStatus>>;
  /** Log text written since `from` (the `next` of the previous chunk; omit to start at the beginning). */
  readLogs(handle: Handle, from?: string): Promise<Result<LogChunk>>;
  cancel(handle: Handle): Promise<Result<void>>;
}
