import { defineProject } from "vitest/config";

export default defineProject({
  // Tests run against the sources of sibling packages, through their public entries.
  resolve: { conditions: ["@flowpy/source"] },
  ssr: {
    resolve: {
      conditions: ["@flowpy/source"],
      externalConditions: ["@flowpy/source"],
    },
  },
  test: {
    name: "transpiler",
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    // Setup loads tree-sitter and builds corpora; on a loaded 2-core machine that takes
    // longer than the 10 s default.
    hookTimeout: 120_000,
  },
});
