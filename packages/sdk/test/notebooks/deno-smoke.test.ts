import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  notebooksDir,
  repoRoot,
  runDeno,
  type DenoRun,
} from "../support/run-deno.js";
import { smokeFacts, type SmokeFacts } from "./smoke-facts.js";

/** A hang guard for Deno's start plus the tokenizer and tree-sitter loads, not a timing. */
const denoTimeout = 120_000;
const entry = join(import.meta.dirname, "deno-smoke.ts");

function facts(run: DenoRun): unknown {
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.touched).toEqual([]);
  return JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "");
}

let node: SmokeFacts;
beforeAll(async () => {
  node = await smokeFacts();
}, denoTimeout);

describe("the SDK in Deno", () => {
  it("loads tree-sitter in Node, so the comparison checks it too", () => {
    // The broken answer has two syntax errors; only tree-sitter reports the second.
    expect(node.syntaxErrors.length).toBeGreaterThanOrEqual(2);
    expect(node.roundTrip).toBe("ok");
    expect(node.compiled.ok).toBe(true);
  });

  it(
    "runs with no way to download anything",
    async () => {
      // The control: a module that needs the registry fails under the same isolation.
      const dir = mkdtempSync(join(repoRoot, "packages/sdk/tmp-deno-offline-"));
      try {
        const probe = join(dir, "probe.ts");
        writeFileSync(probe, 'import "npm:left-pad@1.3.0";\n');
        const run = await runDeno(["run", "-A", "--no-config", probe], {
          cwd: dir,
          timeoutMs: denoTimeout,
        });
        expect(run.code, `isolation: ${run.isolation}`).not.toBe(0);
        expect(run.stderr).toMatch(/left-pad/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    denoTimeout,
  );

  it(
    "gives the same results from the workspace sources (the notebooks' deno.json)",
    async () => {
      const run = await runDeno(
        [
          "run",
          "-A",
          "--no-remote",
          "--cached-only",
          "--config",
          join(notebooksDir, "deno.json"),
          entry,
        ],
        { cwd: notebooksDir, timeoutMs: denoTimeout },
      );
      expect(facts(run)).toEqual(node);
    },
    denoTimeout,
  );

  describe("from the built ESM bundles (what npm:@flowpy/sdk serves)", () => {
    // Bundles go to ignored tmp-* folders inside each package, so their dependencies
    // resolve from that package's node_modules exactly as from its dist/.
    const outDirs: string[] = [];
    let config = "";
    beforeAll(async () => {
      const require = createRequire(join(repoRoot, "package.json"));
      const tsup = join(
        require.resolve("tsup/package.json"),
        "../dist/cli-default.js",
      );
      const bundle = async (pkg: string): Promise<string> => {
        const dir = join(repoRoot, "packages", pkg);
        const out = mkdtempSync(join(dir, "tmp-deno-bundle-"));
        outDirs.push(out);
        await promisify(execFile)(
          process.execPath,
          [tsup, "--format", "esm", "--no-dts", "--out-dir", out],
          { cwd: dir, timeout: denoTimeout },
        );
        return pathToFileURL(join(out, "index.js")).href;
      };
      const transpiler = await bundle("transpiler");
      const sdk = await bundle("sdk");
      config = join(outDirs[1] ?? "", "deno.json");
      writeFileSync(
        config,
        JSON.stringify({
          nodeModulesDir: "manual",
          unstable: ["sloppy-imports"],
          lock: false,
          imports: { "@flowpy/sdk": sdk, "@flowpy/transpiler": transpiler },
        }),
      );
    }, denoTimeout);
    afterAll(() => {
      for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
    });

    it(
      "gives the same results",
      async () => {
        const run = await runDeno(
          [
            "run",
            "-A",
            "--no-remote",
            "--cached-only",
            "--config",
            config,
            entry,
          ],
          { cwd: notebooksDir, timeoutMs: denoTimeout },
        );
        expect(facts(run)).toEqual(node);
      },
      denoTimeout,
    );
  });
});
