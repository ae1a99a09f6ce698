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
    name: "trainer-bridge",
    include: ["test/**/*.test.ts"],
    // Setup builds datasets and loads tree-sitter; on a loaded 2-core machine that takes
    // longer than vitest's 5 s / 10 s defaults.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
