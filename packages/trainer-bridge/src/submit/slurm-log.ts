import { codes } from "../diagnostics/codes.js";
import type { Result } from "@flowpy/sdk";
import { error, fail, ok } from "../diagnostics/diagnostic.js";
import type { CommandRunner } from "./command-runner.js";
import { redact } from "./redact.js";
import type { LogChunk } from "./submitter.js";

/**
 * Reads a Slurm output file from a byte offset with `tail -c +N` through the runner (the file
 * lives on the cluster's shared storage, which the runner can reach). A file that does not
 * exist yet is an empty chunk: the job has not started writing.
 */
export async function readSlurmLog(
  run: CommandRunner,
  path: string,
  from: string | undefined,
  secrets: readonly string[],
): Promise<Result<LogChunk>> {
  const offset = from === undefined ? 0 : Number(from);
  if (!Number.isSafeInteger(offset) || offset < 0)
    return fail([error(codes.submitTransport, `bad log position "${from}"`)]);
  const r = await run("tail", ["-c", `+${offset + 1}`, "--", path]);
  if (r.exitCode !== 0) {
    if (/No such file/i.test(r.stderr))
      return ok({ text: "", next: String(offset) });
    return fail([
      error(
        codes.submitCommandFailed,
        `reading ${path} failed (exit ${r.exitCode}): ${redact(r.stderr.trim(), secrets)}`,
      ),
    ]);
  }
  return ok({
    text: r.stdout,
    next: String(offset + Buffer.byteLength(r.stdout)),
  });
}
