import { expect } from "vitest";
import { runSdkCli } from "../../src/cli/main.js";

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `flowpy-sdk` in-process, capturing its output; no stack trace may reach the user. */
export async function runSdk(...argv: string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await runSdkCli(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  expect(err).not.toMatch(/\n\s+at /);
  return { code, out, err };
}
