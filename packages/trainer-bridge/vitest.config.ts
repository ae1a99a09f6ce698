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
  test: { name: "trainer-bridge", include: ["test/**/*.test.ts"] },
});
