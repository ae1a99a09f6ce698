import { execFile } from "node:child_process";

export interface CommandResult {
  /** Exit status; 127 when the program could not be started at all. */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandOptions {
  readonly stdin?: string;
  /** Variables added to (and overriding) the runner's base environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Runs one program with an argument vector — never through a shell, so job names, paths and
 * scripts are passed as data. Submitters receive a runner instead of spawning themselves, so
 * tests and remote setups (e.g. an SSH runner) can substitute their own.
 */
export type CommandRunner = (
  command: string,
  args: readonly string[],
  options?: CommandOptions,
) => Promise<CommandResult>;

/** A runner on this machine through `child_process.execFile`, with `baseEnv` as the environment. */
export function execFileRunner(
  baseEnv: Readonly<Record<string, string | undefined>> = process.env,
  timeoutMs = 60_000,
): CommandRunner {
  return (command, args, options = {}) =>
    new Promise((resolve) => {
      const child = execFile(
        command,
        [...args],
        {
          env: { ...baseEnv, ...options.env },
          timeout: timeoutMs,
          maxBuffer: 64 * 1024 * 1024,
          encoding: "utf8",
        },
        (err, stdout, stderr) => {
          if (err === null) return resolve({ exitCode: 0, stdout, stderr });
          const code = (err as NodeJS.ErrnoException & { code?: unknown }).code;
          resolve({
            exitCode: typeof code === "number" ? code : 127,
            stdout,
            stderr: stderr === "" ? err.message : stderr,
          });
        },
      );
      child.stdin?.on("error", () => {
        // The program may exit before reading its input; its exit status tells what happened.
      });
      child.stdin?.end(options.stdin ?? "");
    });
}
