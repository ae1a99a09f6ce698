#!/usr/bin/env node
import { runFlywheelCli } from "./flywheel-cli.js";

// The `flowpy-flywheel` binary, which `flowpy flywheel …` runs. No top-level await: the CJS
// build of this file must load too.
void runFlywheelCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
}).then(
  (status) => {
    process.exitCode = status;
  },
  (e: unknown) => {
    process.stderr.write(
      `flowpy flywheel: internal error: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    process.exitCode = 3;
  },
);
