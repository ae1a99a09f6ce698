import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What black 23.1 thinks of one source: unchanged, or the diff it would apply / its error. */
export type BlackVerdict =
  { readonly ok: true } | { readonly ok: false; readonly report: string };

/**
 * Runs `black --check --diff` ONCE over all `sources` (written to a fresh temp directory)
 * and returns a verdict per source, in input order.
 */
export async function blackCheck(
  sources: readonly string[],
): Promise<BlackVerdict[]> {
  const dir = mkdtempSync(join(tmpdir(), "flowpy-black-"));
  try {
    const files = sources.map((source, i) => {
      const file = join(dir, `case_${String(i).padStart(5, "0")}.py`);
      writeFileSync(file, source, "utf8");
      return file;
    });
    const { code, stdout, stderr } = await run("black", [
      "--check",
      "--diff",
      "--quiet",
      dir,
    ]);
    if (code !== 0 && code !== 1 && code !== 123)
      throw new Error(`black exited with ${String(code)}: ${stderr}`);
    const reports = new Map<string, string>();
    // A diff starts with `--- <file>\t<time>`; errors are `error: cannot format <file>: …`.
    for (const chunk of stdout.split(/^(?=--- )/m)) {
      const file = /^--- (\S+)/.exec(chunk)?.[1];
      if (file !== undefined) reports.set(file, chunk);
    }
    for (const lineText of stderr.split("\n")) {
      const file = /^error: cannot format (\S+?):/.exec(lineText)?.[1];
      if (file !== undefined) reports.set(file, lineText);
    }
    return files.map((file) => {
      const report = reports.get(file);
      return report === undefined ? { ok: true } : { ok: false, report };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(
  command: string,
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
  });
}
