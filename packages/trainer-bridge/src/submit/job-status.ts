/**
 * Where a submitted job stands, the same words for every engine. `missing` means the engine no
 * longer knows the job (deleted, or aged out of the controller); `unknown` carries an engine
 * state the bridge has no mapping for, in `detail`.
 */
export type JobStateKind =
  | "queued"
  | "suspended"
  | "running"
  | "succeeded"
  | "failed"
  | "cancelled"
  | "missing"
  | "unknown";

export interface JobStatus {
  readonly kind: JobStateKind;
  /** The engine's own words (Slurm state, condition type and reason), for humans. */
  readonly detail: string;
}

const terminal = {
  queued: false,
  suspended: false,
  running: false,
  succeeded: true,
  failed: true,
  cancelled: true,
  missing: true,
  unknown: false,
} as const satisfies Record<JobStateKind, boolean>;

/** Whether the job can no longer change state (polling may stop). */
export function isTerminal(status: JobStatus): boolean {
  return terminal[status.kind];
}
