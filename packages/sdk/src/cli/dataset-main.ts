#!/usr/bin/env node
import { runDatasetCli } from "./dataset-cli.js";

// The `flowpy-dataset` binary, which `flowpy dataset …` runs (the transpiler's CLI finds it
// on the path). No top-level await: the CJS build of this file must load too.
void runDatasetCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  tty: process.stderr.isTTY === true,
  now: () => performance.now(),
}).then((status) => {
  process.exitCode = status;
});
