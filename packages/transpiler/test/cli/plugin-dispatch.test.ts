import { spawnSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  findPluginCommand,
  missingPluginMessage,
} from "../../src/cli/plugin-command.js";

const root = mkdtempSync(join(tmpdir(), "flowpy-plugin-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const cliSource = join(import.meta.dirname, "../../src/cli/main.ts");
// The tsx loader by absolute URL: the CLI runs from folders outside the repository.
const tsxLoader = pathToFileURL(
  join(
    dirname(createRequire(import.meta.url).resolve("tsx/package.json")),
    "dist/loader.mjs",
  ),
).href;

/** A `flowpy-<name>` script that prints its arguments and exits with the first one. */
function plugin(dir: string, name: string, tag: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `flowpy-${name}`);
  writeFileSync(
    file,
    `#!/bin/sh\necho "${tag} $*"\necho "to stderr" >&2\nexit "$1"\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

function flowpy(args: readonly string[], cwd: string, path: string) {
  const r = spawnSync(
    process.execPath,
    ["--conditions=@flowpy/source", "--import", tsxLoader, cliSource, ...args],
    {
      cwd,
      env: { ...process.env, PATH: path },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("flowpy plugin dispatch", { timeout: 120_000 }, () => {
  const project = join(root, "project");
  const nested = join(project, "packages", "app");
  mkdirSync(nested, { recursive: true });
  const local = plugin(join(project, "node_modules", ".bin"), "hello", "local");
  const onPath = join(root, "path-bin");
  plugin(onPath, "hello", "path");
  plugin(onPath, "only-path", "path");

  it("finds flowpy-X in the nearest node_modules/.bin upwards before PATH", () => {
    expect(findPluginCommand("hello", { cwd: nested, path: onPath })).toBe(
      local,
    );
    expect(
      findPluginCommand("only-path", {
        cwd: nested,
        path: `/nonexistent${delimiter}${onPath}`,
      }),
    ).toBe(join(onPath, "flowpy-only-path"));
    expect(
      findPluginCommand("absent", { cwd: nested, path: onPath }),
    ).toBeUndefined();
    // Names that could reach outside the bin folders are never looked up.
    expect(
      findPluginCommand("../hello", { cwd: nested, path: onPath }),
    ).toBeUndefined();
  });

  it("runs the plugin with the remaining arguments and passes its output and exit code through", () => {
    const ok = flowpy(
      ["hello", "0", "--flag", "value with space"],
      nested,
      `${onPath}${delimiter}${process.env["PATH"] ?? ""}`,
    );
    expect(ok.code).toBe(0);
    expect(ok.out).toBe("local 0 --flag value with space\n");
    expect(ok.err).toBe("to stderr\n");
    const failing = flowpy(
      ["only-path", "7"],
      nested,
      `${onPath}${delimiter}${process.env["PATH"] ?? ""}`,
    );
    expect(failing.code).toBe(7);
    expect(failing.out).toBe("path 7\n");
  });

  it("names the package to install when no plugin is found", () => {
    // A PATH without the workspace's node_modules/.bin (vitest's PATH has it).
    const bare = dirname(process.execPath);
    const r = flowpy(["dataset", "build"], root, bare);
    expect(r.code).toBe(2);
    expect(r.err).toContain(missingPluginMessage("dataset"));
    expect(r.err).toContain("@flowpy/sdk");
    expect(r.err).not.toMatch(/\n\s+at /);
    const unknown = flowpy(["frobnicate"], root, bare);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown command frobnicate");
  });
});
