import { spawnSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";

/** Packages that provide the `flowpy-X` commands we know of, for the "not installed" hint. */
const providers: Readonly<Record<string, string>> = {
  dataset: "@flowpy/sdk",
  sdk: "@flowpy/sdk",
  eval: "@flowpy/sdk",
  flywheel: "@flowpy/sdk",
  train: "@flowpy/trainer-bridge",
};

/** Subcommand names a plugin may have: no path separators, nothing surprising on a PATH. */
const pluginName = /^[a-z][a-z0-9-]*$/;

function executable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The executable `flowpy-<name>`, git style: first in the nearest `node_modules/.bin`
 * folders from `cwd` upwards (a project's own install wins), then on `PATH`.
 */
export function findPluginCommand(
  name: string,
  where: { readonly cwd: string; readonly path: string | undefined },
): string | undefined {
  if (!pluginName.test(name)) return undefined;
  const file = `flowpy-${name}`;
  for (let dir = resolve(where.cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", ".bin", file);
    if (executable(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  for (const dir of (where.path ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, file);
    if (executable(candidate)) return candidate;
  }
  return undefined;
}

/** Why a subcommand could not be run, naming the package that provides it when known. */
export function missingPluginMessage(name: string): string {
  const provider = providers[name];
  return provider === undefined
    ? `unknown command ${name} (no flowpy-${name} in node_modules/.bin or on PATH)`
    : `flowpy ${name} is provided by ${provider}: install it (pnpm add ${provider}) so that flowpy-${name} is in node_modules/.bin or on PATH`;
}

/**
 * Runs `flowpy-<name>` with the remaining arguments, sharing this process's stdin, stdout
 * and stderr, and returns its exit status (128 + the signal number when a signal ended it).
 */
export function runPluginCommand(
  command: string,
  args: readonly string[],
): number {
  const result = spawnSync(command, [...args], { stdio: "inherit" });
  if (result.error !== undefined) return 127;
  if (result.status !== null) return result.status;
  const signals: Readonly<Record<string, number>> = {
    SIGHUP: 1,
    SIGINT: 2,
    SIGKILL: 9,
    SIGTERM: 15,
  };
  return 128 + (signals[result.signal ?? ""] ?? 0);
}
