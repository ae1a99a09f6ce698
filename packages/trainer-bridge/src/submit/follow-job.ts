import type { Result } from "@flowpy/sdk";
import { ok } from "../diagnostics/diagnostic.js";
import { isTerminal, type JobStatus } from "./job-status.js";
import type { Submitter } from "./submitter.js";

export interface FollowOptions {
  /** Pause between polls. */
  readonly pollMs: number;
  /** Give up (and return the last status seen) after this long. */
  readonly timeoutMs: number;
  /** Called with each new piece of log text, in order. */
  readonly onLog?: (text: string) => void;
  /** Called whenever the status changes. */
  readonly onStatus?: (status: JobStatus) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) =>
  new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls a job until it reaches a terminal state or the time runs out, streaming its logs as
 * they grow. Returns the last status; the caller decides whether a non-terminal status after
 * the timeout is an error.
 */
export async function followJob<Job, Handle>(
  submitter: Submitter<Job, Handle>,
  handle: Handle,
  options: FollowOptions,
): Promise<Result<JobStatus>> {
  const sleep = options.sleep ?? defaultSleep;
  const deadline = Date.now() + options.timeoutMs;
  let from: string | undefined;
  let last: JobStatus | undefined;
  for (;;) {
    const status = await submitter.status(handle);
    if (!status.ok) return status;
    if (last === undefined || last.kind !== status.value.kind)
      options.onStatus?.(status.value);
    last = status.value;
    if (options.onLog !== undefined) {
      const chunk = await submitter.readLogs(handle, from);
      if (chunk.ok) {
        if (chunk.value.text !== "") options.onLog(chunk.value.text);
        from = chunk.value.next;
      }
    }
    if (isTerminal(last) || Date.now() >= deadline) return ok(last);
    await sleep(options.pollMs);
  }
}
