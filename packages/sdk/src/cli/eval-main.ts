#!/usr/bin/env node
import { runEvalCli } from "./eval-cli.js";

// The `flowpy-eval` binary, which `flowpy eval …` runs (the transpiler's CLI finds it on the
// path). No top-level await: the CJS build of this file must load too.
void runEvalCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
}).then((status) => {
  process.exitCode = status;
});
