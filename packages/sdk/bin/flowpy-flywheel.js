#!/usr/bin/env node
// A committed launcher rather than the built file itself: pnpm links a package's binaries
// at install time, when a fresh clone has no dist/ yet.
import("../dist/flywheel-cli.js").catch((e) => {
  process.stderr.write(
    `flowpy-flywheel: cannot load the built CLI (${e?.code ?? e}); run pnpm build first\n`,
  );
  process.exitCode = 3;
});
