import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The repository's root, whose `node_modules` holds the `deno` npm package. */
export const repoRoot = join(import.meta.dirname, "../../../..");

/** The sdk's notebook folder: its `deno.json` maps the workspace packages to their sources. */
export const notebooksDir = join(repoRoot, "packages/sdk/notebooks");

/**
 * The Deno executable of the `deno` npm package. Its postinstall (which pnpm does not run
 * unless allowed) only links the binary of the platform package `@deno/<os>-<arch>` into
 * place; `runInstall` does the same lookup on demand and downloads nothing.
 */
export function denoExecutable(): string {
  const require = createRequire(join(repoRoot, "package.json"));
  const api = require("deno/install_api.cjs") as {
    readonly runInstall: () => string;
  };
  return api.runInstall();
}

/** Whether this machine lets us run a command in a fresh network namespace (no network at all). */
function canUnshareNetwork(): boolean {
  const probe = spawnSync("unshare", ["--net", "true"], { stdio: "ignore" });
  return probe.status === 0;
}

export interface DenoRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Workspace files the run created or changed (it must not touch any). */
  readonly touched: readonly string[];
  /** How the network was kept away: a namespace without one, or unreachable registry settings only. */
  readonly isolation: "network-namespace" | "unreachable-registry";
}

// Some Deno commands rewrite the workspace: `deno check` and `deno install` migrate
// pnpm-workspace.yaml into package.json, and a found deno.json may get a deno.lock beside it.
const watched = [
  "package.json",
  "pnpm-workspace.yaml",
  "deno.lock",
  "packages/sdk/package.json",
  "packages/sdk/notebooks/deno.json",
  "packages/sdk/notebooks/deno.lock",
].map((file) => join(repoRoot, file));

function snapshot(): (string | undefined)[] {
  return watched.map((file) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  });
}

export interface DenoRunOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  /** A hang guard: the process is killed after this long (default 120 s). */
  readonly timeoutMs?: number;
}

/**
 * Runs Deno offline: a fresh empty `DENO_DIR` (so nothing cached from an earlier run can hide
 * a download), registry and proxies pointing at a closed loopback port, and, where the
 * machine allows it, a network namespace of its own (no interface but a loopback that is down). Whatever
 * Deno would fetch fails, so a run that succeeds resolved everything from `node_modules`.
 */
export function runDeno(
  args: readonly string[],
  options: DenoRunOptions,
): Promise<DenoRun> {
  const denoDir = mkdtempSync(join(tmpdir(), "flowpy-deno-dir-"));
  const closed = "http://127.0.0.1:9/";
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: process.env["HOME"] ?? tmpdir(),
    DENO_DIR: denoDir,
    DENO_NO_UPDATE_CHECK: "1",
    DENO_NO_PROMPT: "1",
    NO_COLOR: "1",
    NPM_CONFIG_REGISTRY: closed,
    HTTP_PROXY: closed,
    HTTPS_PROXY: closed,
    ALL_PROXY: closed,
    NO_PROXY: "",
    ...options.env,
  };
  const deno = denoExecutable();
  const isolation = canUnshareNetwork()
    ? "network-namespace"
    : "unreachable-registry";
  const [command, argv] =
    isolation === "network-namespace"
      ? ["unshare", ["--net", deno, ...args]]
      : [deno, [...args]];
  const before = snapshot();
  return new Promise((resolve, reject) => {
    // unshare execs Deno in place, so killing this pid kills Deno itself.
    const child = spawn(command, argv, {
      cwd: options.cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (t: string) => (stdout += t));
    child.stderr.setEncoding("utf8").on("data", (t: string) => (stderr += t));
    const timer = setTimeout(
      () => child.kill("SIGKILL"),
      options.timeoutMs ?? 120_000,
    );
    const cleanUp = (): void => {
      clearTimeout(timer);
      rmSync(denoDir, { recursive: true, force: true });
    };
    child.on("error", (e) => {
      cleanUp();
      reject(e);
    });
    child.on("close", (code) => {
      cleanUp();
      const after = snapshot();
      const touched = watched.filter((_, i) => before[i] !== after[i]);
      resolve({ code, stdout, stderr, touched, isolation });
    });
  });
}
